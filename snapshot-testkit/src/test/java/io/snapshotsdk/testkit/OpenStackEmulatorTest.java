package io.snapshotsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract on Cinder v3 through Keystone v3, and what Keystone and Cinder check: issued
 * tokens only, the token's project, the v3 create schema, microversions, the delete
 * precondition, and the other ways the client authenticates.
 */
class OpenStackEmulatorTest extends EmulatorContract {
    static final String VOLUME = "5aa119a8-d25b-45a7-8d1b-88e127885635";
    static final String PROJECT = "a6944d763bf64ee6a275f1263fae0352";
    static final String TOKEN_KEY = "snapshot-sdk:idempotency-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    protected String providerId() {
        return "openstack";
    }

    @Override
    protected String diskId() {
        return VOLUME;
    }

    @Override
    protected String unknownDiskId() {
        return "d291b81c-6e40-4525-8231-90aa1588121e";
    }

    @Override
    protected String unknownSnapshotId() {
        return "b36476e5-d18b-47f9-ac69-4818cb43ee21";
    }

    @Override
    protected Expected notFound() {
        return new Expected(404, "itemNotFound");
    }

    @Override
    protected Expected unknownDisk() {
        return new Expected(404, "itemNotFound");
    }

    @Override
    protected Expected throttled() {
        return new Expected(413, "overLimit");
    }

    @Override
    protected Expected serverError() {
        return new Expected(500, "computeFault");
    }

    @Override
    protected Map<String, String> wrongCredentials(Map<String, String> settings) {
        Map<String, String> s = new HashMap<>(settings);
        s.put("password", "not-the-password");
        return s;
    }

    @Override
    protected Expected wrongCredentialsRefusal() {
        return new Expected(401, "error");
    }

    /**
     * Cinder has no idempotency token: the client carries one as a metadata marker, and after a
     * server error on a create it looks the marker up before sending again, so one snapshot exists.
     */
    @Test
    void aCreateMeetingAServerErrorIsLookedUpThenSentOnce() {
        assertACreateMeetingAServerErrorIsLookedUpThenSentOnce(this);
    }

    static void assertACreateMeetingAServerErrorIsLookedUpThenSentOnce(EmulatorContract test) {
        test.emulator.inject(test.providerId(), Fault.serverError());

        Snapshot created = test.client().createSnapshot(test.request(test.diskId()).build());

        assertThat(test.emulator.snapshots(test.providerId())).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(created.id());
            assertThat(s.tags()).containsEntry("team", "storage").containsKey(TOKEN_KEY);
        });
    }

    // ---- tokens --------------------------------------------------------------------------

    @Test
    void cinderRefusesTokensKeystoneDidNotIssue() throws Exception {
        String url = "/v3/" + PROJECT + "/snapshots/" + unknownSnapshotId();
        for (HttpResponse<String> r : List.of(send("GET", url, "gAAAAABmade-up-token", null), send("GET", url, null, null))) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).path("error").path("title").asText()).isEqualTo("Unauthorized");
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Keystone uri=\"" + emulator.baseUri() + "/openstack/identity\"");
            assertThat(r.headers().firstValue("x-openstack-request-id")).hasValueSatisfying(id -> assertThat(id).matches("req-[0-9a-f-]{36}"));
        }

        // A client handed a token, with no Keystone to renew it, is refused with that 401.
        SnapshotClient client = client(Map.of("endpoint", emulator.baseUri() + "/openstack/v3/" + PROJECT, "token", "gAAAAABnever-issued",
                "allowInsecureHttp", "true"));
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> client.getSnapshot(unknownSnapshotId()));
        assertRefusal(e, new Expected(401, "error"));
    }

    @Test
    void keystoneIssuesAScopedTokenWithTheCatalogAndKeepsThePasswordToItself() throws Exception {
        HttpResponse<String> ok = send("POST", "/identity/v3/auth/tokens", null, passwordAuth(credential("password")));
        JsonNode token = JSON.readTree(ok.body()).path("token");
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.headers().firstValue("X-Subject-Token")).isPresent();
        assertThat(token.path("project").path("id").asText()).isEqualTo(PROJECT);
        assertThat(token.path("expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(token.path("catalog").get(0).path("type").asText()).isEqualTo("block-storage");
        assertThat(token.path("catalog").get(0).path("endpoints").findValuesAsText("url")).containsOnly(emulator.baseUri() + "/openstack/v3/" + PROJECT);

        HttpResponse<String> refused = send("POST", "/identity/v3/auth/tokens", null, passwordAuth("wrong-password"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Subject-Token")).isEmpty();
        assertThat(refused.body()).doesNotContain("wrong-password");
    }

    @Test
    void aProjectTheUserHasNoRoleOnIsRefused() {
        Map<String, String> settings = new HashMap<>(emulator.settings(providerId()));
        settings.put("projectName", "someone-elses");
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client(settings).createSnapshot(request(diskId()).build()));
        assertRefusal(e, new Expected(401, "error"));
    }

    @Test
    void aProjectInTheUrlThatIsNotTheTokensIsAMalformedUrl() throws Exception {
        HttpResponse<String> r = send("GET", "/v3/0123456789abcdef0123456789abcdef/snapshots/" + unknownSnapshotId(), token(), null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("badRequest").path("message").asText()).isEqualTo("Malformed request url");
    }

    @Test
    void applicationCredentialsAndTokensAuthenticateToo() {
        Map<String, String> credential = Map.of("authUrl", emulator.baseUri() + "/openstack/identity/v3", "allowInsecureHttp", "true",
                "applicationCredentialId", credential("applicationCredentialId"), "applicationCredentialSecret",
                credential("applicationCredentialSecret"));
        assertThat(client(credential).createSnapshot(request(diskId()).build()).sourceId()).contains(diskId());

        Map<String, String> wrongSecret = new HashMap<>(credential);
        wrongSecret.put("applicationCredentialSecret", "guessed");
        assertRefusal(catchThrowableOfType(AuthenticationException.class, () -> client(wrongSecret).getSnapshot(unknownSnapshotId())),
                new Expected(401, "error"));

        Map<String, String> byToken = Map.of("authUrl", emulator.baseUri() + "/openstack/identity/v3", "allowInsecureHttp", "true",
                "token", token(), "projectId", PROJECT);
        assertThat(client(byToken).createSnapshot(request(diskId()).build()).sourceId()).contains(diskId());

        Map<String, String> byUnissuedToken = new HashMap<>(byToken);
        byUnissuedToken.put("token", "gAAAAABnever-issued");
        assertRefusal(catchThrowableOfType(AuthenticationException.class, () -> client(byUnissuedToken).getSnapshot(unknownSnapshotId())),
                new Expected(401, "error"));
        assertThat(emulator.snapshots(providerId())).hasSize(2);
    }

    @Test
    void rackspaceApiKeyCredentialsLeadToTheV1Api() {
        Map<String, String> rackspace = Map.of("authUrl", emulator.baseUri() + "/openstack/identity/v2.0", "allowInsecureHttp", "true",
                "username", "demo", "apiKey", credential("apiKey"), "region", "RegionOne");
        SnapshotClient client = client(rackspace);
        emulator.readsUntilReady(0);

        // v1 has no metadata, so the request carries no tags.
        Snapshot created = client.createSnapshot(CreateSnapshotRequest.builder().sourceId(diskId()).name("snap-001").description("Daily Backup").build());
        Snapshot read = client.getSnapshot(created.id());

        assertThat(read.name()).contains("snap-001");
        assertThat(read.description()).contains("Daily Backup");
        assertThat(read.state()).isEqualTo(SnapshotState.READY);
        assertThat(read.progressPercent()).hasValue(100);
        assertThat(emulator.snapshots(providerId())).singleElement().satisfies(s -> assertThat(s.tags()).isEmpty());

        Map<String, String> wrongKey = new HashMap<>(rackspace);
        wrongKey.put("apiKey", "aaaaa-bbbbb-ccccc-00000000");
        assertRefusal(catchThrowableOfType(AuthenticationException.class, () -> client(wrongKey).getSnapshot(created.id())),
                new Expected(401, "unauthorized"));
    }

    // ---- Cinder's own checks ---------------------------------------------------------------

    static Stream<Arguments> schemaViolations() {
        String volume = "\"volume_id\":\"" + VOLUME + "\"";
        return Stream.of(
                Arguments.of("a name over 255 characters", "{\"snapshot\":{" + volume + ",\"name\":\"" + "n".repeat(256) + "\"}}",
                        "Invalid input for field/attribute name."),
                Arguments.of("display_description on v3", "{\"snapshot\":{" + volume + ",\"display_description\":\"d\"}}",
                        "'display_description' was unexpected"),
                Arguments.of("a metadata key outside the pattern", "{\"snapshot\":{" + volume + ",\"metadata\":{\"bad*key\":\"v\"}}}",
                        "'bad*key' does not match"),
                Arguments.of("a metadata value over 255 characters", "{\"snapshot\":{" + volume + ",\"metadata\":{\"k\":\"" + "v".repeat(256)
                        + "\"}}}", "Invalid input for field/attribute k."),
                Arguments.of("a control character in the description", "{\"snapshot\":{" + volume + ",\"description\":\"a\\u0007b\"}}",
                        "Invalid input for field/attribute description."),
                Arguments.of("a volume id that is not a UUID", "{\"snapshot\":{\"volume_id\":\"vol-1\"}}", "is not a 'uuid'"),
                Arguments.of("no volume id", "{\"snapshot\":{\"name\":\"n\"}}", "'volume_id' is a required property"),
                Arguments.of("a force that is no boolean", "{\"snapshot\":{" + volume + ",\"force\":\"maybe\"}}",
                        "Invalid input for field/attribute force."),
                Arguments.of("no snapshot object", "{" + volume + "}", "Additional properties are not allowed"),
                Arguments.of("a body that is not JSON", "{snapshot", "Malformed request body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaViolations")
    void theV3CreateSchemaIsCheckedByCinderItself(String rule, String body, String message) throws Exception {
        // The client checks these rules before sending, so the emulator's own check is shown on the raw wire.
        HttpResponse<String> r = send("POST", "/v3/" + PROJECT + "/snapshots", token(), body);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("badRequest").path("message").asText()).contains(message);
        assertThat(r.headers().firstValue("x-openstack-request-id")).isPresent();
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void microversionsAreNegotiatedAndEchoed() throws Exception {
        String path = "/v3/" + PROJECT + "/snapshots";
        String body = "{\"snapshot\":{\"volume_id\":\"" + VOLUME + "\",\"force\":false}}";
        HttpResponse<String> tooNew = send("POST", path, token(), body, "OpenStack-API-Version", "volume 3.99");
        assertThat(tooNew.statusCode()).isEqualTo(406);
        assertThat(JSON.readTree(tooNew.body()).path("computeFault").path("message").asText())
                .isEqualTo("Version 3.99 is not supported by the API. Minimum is 3.0 and maximum is 3.71.");
        assertThat(send("POST", path, token(), body, "OpenStack-API-Version", "volume three").statusCode()).isEqualTo(400);

        HttpResponse<String> forceFalse = send("POST", path, token(), body, "OpenStack-API-Version", "volume 3.66");
        assertThat(forceFalse.statusCode()).isEqualTo(400);
        assertThat(forceFalse.headers().firstValue("OpenStack-API-Version")).contains("volume 3.66");
        assertThat(forceFalse.body()).contains("Since microversion 3.66 the 'force' flag is invalid for this request.");
        assertThat(emulator.snapshots(providerId())).isEmpty();

        // From the client: 3.65 shows the fields that came with it and before.
        Map<String, String> at365 = new HashMap<>(emulator.settings(providerId()));
        at365.put("microversion", "3.65");
        Snapshot newer = client(at365).createSnapshot(request(diskId()).build());
        assertThat(newer.attributes()).containsEntry("userId", "ee4dfb6e5540447cb3741905149d9b6e").containsEntry("consumesQuota", "true");
        assertThat(client().getSnapshot(newer.id()).attributes()).doesNotContainKeys("userId", "consumesQuota");
    }

    @Test
    void aSnapshotStillBeingMadeCannotBeDeleted() throws Exception {
        SnapshotClient client = client();
        Snapshot creating = client.createSnapshot(request(diskId()).build());

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client.deleteSnapshot(creating.id()));

        assertRefusal(e, new Expected(400, "badRequest"));
        assertThat(e.getMessage()).contains("status must be available or error");
        assertThat(emulator.snapshots(providerId())).extracting(EmulatedSnapshot::id).containsExactly(creating.id());
        assertThat(send("DELETE", "/v3/" + PROJECT + "/snapshots/" + unknownSnapshotId(), token(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void theDetailListFiltersByVolumeAndPagesNewestFirst() throws Exception {
        emulator.addDisk(providerId(), unknownDiskId(), 10);
        SnapshotClient client = client();
        String oldest = client.createSnapshot(request(diskId()).build()).id();
        client.createSnapshot(request(unknownDiskId()).build());
        String middle = client.createSnapshot(request(diskId()).build()).id();
        String newest = client.createSnapshot(request(diskId()).build()).id();

        JsonNode first = JSON.readTree(send("GET", "/v3/" + PROJECT + "/snapshots/detail?volume_id=" + VOLUME + "&limit=2", token(), null).body());
        assertThat(first.path("snapshots").findValuesAsText("id")).containsExactly(newest, middle);
        assertThat(first.path("snapshots").get(0).path("os-extended-snapshot-attributes:progress").asText()).isEqualTo("0%");
        String next = first.path("snapshots_links").get(0).path("href").asText();
        assertThat(next).startsWith(emulator.baseUri() + "/openstack/v3/" + PROJECT + "/snapshots/detail?").contains("marker=" + middle);

        JsonNode second = JSON.readTree(send("GET", next.substring(emulator.baseUri().toString().length() + "/openstack".length()), token(), null).body());
        assertThat(second.path("snapshots").findValuesAsText("id")).containsExactly(oldest);
        assertThat(second.has("snapshots_links")).isFalse();

        // The summary list has the same snapshots without the extended attributes.
        JsonNode summary = JSON.readTree(send("GET", "/v3/" + PROJECT + "/snapshots?volume_id=" + VOLUME, token(), null).body());
        assertThat(summary.path("snapshots").findValuesAsText("id")).containsExactly(newest, middle, oldest);
        assertThat(summary.path("snapshots").findValues("os-extended-snapshot-attributes:progress")).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------

    private static String passwordAuth(String password) {
        return "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"demo\",\"domain\":{\"name\":\"Default\"},"
                + "\"password\":\"" + password + "\"}}},\"scope\":{\"project\":{\"id\":\"" + PROJECT + "\"}}}}";
    }

    /** Returns one of the emulator's credentials, which are random per emulator. */
    private String credential(String key) {
        return emulator.credentials(providerId()).get(key);
    }

    /** Returns a token Keystone issued, for raw calls. */
    private String token() {
        return send("POST", "/identity/v3/auth/tokens", null, passwordAuth(credential("password"))).headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String... headers) {
        return send(emulator, method, path, token, body, headers);
    }

    /** Sends a raw request under the emulator's {@code openstack} prefix. */
    static HttpResponse<String> send(SnapshotEmulator emulator, String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUri() + "/openstack" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
