package io.snapshotsdk.yandex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.testing.ManualClock;
import io.snapshotsdk.yandex.internal.YandexProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compute, Operation and IAM APIs on the wire: exact requests, operations, errors and every token source. */
class YandexWireTest {
    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ManualClock clock = ManualClock.start();
    private final List<SnapshotClient> clients = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();

    @AfterEach
    void close() {
        clients.forEach(SnapshotClient::close);
    }

    private SnapshotClient client(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(YandexStubs.settings(server.baseUrl()));
        settings.putAll(extra);
        settings.values().removeIf(String::isEmpty);
        SnapshotClient c = new YandexProvider().create(ProviderContext.builder().settings(settings).clock(clock).sleeper(clock.sleeper())
                .environment(n -> Optional.ofNullable(env.get(n))).build());
        clients.add(c);
        return c;
    }

    private SnapshotClient client() {
        server.stubFor(post(urlEqualTo("/iam/v1/tokens")).willReturn(YandexStubs.iamIssued(YandexStubs.IAM_TOKEN, "2026-01-01T12:00:00Z")));
        return client(Map.of());
    }

    private static CreateSnapshotRequest gen2() {
        return CreateSnapshotRequest.builder().sourceId(YandexStubs.DISK).name("my-gen2-snapshot").description("nightly backup")
                .putTags("env", "prod").putTags("owner", "team-a").idempotencyToken("6f1c2d3e-4b5a-4c69-8d7e-9f8a7b6c5d4e")
                .options(YandexSnapshotOptions.builder().hardwareGeneration(HardwareGeneration.generation2()).build()).build();
    }

