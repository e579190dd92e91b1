package io.snapshotsdk.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.CreateOutcomeUnknownException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.QuotaExceededException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.ThrottledException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.openstack.internal.OpenStackProvider;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keystone and Cinder on the wire: every auth flow, catalog selection, v1 and v3 requests, faults, exactly-once. */
class OpenStackWireTest {
    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String V3 = "/v3/" + OpenStackStubs.PROJECT + "/snapshots";
    private static final String V1 = "/dfw/v1/110011/snapshots";

    /** A create with the caller's token is looked up first; by default nothing is found. */
    @BeforeEach
    void noSnapshotsYet() {
        server.stubFor(get(urlPathMatching("(/[a-z]+)?/v[23]/[^/]+/snapshots/detail")).atPriority(10)
                .willReturn(OpenStackStubs.json(200, "{\"snapshots\":[]}")));
    }

    private final ManualClock clock = ManualClock.start();
    private final Map<String, String> env = new HashMap<>();
    private final List<SnapshotClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(SnapshotClient::close);
    }

    private SnapshotClient client(Map<String, String> settings) {
        Map<String, String> s = new HashMap<>(settings);
        s.values().removeIf(String::isEmpty);
        SnapshotClient c = new OpenStackProvider().create(ProviderContext.builder().settings(s).clock(clock).sleeper(clock.sleeper())
                .environment(n -> Optional.ofNullable(env.get(n))).build());
        clients.add(c);
        return c;
    }

    private SnapshotClient v3(Map<String, String> extra) {
        OpenStackStubs.stubKeystoneV3(server, OpenStackStubs.TOKEN);
        Map<String, String> s = new HashMap<>(OpenStackStubs.v3Settings(server.baseUrl()));
        s.putAll(extra);
        return client(s);
    }

    private SnapshotClient rackspace(Map<String, String> extra) {
        server.stubFor(post(urlEqualTo("/identity/v2.0/tokens")).willReturn(OpenStackStubs.json(200,
                OpenStackStubs.fixture("rackspace-v2-token.json", server.baseUrl()))));
        Map<String, String> s = new HashMap<>(Map.of("authUrl", server.baseUrl() + "/identity/v2.0", "allowInsecureHttp", "true",
                "username", "demoauthor", "apiKey", "aaaaa-bbbbb-ccccc-12345678", "region", "DFW"));
        s.putAll(extra);
        return client(s);
    }

    private static CreateSnapshotRequest.Builder snap001() {
        return CreateSnapshotRequest.builder().sourceId(OpenStackStubs.VOLUME).name("snap-001").description("Daily backup")
                .idempotencyToken("5f0e8a9c-1d2b-4c3d-8e4f-a5b6c7d8e9f0");
    }

    @Test
    void keystoneV3PasswordThenACinderV3CreateWithMarker() throws Exception {
        SnapshotClient c = v3(Map.of("microversion", "3.65"));
        server.stubFor(post(urlEqualTo(V3)).willReturn(OpenStackStubs.json(202, OpenStackStubs.fixture("v3-create-response.json", ""))));

        Snapshot s = c.createSnapshot(snap001().putTags("key", "v3").options(OpenStackSnapshotOptions.builder().force(true).build()).build());

        server.verify(postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")).withRequestBody(equalToJson("{\"auth\":{\"identity\":"
                + "{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\",\"domain\":{\"name\":\"Default\"},\"password\":\"devstacker\"}}},"
                + "\"scope\":{\"project\":{\"name\":\"admin\",\"domain\":{\"id\":\"default\"}}}}}")));
        server.verify(postRequestedFor(urlEqualTo(V3))
                .withHeader("X-Auth-Token", equalTo(OpenStackStubs.TOKEN))
                .withHeader("OpenStack-API-Version", equalTo("volume 3.65"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"snapshot\":{\"name\":\"snap-001\",\"description\":\"Daily backup\",\"volume_id\":\""
                        + OpenStackStubs.VOLUME + "\",\"force\":true,\"metadata\":{\"key\":\"v3\",\"snapshot-sdk:idempotency-token\":"
                        + "\"5f0e8a9c-1d2b-4c3d-8e4f-a5b6c7d8e9f0\"}}}")));
        assertThat(s.id()).isEqualTo("b36476e5-d18b-47f9-ac69-4818cb43ee21");
        assertThat(s.state()).isEqualTo(SnapshotState.CREATING);
        assertThat(s.createdAt()).contains(java.time.Instant.parse("2019-03-11T16:24:34.469003Z"));
        assertThat(s.requestId()).contains(OpenStackStubs.REQUEST_ID);
        assertThat(s.attributes()).containsEntry("userId", "c853ca26-e8ea-4797-8a52-ee124a013d0e").containsEntry("consumesQuota", "true");
    }

    @Test
    void fromMicroversion366ForceIsNeverSent() throws Exception {
        SnapshotClient c = v3(Map.of("microversion", "3.66"));
        server.stubFor(post(urlEqualTo(V3)).willReturn(OpenStackStubs.json(202, OpenStackStubs.fixture("v3-create-response.json", ""))));
        c.createSnapshot(snap001().options(OpenStackSnapshotOptions.builder().force(true).build()).build());
        c.createSnapshot(snap001().build());
        for (LoggedRequest r : server.findAll(postRequestedFor(urlEqualTo(V3)))) {
            assertThat(new ObjectMapper().readTree(r.getBodyAsString()).path("snapshot").has("force")).isFalse();
            assertThat(r.getHeader("OpenStack-API-Version")).isEqualTo("volume 3.66");
        }
    }

    @Test
    void rackspaceApiKeyAndTheSeedsV1Create() {
        SnapshotClient c = rackspace(Map.of());
        server.stubFor(post(urlEqualTo(V1)).willReturn(OpenStackStubs.json(200, OpenStackStubs.fixture("v1-create-response-seed.json", ""))
                .withHeader("X-Compute-Request-Id", "req-99d94a3a-1086-4c19-99b4-65d05e2e02f1")));

        Snapshot s = c.createSnapshot(CreateSnapshotRequest.builder().sourceId("c849a193-5275-4527-9e5a-69b2a05933aa")
                .name("snap-001").description("Daily Backup").build());

        server.verify(postRequestedFor(urlEqualTo("/identity/v2.0/tokens")).withRequestBody(equalToJson(
                "{\"auth\":{\"RAX-KSKEY:apiKeyCredentials\":{\"username\":\"demoauthor\",\"apiKey\":\"aaaaa-bbbbb-ccccc-12345678\"}}}")));
        server.verify(postRequestedFor(urlEqualTo(V1)).withHeader("X-Auth-Token", equalTo("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"))
                .withHeader("OpenStack-API-Version", absent())
                .withRequestBody(equalToJson("{\"snapshot\":{\"display_name\":\"snap-001\",\"display_description\":\"Daily Backup\","
                        + "\"volume_id\":\"c849a193-5275-4527-9e5a-69b2a05933aa\"}}")));
        assertThat(s.id()).isEqualTo("a6211a94-937f-4770-8dae-1813cb643213");
        assertThat(s.name()).contains("snap-001");
        assertThat(s.description()).contains("Daily Backup");
        assertThat(s.sizeBytes()).hasValue(100L << 30);
        assertThat(s.requestId()).contains(OpenStackStubs.REQUEST_ID);
    }

    @Test
    void rackspaceReferenceCreateAnswers201WithProgress() {
        SnapshotClient c = rackspace(Map.of());
        server.stubFor(post(urlEqualTo(V1)).willReturn(OpenStackStubs.json(201, OpenStackStubs.fixture("v1-create-response-reference.json", ""))));
        Snapshot s = c.createSnapshot(CreateSnapshotRequest.builder().sourceId("521752a6-acf6-4b2d-bc7a-119f9148cd8c").build());
        assertThat(s.progressPercent()).hasValue(25);
        assertThat(s.attributes()).containsEntry("projectId", "123456");
    }

    @Test
    void v1ShowAndV1MetadataIsRefused() {
        SnapshotClient c = rackspace(Map.of());
        server.stubFor(get(urlEqualTo(V1 + "/ca320eb7-b371-4dbe-b2e9-2543c952f507")).willReturn(OpenStackStubs.json(200,
                OpenStackStubs.fixture("v1-show-response.json", ""))));
        Snapshot s = c.getSnapshot("ca320eb7-b371-4dbe-b2e9-2543c952f507");
        assertThat(s.state()).isEqualTo(SnapshotState.READY);
        assertThat(s.progressPercent()).hasValue(100);
        assertThat(s.createdAt()).contains(java.time.Instant.parse("2014-06-04T20:13:34Z"));
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> c.createSnapshot(snap001().putTags("a", "b").build()))
                .getMessage()).contains("v1");
    }

    @Test
    void theCatalogPicksRegionAndInterfaceAndVersionsCanBeSwitched() {
        SnapshotClient ord = rackspace(Map.of("region", "ORD"));
        server.stubFor(get(urlPathEqualTo("/ord/v1/110011/snapshots/ca320eb7-b371-4dbe-b2e9-2543c952f507"))
                .willReturn(OpenStackStubs.json(200, OpenStackStubs.fixture("v1-show-response.json", ""))));
        ord.getSnapshot("ca320eb7-b371-4dbe-b2e9-2543c952f507");

        SnapshotClient v2 = rackspace(Map.of("volumeApiVersion", "2"));
        server.stubFor(post(urlEqualTo("/dfw/v2/110011/snapshots")).willReturn(OpenStackStubs.json(202, OpenStackStubs.fixture("v2-create-response.json", ""))));
        v2.createSnapshot(snap001().build());
        server.verify(postRequestedFor(urlEqualTo("/dfw/v2/110011/snapshots")).withRequestBody(equalToJson("{\"snapshot\":{\"name\":\"snap-001\","
                + "\"description\":\"Daily backup\",\"volume_id\":\"" + OpenStackStubs.VOLUME + "\",\"metadata\":{"
                + "\"snapshot-sdk:idempotency-token\":\"5f0e8a9c-1d2b-4c3d-8e4f-a5b6c7d8e9f0\"}}}")));

        SnapshotClient internal = v3(Map.of("interface", "internal"));
        server.stubFor(get(urlEqualTo("/internal" + V3 + "/b36476e5-d18b-47f9-ac69-4818cb43ee21"))
                .willReturn(OpenStackStubs.json(200, OpenStackStubs.snapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21", "available", "100%"))));
        internal.getSnapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21");

        SnapshotClient anyRegion = rackspace(Map.of("region", ""));
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> anyRegion.getSnapshot("x1"));
        assertThat(e.getMessage()).contains("DFW").contains("ORD");
    }

    @Test
    void keystoneV2PasswordApplicationCredentialAndTokenMethods() {
        server.stubFor(post(urlEqualTo("/identity/v2.0/tokens")).willReturn(OpenStackStubs.json(200,
                OpenStackStubs.fixture("rackspace-v2-token.json", server.baseUrl()))));
        client(Map.of("authUrl", server.baseUrl() + "/identity/v2.0", "allowInsecureHttp", "true", "username", "admin",
                "password", "secretsecret", "projectName", "admin", "region", "DFW")).getSnapshot(stubV1Get());
        server.verify(postRequestedFor(urlEqualTo("/identity/v2.0/tokens")).withRequestBody(equalToJson(
                "{\"auth\":{\"tenantName\":\"admin\",\"passwordCredentials\":{\"username\":\"admin\",\"password\":\"secretsecret\"}}}")));

        OpenStackStubs.stubKeystoneV3(server, OpenStackStubs.TOKEN);
        stubV3Get();
        client(Map.of("authUrl", server.baseUrl() + "/identity/v3", "allowInsecureHttp", "true",
                "applicationCredentialId", "423f19a4ac1e4f48bbb4180756e6eb6c", "applicationCredentialSecret", "rEaqvJka48mpv"))
                .getSnapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21");
        server.verify(postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")).withRequestBody(equalToJson("{\"auth\":{\"identity\":"
                + "{\"methods\":[\"application_credential\"],\"application_credential\":{\"id\":\"423f19a4ac1e4f48bbb4180756e6eb6c\","
                + "\"secret\":\"rEaqvJka48mpv\"}}}}")));

        client(Map.of("authUrl", server.baseUrl() + "/identity", "allowInsecureHttp", "true", "token", "gAAAAABold",
                "projectId", OpenStackStubs.PROJECT)).getSnapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21");
        server.verify(postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")).withRequestBody(equalToJson("{\"auth\":{\"identity\":"
                + "{\"methods\":[\"token\"],\"token\":{\"id\":\"gAAAAABold\"}},\"scope\":{\"project\":{\"id\":\"" + OpenStackStubs.PROJECT + "\"}}}}")));
    }

    private String stubV1Get() {
        server.stubFor(get(urlEqualTo(V1 + "/ca320eb7-b371-4dbe-b2e9-2543c952f507")).willReturn(OpenStackStubs.json(200,
                OpenStackStubs.fixture("v1-show-response.json", ""))));
        return "ca320eb7-b371-4dbe-b2e9-2543c952f507";
    }

    private void stubV3Get() {
        server.stubFor(get(urlEqualTo(V3 + "/b36476e5-d18b-47f9-ac69-4818cb43ee21"))
                .willReturn(OpenStackStubs.json(200, OpenStackStubs.snapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21", "available", "100%"))));
    }

    @Test
    void anEndpointAndATokenNeedNoKeystoneAndAProjectlessUrlGetsTheProject() {
        stubV3Get();
        SnapshotClient c = client(Map.of("endpoint", server.baseUrl() + "/v3", "allowInsecureHttp", "true", "token", "static-token",
                "projectId", OpenStackStubs.PROJECT));
        c.getSnapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21");
        server.verify(getRequestedFor(urlEqualTo(V3 + "/b36476e5-d18b-47f9-ac69-4818cb43ee21")).withHeader("X-Auth-Token", equalTo("static-token")));
        server.verify(0, postRequestedFor(urlPathEqualTo("/identity/v3/auth/tokens")));
    }

    @Test
    void tokensAreCachedRenewedTwoMinutesEarlyAndAfterA401() {
        SnapshotClient c = v3(Map.of());
        stubV3Get();
        c.getSnapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21");
        c.getSnapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21");
        server.verify(1, postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")));
        clock.advance(Duration.ofMinutes(57));
        c.getSnapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21");
        server.verify(1, postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")));
        clock.advance(Duration.ofMinutes(2));
        c.getSnapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21");
        server.verify(2, postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")));
    }

    @Test
    void a401ReauthenticatesOnceAndResends() {
        server.stubFor(post(urlEqualTo("/identity/v3/auth/tokens")).inScenario("k").whenScenarioStateIs(STARTED)
                .willReturn(OpenStackStubs.json(201, OpenStackStubs.fixture("keystone-v3-token.json", server.baseUrl())).withHeader("X-Subject-Token", "old"))
                .willSetStateTo("second"));
        server.stubFor(post(urlEqualTo("/identity/v3/auth/tokens")).inScenario("k").whenScenarioStateIs("second")
                .willReturn(OpenStackStubs.json(201, OpenStackStubs.fixture("keystone-v3-token.json", server.baseUrl())).withHeader("X-Subject-Token", "new")));
        SnapshotClient c = client(OpenStackStubs.v3Settings(server.baseUrl()));
        String url = V3 + "/b36476e5-d18b-47f9-ac69-4818cb43ee21";
        server.stubFor(get(urlEqualTo(url)).withHeader("X-Auth-Token", equalTo("old")).willReturn(OpenStackStubs.json(401,
                "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"The request you have made requires authentication.\"}}")
                .withHeader("WWW-Authenticate", "Keystone uri=\"" + server.baseUrl() + "/identity\"")));
        server.stubFor(get(urlEqualTo(url)).withHeader("X-Auth-Token", equalTo("new"))
                .willReturn(OpenStackStubs.json(200, OpenStackStubs.snapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21", "available", null))));
        assertThat(c.getSnapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21").state()).isEqualTo(SnapshotState.READY);
        server.verify(2, postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")));
    }

    @Test
    void keystoneRefusalsAreAuthenticationExceptions() {
        server.stubFor(post(urlEqualTo("/identity/v3/auth/tokens")).willReturn(OpenStackStubs.json(401,
                "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"The request you have made requires authentication.\"}}")));
        SnapshotClient c = client(OpenStackStubs.v3Settings(server.baseUrl()));
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> c.getSnapshot("x"));
        assertThat(e.errorCode()).isEqualTo("error");
        assertThat(e.attributes()).containsEntry("title", "Unauthorized");
        assertThat(e.getMessage()).doesNotContain("devstacker");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "400, badRequest, , io.snapshotsdk.ServiceException, false",
        "403, forbidden, , io.snapshotsdk.PermissionDeniedException, false",
        "404, itemNotFound, , io.snapshotsdk.NotFoundException, false",
        "404, item_not_found, , io.snapshotsdk.NotFoundException, false",
        "409, conflictingRequest, , io.snapshotsdk.ConflictException, false",
        "413, overLimit, 4, io.snapshotsdk.ThrottledException, true",
        "413, overLimit, 0, io.snapshotsdk.QuotaExceededException, false",
        "413, overLimitFault, 3, io.snapshotsdk.ThrottledException, true",
        "429, SnapshotQuotaExceeded, , io.snapshotsdk.QuotaExceededException, false",
        "500, computeFault, , io.snapshotsdk.ServiceException, true",
        "500, instance_fault, , io.snapshotsdk.ServiceException, true",
        "503, serviceUnavailable, , io.snapshotsdk.ServiceException, true",
        "406, computeFault, , io.snapshotsdk.ServiceException, false"
    })
    void everyFaultShape(int status, String key, String retryAfter, Class<? extends ServiceException> type, boolean retryable) {
        SnapshotClient c = v3(Map.of());
        String body = retryAfter == null ? OpenStackStubs.fault(key, status, "m")
                : "{\"" + key + "\":{\"code\":" + status + ",\"message\":\"m\",\"retryAfter\":\"" + retryAfter + "\"}}";
        server.stubFor(get(urlEqualTo(V3 + "/s1")).willReturn(OpenStackStubs.json(status, body).withHeader("x-compute-request-id", "req-x")));
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> c.getSnapshot("s1"));
        assertThat(e.getClass()).isEqualTo(type);
        assertThat(e.errorCode()).isEqualTo(key);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.requestId()).contains(OpenStackStubs.REQUEST_ID);
        server.verify(retryable ? 3 : 1, getRequestedFor(urlEqualTo(V3 + "/s1")));
    }

    @Test
    void theComputeRequestIdIsTheFallback() {
        SnapshotClient c = v3(Map.of());
        server.stubFor(get(urlEqualTo(V3 + "/s2")).willReturn(aResponse().withStatus(404).withHeader("X-Compute-Request-Id", "req-99d9")
                .withBody(OpenStackStubs.fault("itemNotFound", 404, "Snapshot s2 could not be found."))));
        assertThat(catchThrowableOfType(NotFoundException.class, () -> c.getSnapshot("s2")).requestId()).contains("req-99d9");
    }

    @Test
    void brokenAnswers() {
        SnapshotClient c = v3(Map.of());
        server.stubFor(get(urlEqualTo(V3 + "/e1")).willReturn(OpenStackStubs.json(200, "")));
        assertThat(catchThrowableOfType(TransportException.class, () -> c.getSnapshot("e1")).httpStatus()).hasValue(200);
        server.stubFor(get(urlEqualTo(V3 + "/e2")).willReturn(aResponse().withStatus(200).withBody("<html>login</html>")));
        assertThat(catchThrowableOfType(TransportException.class, () -> c.getSnapshot("e2"))).isNotNull();
        server.stubFor(get(urlEqualTo(V3 + "/e3")).willReturn(aResponse().withStatus(502).withBody("<html>bad gateway</html>")));
        assertThat(catchThrowableOfType(ServiceException.class, () -> c.getSnapshot("e3")).errorCode()).isEqualTo("502");
        server.stubFor(get(urlEqualTo(V3 + "/e4")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(catchThrowableOfType(TransportException.class, () -> c.getSnapshot("e4"))).isNotNull();
        // A fault without a name maps by status; a size that overflows is left out.
        server.stubFor(get(urlEqualTo(V3 + "/e5")).willReturn(OpenStackStubs.json(400, "{\"\":{\"code\":400,\"message\":\"x\"}}")));
        assertThat(catchThrowableOfType(ServiceException.class, () -> c.getSnapshot("e5")).errorCode()).isEqualTo("400");
        server.stubFor(get(urlEqualTo(V3 + "/e6")).willReturn(OpenStackStubs.json(200,
                "{\"snapshot\":{\"id\":\"e6\",\"status\":\"available\",\"size\":9223372036854775807}}")));
        assertThat(c.getSnapshot("e6").sizeBytes()).isEmpty();
        server.stubFor(get(urlEqualTo(V3 + "/e7")).willReturn(OpenStackStubs.json(200, "{\"snapshot\":{\"id\":\" \",\"status\":\"available\"}}")));
        assertThat(catchThrowableOfType(TransportException.class, () -> c.getSnapshot("e7"))).isNotNull();
    }

    @Test
    void aHostileSnapshotIdIsRefusedBeforeAuthenticating() {
        SnapshotClient c = v3(Map.of());
        server.resetRequests();
        for (String bad : new String[] {"..", "a/b", "%2F", "%2e%2e", "a\\b", "a?b", "a#b", "a\r\nb", "a\u0000", "a\uFF0Fb", "x".repeat(65)}) {
            assertThat(catchThrowableOfType(InvalidRequestException.class, () -> c.getSnapshot(bad))).as(bad).isNotNull();
            assertThat(catchThrowableOfType(InvalidRequestException.class, () -> c.deleteSnapshot(bad))).as(bad).isNotNull();
        }
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aCatalogEndpointThatIsNotAUrlIsATransportException() {
        SnapshotClient c = rackspace(Map.of());
        server.stubFor(post(urlEqualTo("/identity/v2.0/tokens")).willReturn(OpenStackStubs.json(200,
                OpenStackStubs.fixture("rackspace-v2-token.json", server.baseUrl()).replace(server.baseUrl() + "/dfw", "http://a b"))));
        assertThat(catchThrowableOfType(TransportException.class, () -> c.getSnapshot("x1"))).hasMessageContaining("not a URL");
    }

    @Test
    void aV3CreateThatTimedOutIsFoundByItsMarker() {
        SnapshotClient c = v3(Map.of("requestTimeout", "PT0.3S"));
        server.stubFor(post(urlEqualTo(V3)).willReturn(OpenStackStubs.json(202, OpenStackStubs.fixture("v3-create-response.json", "")).withFixedDelay(1_500)));
        // The lookup before the first send finds nothing; the one after the timeout finds it.
        server.stubFor(get(urlPathEqualTo(V3 + "/detail")).inScenario("timeout").whenScenarioStateIs(STARTED)
                .willReturn(OpenStackStubs.json(200, "{\"snapshots\":[]}")).willSetStateTo("sent"));
        server.stubFor(get(urlPathEqualTo(V3 + "/detail")).inScenario("timeout").whenScenarioStateIs("sent")
                .willReturn(OpenStackStubs.json(200, "{\"snapshots\":[{\"id\":\"other\","
                + "\"volume_id\":\"" + OpenStackStubs.VOLUME + "\",\"status\":\"available\",\"metadata\":{}},{\"id\":\"mine\",\"volume_id\":\""
                + OpenStackStubs.VOLUME + "\",\"status\":\"creating\",\"metadata\":{\"snapshot-sdk:idempotency-token\":"
                + "\"5f0e8a9c-1d2b-4c3d-8e4f-a5b6c7d8e9f0\"}}]}")));
        assertThat(c.createSnapshot(snap001().build()).id()).isEqualTo("mine");
        server.verify(1, postRequestedFor(urlEqualTo(V3)));
        server.verify(2, getRequestedFor(urlEqualTo(V3 + "/detail?volume_id=" + OpenStackStubs.VOLUME)));
    }

    @Test
    void aCallersTokenFoundBeforeSendingReturnsThatSnapshotWithoutACreate() {
        SnapshotClient c = v3(Map.of());
        server.stubFor(get(urlPathEqualTo(V3 + "/detail")).willReturn(OpenStackStubs.json(200, "{\"snapshots\":[{\"id\":\"mine\","
                + "\"volume_id\":\"" + OpenStackStubs.VOLUME + "\",\"status\":\"available\",\"metadata\":"
                + "{\"snapshot-sdk:idempotency-token\":\"5f0e8a9c-1d2b-4c3d-8e4f-a5b6c7d8e9f0\"}}]}")));
        assertThat(c.createSnapshot(snap001().build()).id()).isEqualTo("mine");
        server.verify(0, postRequestedFor(urlEqualTo(V3)));
    }

    @Test
    void aV1CreateWithAnUnknownOutcomeIsNotResent() {
        SnapshotClient c = rackspace(Map.of());
        server.stubFor(post(urlEqualTo(V1)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        CreateOutcomeUnknownException e = catchThrowableOfType(CreateOutcomeUnknownException.class, () -> c.createSnapshot(
                CreateSnapshotRequest.builder().sourceId(OpenStackStubs.VOLUME).name("snap-001").build()));
        assertThat(e.sourceId()).isEqualTo(OpenStackStubs.VOLUME);
        assertThat(e.name()).contains("snap-001");
        assertThat(e.getMessage()).contains("may or may not have happened");
        server.verify(1, postRequestedFor(urlEqualTo(V1)));
    }

    @Test
    void aQuotaRefusalIsNotResent() {
        SnapshotClient c = v3(Map.of());
        server.stubFor(post(urlEqualTo(V3)).willReturn(OpenStackStubs.json(413, "{\"overLimit\":{\"code\":413,\"message\":"
                + "\"SnapshotLimitExceeded: Maximum number of snapshots allowed (10) exceeded\",\"retryAfter\":\"0\"}}").withHeader("Retry-After", "0")));
        assertThat(catchThrowableOfType(QuotaExceededException.class, () -> c.createSnapshot(snap001().build())).errorCode()).isEqualTo("overLimit");
        server.verify(1, postRequestedFor(urlEqualTo(V3)));
        // Only the lookup before the first send, which the caller's token asks for.
        server.verify(1, getRequestedFor(urlPathEqualTo(V3 + "/detail")));
    }

    @Test
    void deleteTreats404AsGoneAndAwaitFailsFastOnError() {
        SnapshotClient c = v3(Map.of());
        server.stubFor(delete(urlEqualTo(V3 + "/d1")).willReturn(OpenStackStubs.json(202, "")));
        server.stubFor(delete(urlEqualTo(V3 + "/d2")).willReturn(OpenStackStubs.json(404, OpenStackStubs.fault("itemNotFound", 404, "gone"))));
        c.deleteSnapshot("d1");
        c.deleteSnapshot("d2");
        server.stubFor(get(urlEqualTo(V3 + "/f1")).willReturn(OpenStackStubs.json(200, OpenStackStubs.snapshot("f1", "ERROR", null))));
        Snapshot pending = Snapshot.builder().id("f1").providerId("openstack").state(SnapshotState.CREATING).build();
        assertThat(catchThrowableOfType(OperationFailedException.class, () -> c.awaitSnapshot(pending, WaitOptions.defaults())).errorCode())
                .contains("ERROR");
        server.verify(1, getRequestedFor(urlEqualTo(V3 + "/f1")));
    }

    @Test
    void cloudsYamlAndTheEnvironmentSupplyWhatSettingsLeaveOut(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("clouds.yaml");
        Files.writeString(yaml, OpenStackStubs.fixture("clouds.yaml", server.baseUrl()));
        env.put("OS_CLIENT_CONFIG_FILE", yaml.toString());
        env.put("OS_CLOUD", "devstack");
        OpenStackStubs.stubKeystoneV3(server, OpenStackStubs.TOKEN);
        stubV3Get();
        client(Map.of("allowInsecureHttp", "true")).getSnapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21");
        server.verify(postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")).withRequestBody(equalToJson("{\"auth\":{\"identity\":"
                + "{\"methods\":[\"application_credential\"],\"application_credential\":{\"id\":\"423f19a4ac1e4f48bbb4180756e6eb6c\","
                + "\"secret\":\"rEaqvJka48mpv\"}}}}")));

        env.clear();
        env.put("OS_AUTH_URL", server.baseUrl() + "/identity/v3");
        env.put("OS_USERNAME", "admin");
        env.put("OS_PASSWORD", "devstacker");
        env.put("OS_USER_DOMAIN_NAME", "Default");
        env.put("OS_PROJECT_ID", OpenStackStubs.PROJECT);
        env.put("OS_REGION_NAME", "RegionOne");
        client(Map.of("allowInsecureHttp", "true")).getSnapshot("b36476e5-d18b-47f9-ac69-4818cb43ee21");
        server.verify(postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")).withRequestBody(equalToJson("{\"auth\":{\"identity\":"
                + "{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\",\"domain\":{\"name\":\"Default\"},"
                + "\"password\":\"devstacker\"}}},\"scope\":{\"project\":{\"id\":\"" + OpenStackStubs.PROJECT + "\"}}}}")));

        env.put("OS_CLOUD", "nowhere");
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> client(Map.of("allowInsecureHttp", "true"))).getMessage())
                .contains("nowhere");
    }

    @Test
    void missingCredentialsAreNamed() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> client(Map.of("authUrl", server.baseUrl() + "/identity/v3", "allowInsecureHttp", "true")));
        assertThat(e.getMessage()).contains("OS_PASSWORD").contains("OS_APPLICATION_CREDENTIAL_ID");
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> client(Map.of())).getMessage()).contains("OS_AUTH_URL");
        assertThat(OpenStackSettings.builder().password("p4ss").apiKey("k3y").token("t0k").build().toString())
                .doesNotContain("p4ss").doesNotContain("k3y").doesNotContain("t0k");
    }
}
