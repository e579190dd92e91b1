package io.snapshotsdk.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.SnapshotState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** clouds.yaml reading, endpoint URLs, the schema's rules and the status words. */
class OpenStackPartsTest {

    @Test
    void cloudsYamlFlattensNestedMappingsAndUnquotes() {
        Map<String, String> y = CloudsYaml.parse("""
                # comment
                clouds:
                  devstack:
                    auth:
                      auth_url: https://keystone.example.test/identity/v3
                      password: "p#ss: word"   # comment after a quoted value
                      project_id: '110011'
                    regions:
                      - RegionOne
                    region_name: RegionOne
                  other: {a: 1}
                """);
        assertThat(CloudsYaml.get(y, "devstack", "auth.auth_url")).contains("https://keystone.example.test/identity/v3");
        assertThat(CloudsYaml.get(y, "devstack", "auth.password")).contains("p#ss: word");
        assertThat(CloudsYaml.get(y, "devstack", "auth.project_id")).contains("110011");
        assertThat(CloudsYaml.get(y, "devstack", "region_name")).contains("RegionOne");
        assertThat(y).doesNotContainKey("clouds.other");
    }

    @Test
    void endpointVersions() {
        assertThat(CinderUrls.version("https://dfw.blockstorage.api.rackspacecloud.com/v1/110011")).contains(1);
        assertThat(CinderUrls.version("http://23.253.248.171:8776/v3/a69")).contains(3);
        assertThat(CinderUrls.version("https://cinder.example.com/volume/v3")).contains(3);
        assertThat(CinderUrls.version("https://v1host.example.com/x")).isEmpty();
        assertThat(CinderUrls.withVersion("https://dfw.blockstorage.api.rackspacecloud.com/v1/110011", 2))
                .isEqualTo("https://dfw.blockstorage.api.rackspacecloud.com/v2/110011");
        assertThat(CinderUrls.endsWithVersion("https://cinder.example.com/volume/v3/")).isTrue();
        assertThat(CinderUrls.endsWithVersion("https://cinder.example.com/v3/abc")).isFalse();
    }

    @Test
    void theSchemasRulesAreCheckedAtOnce() {
        List<String> fields = catchThrowableOfType(InvalidRequestException.class, () -> CinderRules.check(CreateSnapshotRequest.builder()
                .sourceId("vol-1").name("n".repeat(256)).description("tab\there").putTags("bad*key", "v").putTags("k", "v".repeat(256))
                .putTags("snapshot-sdk:idempotency-token", "x").build(), "t")).violations().stream().map(Violation::field).toList();
        assertThat(fields).contains("sourceId", "name", "description", "tags[bad*key]", "tags[k]", "tags[snapshot-sdk:idempotency-token]");
        CinderRules.check(CreateSnapshotRequest.builder().sourceId("5aa119a8-d25b-45a7-8d1b-88e127885635")
                .putTags("a-b_c:d.e f/g", "v").build(), "t");
    }

    @Test
    void forceIsSentOnlyWhenAskedAndBelow366() {
        var r = CreateSnapshotRequest.builder().sourceId("5aa119a8-d25b-45a7-8d1b-88e127885635").build();
        assertThat(CinderRules.createBody(r, Optional.empty(), 3, "3.0", "t").path("snapshot").has("force")).isFalse();
        var forced = Optional.of(io.snapshotsdk.openstack.OpenStackSnapshotOptions.builder().force(true).build());
        assertThat(CinderRules.createBody(r, forced, 3, "3.65", "t").at("/snapshot/force").asBoolean()).isTrue();
        assertThat(CinderRules.createBody(r, forced, 3, "3.66", "t").path("snapshot").has("force")).isFalse();
        assertThat(CinderRules.createBody(r, forced, 1, "3.0", "t").at("/snapshot/force").asBoolean()).isTrue();
        assertThat(CinderRules.createBody(r, forced, 1, "3.0", "t").path("snapshot").has("metadata")).isFalse();
    }

    @Test
    void statusesAreReadWithoutCase() {
        assertThat(CinderSnapshots.state("CREATING")).isEqualTo(SnapshotState.CREATING);
        assertThat(CinderSnapshots.state("available")).isEqualTo(SnapshotState.READY);
        assertThat(CinderSnapshots.state("ERROR")).isEqualTo(SnapshotState.FAILED);
        assertThat(CinderSnapshots.state("error_deleting")).isEqualTo(SnapshotState.FAILED);
        assertThat(CinderSnapshots.state("Deleting")).isEqualTo(SnapshotState.DELETING);
        assertThat(CinderSnapshots.state("backing-up")).isEqualTo(SnapshotState.READY);
        assertThat(CinderSnapshots.state("something-new")).isEqualTo(SnapshotState.UNKNOWN);
        assertThat(CinderSnapshots.time("2012-02-29T03:50:07Z")).contains(java.time.Instant.parse("2012-02-29T03:50:07Z"));
        assertThat(Keystone.time("2010-11-01T03:32:15-05:00")).contains(java.time.Instant.parse("2010-11-01T08:32:15Z"));
    }
}