    @Test
    void createPostsTheCamelCaseBodyWithItsIdempotencyKey() {
        SnapshotClient c = client();
        server.stubFor(post(urlEqualTo("/compute/v1/snapshots")).willReturn(YandexStubs.json(200, YandexStubs.fixture("create-operation-running.json"))));

        Snapshot s = c.createSnapshot(gen2());

        server.verify(1, postRequestedFor(urlEqualTo("/compute/v1/snapshots"))
                .withHeader("Authorization", equalTo("Bearer " + YandexStubs.IAM_TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Idempotency-Key", equalTo("6f1c2d3e-4b5a-4c69-8d7e-9f8a7b6c5d4e"))
                .withHeader("x-client-request-id", matching("[0-9a-f-]{36}"))
                .withRequestBody(equalToJson(YandexStubs.fixture("create-request-gen2.json"))));
        assertThat(s.id()).isEqualTo("fd8apannhdo9********");
        assertThat(s.state()).isEqualTo(SnapshotState.CREATING);
        assertThat(s.attributes()).containsEntry("operationId", "epd473ndlm58********");
        assertThat(s.requestId()).contains("8c1e2d3f-0000-4000-8000-000000000001");
    }

    @Test
    void theOperationIsPolledToItsResponse() {
        SnapshotClient c = client();
        server.stubFor(post(urlEqualTo("/compute/v1/snapshots")).willReturn(YandexStubs.json(200, YandexStubs.operation(YandexStubs.OPERATION, false, null))));
        server.stubFor(get(urlEqualTo("/operations/" + YandexStubs.OPERATION)).inScenario("o").whenScenarioStateIs(STARTED)
                .willReturn(YandexStubs.json(200, YandexStubs.operation(YandexStubs.OPERATION, false, null))).willSetStateTo("done"));
        server.stubFor(get(urlEqualTo("/operations/" + YandexStubs.OPERATION)).inScenario("o").whenScenarioStateIs("done")
                .willReturn(YandexStubs.json(200, YandexStubs.fixture("operation-done-response.json"))));

        Snapshot ready = c.awaitSnapshot(c.createSnapshot(gen2()), WaitOptions.defaults());

        assertThat(ready.state()).isEqualTo(SnapshotState.READY);
        assertThat(ready.id()).isEqualTo(YandexStubs.SNAPSHOT);
        assertThat(ready.sizeBytes()).hasValue(3632267264L);
        assertThat(ready.tags()).containsEntry("env", "prod");
        assertThat(ready.attributes()).containsEntry("diskSize", "21474836480").containsEntry("hardwareGeneration", "generation2Features")
                .containsEntry("productIds", "f2ebiogvi127abcdefgh").containsEntry("operationId", YandexStubs.OPERATION);
        server.verify(2, getRequestedFor(urlEqualTo("/operations/" + YandexStubs.OPERATION))
                .withHeader("Authorization", equalTo("Bearer " + YandexStubs.IAM_TOKEN)));
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void anOperationErrorIsAnOperationFailedExceptionWithTheGrpcCode() {
        SnapshotClient c = client();
        server.stubFor(post(urlEqualTo("/compute/v1/snapshots")).willReturn(YandexStubs.json(200, YandexStubs.operation(YandexStubs.OPERATION, false, null))));
        server.stubFor(get(urlEqualTo("/operations/" + YandexStubs.OPERATION)).willReturn(YandexStubs.json(200, YandexStubs.fixture("operation-done-error.json"))));
        Snapshot pending = c.createSnapshot(gen2());
        OperationFailedException e = catchThrowableOfType(OperationFailedException.class, () -> c.awaitSnapshot(pending, WaitOptions.defaults()));
        assertThat(e.errorCode()).contains("RESOURCE_EXHAUSTED");
        assertThat(e.getMessage()).contains("(8)").contains("Quota limit compute.snapshots.count exceeded");
        assertThat(e.snapshotId()).isEqualTo(YandexStubs.SNAPSHOT);
    }

    @Test
    void anErrorBeforeDoneAlreadyCountsAsFailure() {
        SnapshotClient c = client();
        server.stubFor(get(urlEqualTo("/operations/op-rollback")).willReturn(YandexStubs.json(200,
                "{\"id\":\"op-rollback\",\"done\":false,\"error\":{\"code\":13,\"message\":\"rolling back\"}}")));
        Snapshot pending = Snapshot.builder().id(YandexStubs.SNAPSHOT).providerId("yandex").state(SnapshotState.CREATING)
                .putAttributes("operationId", "op-rollback").build();
        assertThat(catchThrowableOfType(OperationFailedException.class, () -> c.awaitSnapshot(pending, WaitOptions.defaults())).errorCode())
                .contains("INTERNAL");
    }

    @Test
    void withoutAnOperationTheSnapshotItselfIsPolled() {
        SnapshotClient c = client();
        server.stubFor(get(urlEqualTo("/compute/v1/snapshots/" + YandexStubs.SNAPSHOT)).inScenario("s").whenScenarioStateIs(STARTED)
                .willReturn(YandexStubs.json(200, YandexStubs.snapshot("CREATING", false))).willSetStateTo("ready"));
        server.stubFor(get(urlEqualTo("/compute/v1/snapshots/" + YandexStubs.SNAPSHOT)).inScenario("s").whenScenarioStateIs("ready")
                .willReturn(YandexStubs.json(200, YandexStubs.snapshot("READY", false))));
        Snapshot pending = Snapshot.builder().id(YandexStubs.SNAPSHOT).providerId("yandex").state(SnapshotState.CREATING).build();
        assertThat(c.awaitSnapshot(pending, WaitOptions.defaults()).state()).isEqualTo(SnapshotState.READY);
    }

    @Test
    void getReadsStatusSizesAndLabels() {
        SnapshotClient c = client();
        server.stubFor(get(urlEqualTo("/compute/v1/snapshots/" + YandexStubs.SNAPSHOT)).willReturn(YandexStubs.json(200,
                YandexStubs.snapshot("ERROR", false).replace("\"status\"", "\"kmsKey\":{\"keyId\":\"abj1\",\"versionId\":\"abjv\"},\"status\""))));
        Snapshot s = c.getSnapshot(YandexStubs.SNAPSHOT);
        assertThat(s.state()).isEqualTo(SnapshotState.FAILED);
        assertThat(s.providerState()).contains("ERROR");
        assertThat(s.sizeBytes()).hasValue(3632267264L);
        assertThat(s.attributes()).containsEntry("kmsKeyId", "abj1").containsEntry("kmsKeyVersionId", "abjv").containsEntry("folderId", YandexStubs.FOLDER);
    }

    @Test
    void deleteAwaitsItsOperation() {
        SnapshotClient c = client();
        server.stubFor(delete(urlEqualTo("/compute/v1/snapshots/" + YandexStubs.SNAPSHOT)).willReturn(YandexStubs.json(200, YandexStubs.fixture("delete-operation.json"))));
        server.stubFor(get(urlEqualTo("/operations/epdsnapdel0000000001")).inScenario("d").whenScenarioStateIs(STARTED)
                .willReturn(YandexStubs.json(200, YandexStubs.fixture("delete-operation.json"))).willSetStateTo("done"));
        server.stubFor(get(urlEqualTo("/operations/epdsnapdel0000000001")).inScenario("d").whenScenarioStateIs("done")
                .willReturn(YandexStubs.json(200, "{\"id\":\"epdsnapdel0000000001\",\"done\":true,\"response\":{\"@type\":\"type.googleapis.com/google.protobuf.Empty\"}}")));
        c.deleteSnapshot(YandexStubs.SNAPSHOT);
        server.verify(deleteRequestedFor(urlEqualTo("/compute/v1/snapshots/" + YandexStubs.SNAPSHOT)).withHeader("Idempotency-Key", matching("[0-9a-f-]{36}")));
        server.verify(2, getRequestedFor(urlEqualTo("/operations/epdsnapdel0000000001")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "400, 3, INVALID_ARGUMENT, io.snapshotsdk.ServiceException", "403, 7, PERMISSION_DENIED, io.snapshotsdk.PermissionDeniedException",
        "404, 5, NOT_FOUND, io.snapshotsdk.NotFoundException", "409, 6, ALREADY_EXISTS, io.snapshotsdk.ConflictException",
        "429, 8, RESOURCE_EXHAUSTED, io.snapshotsdk.ThrottledException", "500, 13, INTERNAL, io.snapshotsdk.ServiceException",
        "503, 14, UNAVAILABLE, io.snapshotsdk.ServiceException", "504, 4, DEADLINE_EXCEEDED, io.snapshotsdk.ServiceException"
    })
    void everyErrorClass(int status, int code, String name, Class<? extends ServiceException> type) {
        SnapshotClient c = client();
        server.stubFor(post(urlEqualTo("/compute/v1/snapshots")).willReturn(YandexStubs.json(status, YandexStubs.error(code, "no", "req-" + code))));
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> c.createSnapshot(gen2()));
        assertThat(e.getClass()).isEqualTo(type);
        assertThat(e.errorCode()).isEqualTo(name);
        assertThat(e.requestId()).contains("req-" + code);
        List<LoggedRequest> attempts = server.findAll(postRequestedFor(urlEqualTo("/compute/v1/snapshots")));
        assertThat(attempts).hasSize(e.isRetryable() ? 3 : 1);
        assertThat(attempts).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("6f1c2d3e-4b5a-4c69-8d7e-9f8a7b6c5d4e");
    }

    @Test
    void brokenAnswers() {
        SnapshotClient c = client();
        server.stubFor(post(urlEqualTo("/compute/v1/snapshots")).willReturn(YandexStubs.json(200, "")));
        assertThat(catchThrowableOfType(TransportException.class, () -> c.createSnapshot(gen2())).httpStatus()).hasValue(200);
        server.stubFor(get(urlEqualTo("/compute/v1/snapshots/x1")).willReturn(aResponse().withStatus(200).withBody("<html>captive portal</html>")));
        assertThat(catchThrowableOfType(TransportException.class, () -> c.getSnapshot("x1"))).isNotNull();
        server.stubFor(get(urlEqualTo("/compute/v1/snapshots/x2")).willReturn(aResponse().withStatus(502).withBody("<html>bad gateway</html>")));
        assertThat(catchThrowableOfType(ServiceException.class, () -> c.getSnapshot("x2")).errorCode()).isEqualTo("502");
        // A negative size is left out; a blank id is no snapshot.
        server.stubFor(get(urlEqualTo("/compute/v1/snapshots/x3")).willReturn(YandexStubs.json(200,
                "{\"id\":\"x3\",\"status\":\"READY\",\"storageSize\":\"-1\"}")));
        assertThat(c.getSnapshot("x3").sizeBytes()).isEmpty();
        server.stubFor(get(urlEqualTo("/compute/v1/snapshots/x4")).willReturn(YandexStubs.json(200, "{\"id\":\"\\u2028\",\"status\":\"READY\"}")));
        assertThat(catchThrowableOfType(TransportException.class, () -> c.getSnapshot("x4"))).hasMessageContaining("no id");
    }

    @Test
    void aMetadataTokenThatNeverExpiresOrCannotBeSentIsRefused() {
        for (String answer : new String[] {"{\"access_token\":\"t\",\"expires_in\":9223372036854775807}",
            "{\"access_token\":\"t\",\"expires_in\":-9223372036854775808}", "{\"access_token\":\"\u00e9\",\"expires_in\":60}"}) {
            server.stubFor(get(urlEqualTo("/computeMetadata/v1/instance/service-accounts/default/token")).willReturn(YandexStubs.json(200, answer)));
            SnapshotClient c = client(Map.of("oauthToken", "", "metadataService", "true", "metadataEndpoint", server.baseUrl()));
            assertThat(catchThrowableOfType(TransportException.class, () -> c.getSnapshot(YandexStubs.SNAPSHOT)))
                    .hasMessageContaining("no usable access_token");
        }
    }

    @Test
    void aDroppedCreateIsResentWithTheSameKey() {
        SnapshotClient c = client();
        server.stubFor(post(urlEqualTo("/compute/v1/snapshots")).inScenario("d").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo("/compute/v1/snapshots")).inScenario("d").whenScenarioStateIs("ok")
                .willReturn(YandexStubs.json(200, YandexStubs.operation(YandexStubs.OPERATION, false, null))));
        c.createSnapshot(gen2());
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/compute/v1/snapshots")))).hasSize(2)
                .extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("6f1c2d3e-4b5a-4c69-8d7e-9f8a7b6c5d4e");
    }

    @Test
    void aTokenThatIsNoUuidIsSentAsTheUuidItNames() {
        SnapshotClient c = client();
        server.stubFor(post(urlEqualTo("/compute/v1/snapshots"))
                .willReturn(YandexStubs.json(200, YandexStubs.operation(YandexStubs.OPERATION, false, null))));
        CreateSnapshotRequest nightly = CreateSnapshotRequest.builder().sourceId(YandexStubs.DISK).idempotencyToken("nightly-2026-12-01").build();

        c.createSnapshot(nightly);
        c.createSnapshot(nightly);
        c.createSnapshot(CreateSnapshotRequest.builder().sourceId(YandexStubs.DISK).idempotencyToken("nightly-2026-12-02").build());

        List<String> keys = server.findAll(postRequestedFor(urlEqualTo("/compute/v1/snapshots"))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).toList();
        assertThat(keys).allMatch(k -> k.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(keys.get(0)).isEqualTo(keys.get(1)).isNotEqualTo(keys.get(2));
    }

    // ---- token sources -------------------------------------------------------------------

    private void stubGet() {
        server.stubFor(get(urlEqualTo("/compute/v1/snapshots/" + YandexStubs.SNAPSHOT)).willReturn(YandexStubs.json(200, YandexStubs.snapshot("READY", false))));
    }

    @Test
    void anOauthTokenIsExchangedAndTheIamTokenCachedUntilNearExpiry() {
        SnapshotClient c = client();
        stubGet();
        c.getSnapshot(YandexStubs.SNAPSHOT);
        c.getSnapshot(YandexStubs.SNAPSHOT);
        server.verify(1, postRequestedFor(urlEqualTo("/iam/v1/tokens")).withRequestBody(equalToJson("{\"yandexPassportOauthToken\":\"y0_AgAAAAAAoauth\"}")));
        clock.advance(Duration.ofHours(11).plusMinutes(56));
        c.getSnapshot(YandexStubs.SNAPSHOT);
        server.verify(2, postRequestedFor(urlEqualTo("/iam/v1/tokens")));
    }

    @Test
    void aServiceAccountKeySignsAPs256JwtThatVerifies() throws Exception {
        server.stubFor(post(urlEqualTo("/iam/v1/tokens")).willReturn(YandexStubs.iamIssued(YandexStubs.IAM_TOKEN, "2026-01-01T12:00:00Z")));
        var pair = io.snapshotsdk.yandex.internal.KeyFiles.generate();
        SnapshotClient c = client(Map.of("oauthToken", "", "serviceAccountKeyFile", io.snapshotsdk.yandex.internal.KeyFiles.keyFile(pair)));
        stubGet();
        c.getSnapshot(YandexStubs.SNAPSHOT);
        String jwt = new ObjectMapper().readTree(server.findAll(postRequestedFor(urlEqualTo("/iam/v1/tokens"))).get(0).getBodyAsString())
                .get("jwt").asText();
        var payload = io.snapshotsdk.yandex.internal.KeyFiles.verify(jwt, pair.getPublic());
        assertThat(payload.get("aud").asText()).isEqualTo(server.baseUrl() + "/iam/v1/tokens");
    }

    @Test
    void aStaticIamTokenIsSentAsItIsAndYcTokenIsClassified() {
        env.put("YC_TOKEN", "t1.static.token");
        SnapshotClient c = client(Map.of("oauthToken", ""));
        stubGet();
        c.getSnapshot(YandexStubs.SNAPSHOT);
        server.verify(getRequestedFor(urlEqualTo("/compute/v1/snapshots/" + YandexStubs.SNAPSHOT)).withHeader("Authorization", equalTo("Bearer t1.static.token")));
        server.verify(0, postRequestedFor(urlEqualTo("/iam/v1/tokens")));
    }

    @Test
    void theMetadataServiceGivesTokensToVms() {
        server.stubFor(get(urlEqualTo("/computeMetadata/v1/instance/service-accounts/default/token")).willReturn(YandexStubs.json(200,
                "{\"access_token\":\"CggVAgAAAA-metadata\",\"expires_in\":39944,\"token_type\":\"Bearer\"}")));
        SnapshotClient c = client(Map.of("oauthToken", "", "metadataService", "true", "metadataEndpoint", server.baseUrl()));
        stubGet();
        c.getSnapshot(YandexStubs.SNAPSHOT);
        server.verify(getRequestedFor(urlEqualTo("/computeMetadata/v1/instance/service-accounts/default/token"))
                .withHeader("Metadata-Flavor", equalTo("Google")));
        server.verify(getRequestedFor(urlEqualTo("/compute/v1/snapshots/" + YandexStubs.SNAPSHOT)).withHeader("Authorization", equalTo("Bearer CggVAgAAAA-metadata")));
    }

    @Test
    void a401RefreshesTheTokenOnceAndResends() {
        server.stubFor(post(urlEqualTo("/iam/v1/tokens")).inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(YandexStubs.iamIssued("t1.old.token", "2026-01-01T12:00:00Z")).willSetStateTo("second"));
        server.stubFor(post(urlEqualTo("/iam/v1/tokens")).inScenario("t").whenScenarioStateIs("second")
                .willReturn(YandexStubs.iamIssued("t1.new.token", "2026-01-01T12:00:00Z")));
        SnapshotClient c = client(Map.of());
        server.stubFor(get(urlEqualTo("/compute/v1/snapshots/" + YandexStubs.SNAPSHOT)).withHeader("Authorization", equalTo("Bearer t1.old.token"))
                .willReturn(YandexStubs.json(401, YandexStubs.fixture("error-401.json"))));
        server.stubFor(get(urlEqualTo("/compute/v1/snapshots/" + YandexStubs.SNAPSHOT)).withHeader("Authorization", equalTo("Bearer t1.new.token"))
                .willReturn(YandexStubs.json(200, YandexStubs.snapshot("READY", false))));
        assertThat(c.getSnapshot(YandexStubs.SNAPSHOT).state()).isEqualTo(SnapshotState.READY);
        server.verify(2, postRequestedFor(urlEqualTo("/iam/v1/tokens")));
    }

    @Test
    void aTokenStillRefusedAfterRefreshIsAnAuthenticationException() {
        SnapshotClient c = client();
        server.stubFor(get(urlEqualTo("/compute/v1/snapshots/" + YandexStubs.SNAPSHOT)).willReturn(YandexStubs.json(401, YandexStubs.fixture("error-401.json"))));
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> c.getSnapshot(YandexStubs.SNAPSHOT));
        assertThat(e.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(e.requestId()).contains("e38e71c3-adc6-4584-98a4-b0f103d55f61");
        server.verify(2, getRequestedFor(urlEqualTo("/compute/v1/snapshots/" + YandexStubs.SNAPSHOT)));
    }

    @Test
    void noCredentialsAreNamed() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> client(Map.of("oauthToken", "")));
        assertThat(e.getMessage()).contains("YC_SERVICE_ACCOUNT_KEY_FILE").contains("metadataService");
    }
}
