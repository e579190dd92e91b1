package io.snapshotsdk.aliyun.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.aliyun.AliyunSnapshotOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of the seed and the current model, all reported at once, before anything is sent. */
class AliyunRulesTest {
    private static CreateSnapshotRequest.Builder base() {
        return CreateSnapshotRequest.builder().sourceId("d-bp1s5fnvk4gn2tws0abcd");
    }

    private static List<String> fields(CreateSnapshotRequest r) {
        return catchThrowableOfType(InvalidRequestException.class, () -> AliyunRules.createParameters(r, "123e4567-e89b-12d3-a456-426655440000"))
                .violations().stream().map(Violation::field).toList();
    }

    @Test
    void theParametersFollowTheDocumentedOrder() {
        Map<String, String> p = AliyunRules.createParameters(base().name("testSnapshotName").description("testDescription")
                .putTags("TestKey", "TestValue").options(AliyunSnapshotOptions.builder().retentionDays(30).resourceGroupId("rg-1").build())
                .build(), "123e4567-e89b-12d3-a456-426655440000");
        assertThat(p.keySet()).containsExactly("DiskId", "SnapshotName", "Description", "RetentionDays", "ResourceGroupId",
                "Tag.1.Key", "Tag.1.Value", "ClientToken");
        assertThat(p).containsEntry("RetentionDays", "30").containsEntry("ClientToken", "123e4567-e89b-12d3-a456-426655440000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "1snapshot", "_x", "http://x", "https://example", "autoSnapshot", "bad name", "bad*name"})
    void badNames(String name) {
        assertThat(fields(base().name(name).build())).contains("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "FinanceJoshua", "snap:2024_01-a.b", "快照备份", "Auto-not-lowercase"})
    void goodNames(String name) {
        AliyunRules.createParameters(base().name(name).build(), "t");
    }

    @Test
    void idsInTheQueryAreLettersDigitsDashAndUnderscore() {
        for (String bad : new String[] {"..", "d-1/..", "%2F", "d-1%2e%2e", "d-1\\x", "d-1?x", "d-1#x", "d-1\r\n", "d\u0000", "d-1\uFF0F",
            "x".repeat(65)}) {
            assertThat(fields(CreateSnapshotRequest.builder().sourceId(bad).build())).as(bad).containsExactly("sourceId");
            assertThat(fields(base().options(AliyunSnapshotOptions.builder().resourceGroupId(bad).build()).build())).as(bad)
                    .containsExactly("options.resourceGroupId");
        }
    }

    @Test
    void nameLengthIs2To128() {
        AliyunRules.createParameters(base().name("a" + "b".repeat(127)).build(), "t");
        assertThat(fields(base().name("a" + "b".repeat(128)).build())).containsExactly("name");
    }

    @Test
    void descriptions() {
        assertThat(fields(base().description("x").build())).containsExactly("description");
        assertThat(fields(base().description("d".repeat(257)).build())).containsExactly("description");
        assertThat(fields(base().description("https://example.com is here").build())).containsExactly("description");
        AliyunRules.createParameters(base().description("d".repeat(256)).build(), "t");
        AliyunRules.createParameters(base().description("a b*c~d/e:f+g&h=i'j(k)l!m快照").build(), "t");
    }

    @Test
    void tags() {
        CreateSnapshotRequest.Builder many = base();
        for (int i = 0; i < 21; i++) {
            many.putTags("k" + i, "v");
        }
        assertThat(fields(many.build())).containsExactly("tags");
        assertThat(fields(base().putTags("", "v").build())).containsExactly("tags[]");
        assertThat(fields(base().putTags("aliyun-x", "v").build())).containsExactly("tags[aliyun-x]");
        assertThat(fields(base().putTags("acs:x", "v").build())).containsExactly("tags[acs:x]");
        assertThat(fields(base().putTags("see http://x", "v").build())).containsExactly("tags[see http://x]");
        assertThat(fields(base().putTags("k", "see https://x").build())).containsExactly("tags[k]");
        assertThat(fields(base().putTags("k".repeat(129), "v").build())).hasSize(1);
        assertThat(fields(base().putTags("k", "v".repeat(129)).build())).containsExactly("tags[k]");
        assertThat(fields(base().putTags("k", "").build())).containsExactly("tags[k]");
        AliyunRules.createParameters(base().putTags("k".repeat(128), "v".repeat(128)).build(), "t");
    }

    @Test
    void optionsRanges() {
        assertThat(fields(base().options(AliyunSnapshotOptions.builder().retentionDays(0).build()).build()))
                .containsExactly("options.retentionDays");
        assertThat(fields(base().options(AliyunSnapshotOptions.builder().retentionDays(65537).build()).build()))
                .containsExactly("options.retentionDays");
        assertThat(fields(base().options(AliyunSnapshotOptions.builder().instantAccessRetentionDays(5).build()).build()))
                .containsExactly("options.instantAccessRetentionDays");
        assertThat(fields(base().options(AliyunSnapshotOptions.builder().instantAccess(true).instantAccessRetentionDays(65536).build()).build()))
                .containsExactly("options.instantAccessRetentionDays");
        assertThat(fields(base().options(AliyunSnapshotOptions.builder().instantAccess(true)
                .category(AliyunSnapshotOptions.Category.FLASH).build()).build())).containsExactly("options.category");
        Map<String, String> p = AliyunRules.createParameters(base().options(AliyunSnapshotOptions.builder().retentionDays(65536)
                .instantAccess(true).instantAccessRetentionDays(65535).build()).build(), "t");
        assertThat(p).containsEntry("InstantAccess", "true").containsEntry("InstantAccessRetentionDays", "65535");
    }

    @Test
    void clientTokens() {
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> AliyunRules.createParameters(base().build(), "x".repeat(65)))
                .violations()).extracting(Violation::field).containsExactly("idempotencyToken");
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> AliyunRules.createParameters(base().build(), "tökén"))
                .violations()).extracting(Violation::field).containsExactly("idempotencyToken");
        AliyunRules.createParameters(base().build(), "x".repeat(64));
    }

    @Test
    void everythingAtOnce() {
        assertThat(fields(base().name("auto1").description("h").putTags("acs:k", "").build()))
                .contains("name", "description", "tags[acs:k]");
    }
}
