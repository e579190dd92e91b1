package io.snapshotsdk.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.ConflictException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.PermissionDeniedException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.ThrottledException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.azure.internal.AzureProvider;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ARM and Entra ID on the wire: exact requests, long-running operations, every error row, tokens. */
class AzureWireTest {
    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension elsewhere = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ManualClock clock = ManualClock.start();
    private final List<SnapshotClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(SnapshotClient::close);
    }

    private SnapshotClient client(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(AzureStubs.settings(server.baseUrl()));
        settings.putAll(extra);
        settings.values().removeIf(String::isEmpty);
        SnapshotClient c = new AzureProvider().create(ProviderContext.builder().settings(settings).clock(clock)
                .sleeper(clock.sleeper()).environment(n -> Optional.empty()).build());
        clients.add(c);
        return c;
    }

    private SnapshotClient client() {
        AzureStubs.stubToken(server);
        return client(Map.of());
    }

    private static CreateSnapshotRequest.Builder request(String name) {
        return CreateSnapshotRequest.builder().sourceId(AzureStubs.DISK).name(name);
    }

    private String op(String name) {
        return AzureStubs.operationUrl(server.baseUrl(), name);
    }

    @Test
    void createPutsTheCurrentBodyWithBearerTokenAndApiVersion() {
        SnapshotClient c = client();
        server.stubFor(put(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));

        Snapshot s = c.createSnapshot(request("snap1").putTags("team", "storage")
                .options(AzureSnapshotOptions.builder().storageType(AzureSnapshotOptions.StorageType.PREMIUM_LRS).incremental(true).build()).build());

        server.verify(1, putRequestedFor(urlEqualTo(AzureStubs.url("snap1")))
                .withHeader("Authorization", equalTo(AzureStubs.bearer()))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("x-ms-client-request-id", matching("[0-9a-f-]{36}"))
                .withHeader("User-Agent", matching("snapshot-sdk/.+ \\(azure; java/.+\\)"))
                .withRequestBody(equalToJson("{\"location\":\"westus\",\"sku\":{\"name\":\"Premium_LRS\"},\"tags\":{\"team\":\"storage\"},"
                        + "\"properties\":{\"creationData\":{\"createOption\":\"Copy\",\"sourceResourceId\":\"" + AzureStubs.DISK + "\"},"
                        + "\"incremental\":true}}", false, false)));
        assertThat(s.id()).isEqualTo(AzureStubs.path("snap1"));
        assertThat(s.state()).isEqualTo(SnapshotState.READY);
        assertThat(s.requestId()).contains("9a062a88-e463-4697-bef2-fe039df73a02");
        assertThat(s.attributes()).containsEntry("storageType", "Standard_LRS").containsEntry("location", "westus");
    }

    @Test
    void anEndpointWithAPathKeepsItOutOfTheSnapshotsArmId() {
        AzureStubs.stubToken(server);
        SnapshotClient c = client(Map.of("endpoint", server.baseUrl() + "/gateway/"));
        server.stubFor(put(urlEqualTo("/gateway" + AzureStubs.url("snap1")))
                .willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));
        server.stubFor(get(urlEqualTo("/gateway" + AzureStubs.url("snap1")))
                .willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));

        Snapshot created = c.createSnapshot(request("snap1").build());
        Snapshot read = c.getSnapshot(created.id());

        assertThat(created.id()).isEqualTo(AzureStubs.path("snap1"));
        assertThat(read.id()).isEqualTo(AzureStubs.path("snap1"));
    }

    @Test
    void theSeedsApiVersionGetsItsOwnBody() {
        AzureStubs.stubToken(server);
        SnapshotClient legacy = client(Map.of("apiVersion", "2016-04-30-preview"));
        String url = AzureStubs.path("snap1") + "?api-version=2016-04-30-preview";
        server.stubFor(put(urlEqualTo(url)).willReturn(AzureStubs.json(202, "")
                .withHeader("Location", server.baseUrl() + "/subscriptions/" + AzureStubs.SUBSCRIPTION
                        + "/providers/Microsoft.Compute/locations/westus/operations/op-9&monitor=true&api-version=2016-04-30-preview")));
        legacy.createSnapshot(CreateSnapshotRequest.builder().name("snap1")
                .sourceId("https://mystorageaccount.blob.core.windows.net/osimages/osimage.vhd")
                .putTags("department", "Development").putTags("project", "ManagedDisks")
                .options(AzureSnapshotOptions.builder().storageType(AzureSnapshotOptions.StorageType.STANDARD_LRS).build()).build());
        server.verify(putRequestedFor(urlEqualTo(url)).withRequestBody(equalToJson(AzureStubs.fixture("legacy-import-request.json"))));

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> legacy.createSnapshot(request("snap2")
                .options(AzureSnapshotOptions.builder().storageType(AzureSnapshotOptions.StorageType.STANDARD_ZRS).incremental(true).build()).build()));
        assertThat(e.violations()).hasSize(2);
        server.verify(0, putRequestedFor(urlEqualTo(AzureStubs.path("snap2") + "?api-version=2016-04-30-preview")));
    }

    @Test
    void asyncOperationPollingToSucceededHonoursRetryAfterThenReadsTheResource() {
        SnapshotClient c = client();
        server.stubFor(put(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(202, AzureStubs.fixture("create-202-response.json"))
                .withHeader("Azure-AsyncOperation", op("op-1")).withHeader("Location", op("op-1") + "&monitor=true").withHeader("Retry-After", "10")));
        server.stubFor(get(urlPathEqualTo("/subscriptions/" + AzureStubs.SUBSCRIPTION + "/providers/Microsoft.Compute/locations/westus/DiskOperations/op-1"))
                .inScenario("op").whenScenarioStateIs(STARTED)
                .willReturn(AzureStubs.json(200, AzureStubs.fixture("operation-inprogress.json")).withHeader("Retry-After", "15")).willSetStateTo("done"));
        server.stubFor(get(urlPathEqualTo("/subscriptions/" + AzureStubs.SUBSCRIPTION + "/providers/Microsoft.Compute/locations/westus/DiskOperations/op-1"))
                .inScenario("op").whenScenarioStateIs("done")
                .willReturn(AzureStubs.json(200, AzureStubs.fixture("operation-succeeded.json").replace("Succeeded", "succeeded"))));
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));

        Snapshot created = c.createSnapshot(request("snap1").build());
        assertThat(created.state()).isEqualTo(SnapshotState.CREATING);
        assertThat(created.attributes()).containsEntry("asyncOperationUrl", op("op-1"));
        List<Snapshot> seen = new ArrayList<>();
        Snapshot ready = c.awaitSnapshot(created, WaitOptions.builder().onProgress(seen::add).build());

        assertThat(ready.state()).isEqualTo(SnapshotState.READY);
        assertThat(seen).extracting(Snapshot::providerState).containsExactly(Optional.of("InProgress"), Optional.of("Succeeded"));
        // The first pause is the create's own interval; the second is the poll's Retry-After.
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(15));
        server.verify(2, getRequestedFor(urlEqualTo(op("op-1").substring(server.baseUrl().length()))).withHeader("Authorization", equalTo(AzureStubs.bearer())));
        server.verify(1, getRequestedFor(urlEqualTo(AzureStubs.url("snap1"))));
    }

    @Test
    void aFailedOperationIsAnOperationFailedExceptionWithItsCode() {
        SnapshotClient c = client();
        server.stubFor(put(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(202, AzureStubs.fixture("create-202-response.json"))
                .withHeader("Azure-AsyncOperation", op("op-2"))));
        server.stubFor(get(urlPathEqualTo(op("op-2").substring(server.baseUrl().length(), op("op-2").indexOf('?'))))
                .willReturn(AzureStubs.json(200, AzureStubs.fixture("operation-failed.json"))));
        Snapshot created = c.createSnapshot(request("snap1").build());
        OperationFailedException e = catchThrowableOfType(OperationFailedException.class, () -> c.awaitSnapshot(created, WaitOptions.defaults()));
        assertThat(e.errorCode()).contains("ResourceNotFound");
        assertThat(e.getMessage()).contains("was not found");
        assertThat(e.snapshotId()).isEqualTo(AzureStubs.path("snap1"));
    }

    @Test
    void statusesCompareWithoutCaseAndTheNonConformantOnesCount() {
        SnapshotClient c = client();
        for (String status : new String[] {"cancelled", "CANCELED", "Undefined"}) {
            server.stubFor(get(urlPathEqualTo("/op/" + status)).willReturn(AzureStubs.json(200, "{\"status\":\"" + status + "\"}")));
            Snapshot pending = Snapshot.builder().id(AzureStubs.path("snap1")).providerId("azure").state(SnapshotState.CREATING)
                    .putAttributes("asyncOperationUrl", server.baseUrl() + "/op/" + status).build();
            assertThat(catchThrowableOfType(OperationFailedException.class, () -> c.awaitSnapshot(pending, WaitOptions.defaults())).errorCode())
                    .as(status).contains(status);
        }
    }

    @Test
    void onlyALocationIsPolledUntilItStopsAnswering202() {
        SnapshotClient c = client();
        String location = server.baseUrl() + "/subscriptions/" + AzureStubs.SUBSCRIPTION
                + "/providers/Microsoft.Compute/locations/westus/operations/op-3&monitor=true&api-version=2025-01-02";
        server.stubFor(put(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(202, "").withHeader("Location", location)));
        server.stubFor(get(urlEqualTo(location.substring(server.baseUrl().length()))).inScenario("l").whenScenarioStateIs(STARTED)
                .willReturn(AzureStubs.json(202, "").withHeader("Retry-After", "7")).willSetStateTo("done"));
        server.stubFor(get(urlEqualTo(location.substring(server.baseUrl().length()))).inScenario("l").whenScenarioStateIs("done")
                .willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));

        Snapshot created = c.createSnapshot(request("snap1").build());
        assertThat(created.attributes()).containsEntry("locationUrl", location).doesNotContainKey("asyncOperationUrl");
        assertThat(c.awaitSnapshot(created, WaitOptions.defaults()).state()).isEqualTo(SnapshotState.READY);
        server.verify(2, getRequestedFor(urlEqualTo(location.substring(server.baseUrl().length()))));
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(7));
    }

    @Test
    void a200WithAnAsyncOperationIsStillPolled() {
        SnapshotClient c = client();
        server.stubFor(put(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Updating", null))
                .withHeader("Azure-AsyncOperation", op("op-4"))));
        server.stubFor(get(urlPathEqualTo(op("op-4").substring(server.baseUrl().length(), op("op-4").indexOf('?'))))
                .willReturn(AzureStubs.json(200, AzureStubs.fixture("operation-succeeded.json"))));
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));
        Snapshot created = c.createSnapshot(request("snap1").build());
        assertThat(created.state()).isEqualTo(SnapshotState.CREATING);
        assertThat(c.awaitSnapshot(created, WaitOptions.defaults()).state()).isEqualTo(SnapshotState.READY);
        server.verify(1, getRequestedFor(urlPathEqualTo(op("op-4").substring(server.baseUrl().length(), op("op-4").indexOf('?')))));
    }

    @Test
    void aBackgroundCopyReportsItsCompletionPercent() {
        SnapshotClient c = client();
        server.stubFor(get(urlEqualTo(AzureStubs.url("copy1"))).inScenario("c").whenScenarioStateIs(STARTED)
                .willReturn(AzureStubs.json(200, AzureStubs.snapshot("copy1", "Succeeded", 35))).willSetStateTo("done"));
        server.stubFor(get(urlEqualTo(AzureStubs.url("copy1"))).inScenario("c").whenScenarioStateIs("done")
                .willReturn(AzureStubs.json(200, AzureStubs.snapshot("copy1", "Succeeded", 100))));
        Snapshot first = c.getSnapshot(AzureStubs.path("copy1"));
        assertThat(first.state()).isEqualTo(SnapshotState.CREATING);
        assertThat(first.progressPercent()).hasValue(35);
        assertThat(c.awaitSnapshot(first, WaitOptions.defaults()).progressPercent()).hasValue(100);
    }

    @Test
    void aPollUrlOnAnotherHostIsRefusedAndGetsNoToken() {
        SnapshotClient c = client();
        server.stubFor(put(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(202, "")
                .withHeader("Azure-AsyncOperation", elsewhere.baseUrl() + "/steal?api-version=2025-01-02")));
        TransportException atCreate = catchThrowableOfType(TransportException.class, () -> c.createSnapshot(request("snap1").build()));
        assertThat(atCreate.getMessage()).contains("refusing to poll");
        Snapshot planted = Snapshot.builder().id(AzureStubs.path("snap1")).providerId("azure").state(SnapshotState.CREATING)
                .putAttributes("asyncOperationUrl", elsewhere.baseUrl() + "/steal?api-version=2025-01-02").build();
        TransportException atAwait = catchThrowableOfType(TransportException.class, () -> c.awaitSnapshot(planted, WaitOptions.defaults()));
        assertThat(atAwait.getMessage()).contains("refusing to poll");
        assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "400, InvalidParameter, io.snapshotsdk.ServiceException, false",
        "403, AuthorizationFailed, io.snapshotsdk.PermissionDeniedException, false",
        "404, ResourceNotFound, io.snapshotsdk.NotFoundException, false",
        "409, AnotherOperationInProgress, io.snapshotsdk.ConflictException, true",
        "429, TooManyRequests, io.snapshotsdk.ThrottledException, true",
        "500, InternalServerError, io.snapshotsdk.ServiceException, true"
    })
    void theSeedsErrorRows(int status, String code, Class<? extends ServiceException> type, boolean retryable) {
        SnapshotClient c = client();
        server.stubFor(put(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(status,
                "{\"error\":{\"code\":\"" + code + "\",\"message\":\"seed row " + status + "\"}}").withHeader("Retry-After", "1")));
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> c.createSnapshot(request("snap1").build()));
        assertThat(e.getClass()).isEqualTo(type);
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.requestId()).contains("9a062a88-e463-4697-bef2-fe039df73a02");
        server.verify(retryable ? 3 : 1, putRequestedFor(urlEqualTo(AzureStubs.url("snap1"))));
    }

    @Test
    void theRequestIdFallsBackToTheCorrelationId() {
        SnapshotClient c = client();
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).willReturn(aResponse().withStatus(404)
                .withHeader("x-ms-correlation-request-id", "corr-1").withBody(AzureStubs.fixture("error-not-found.json"))));
        assertThat(catchThrowableOfType(NotFoundException.class, () -> c.getSnapshot("snap1")).requestId()).contains("corr-1");
    }

    @Test
    void brokenAnswers() {
        SnapshotClient c = client();
        server.stubFor(get(urlEqualTo(AzureStubs.url("empty"))).willReturn(AzureStubs.json(200, "")));
        assertThat(catchThrowableOfType(TransportException.class, () -> c.getSnapshot("empty")).httpStatus()).hasValue(200);
        server.stubFor(get(urlEqualTo(AzureStubs.url("html"))).willReturn(aResponse().withStatus(200).withBody("<html>sign in</html>")));
        assertThat(catchThrowableOfType(TransportException.class, () -> c.getSnapshot("html"))).isNotNull();
        server.stubFor(get(urlEqualTo(AzureStubs.url("reset"))).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(catchThrowableOfType(TransportException.class, () -> c.getSnapshot("reset")).getSuppressed()).hasSize(2);
    }

    @Test
    void impossibleAnswersAreTypedOrLeftOut() {
        // An expiry past any instant, or a token no header can carry, is no token.
        server.stubFor(AzureStubs.token().willReturn(AzureStubs.json(200,
                "{\"token_type\":\"Bearer\",\"expires_in\":9223372036854775807,\"access_token\":\"t\"}")));
        SnapshotClient forever = client(Map.of());
        assertThat(catchThrowableOfType(TransportException.class, () -> forever.getSnapshot("snap1"))).hasMessageContaining("expiry");
        server.stubFor(AzureStubs.token().willReturn(AzureStubs.json(200,
                "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"a\\u0000b\"}")));
        SnapshotClient control = client(Map.of());
        assertThat(catchThrowableOfType(TransportException.class, () -> control.getSnapshot("snap1"))).hasMessageContaining("access_token");

        // A size that overflows is left out; a blank id falls back to the one asked for.
        SnapshotClient c = client();
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(200,
                "{\"id\":\" \",\"properties\":{\"diskSizeGB\":9223372036854775807,\"provisioningState\":\"Succeeded\"}}")));
        Snapshot s = c.getSnapshot("snap1");
        assertThat(s.id()).isEqualTo(AzureStubs.path("snap1"));
        assertThat(s.sizeBytes()).isEmpty();
    }

    @Test
    void aDroppedPutIsSentAgainToTheSameName() {
        SnapshotClient c = client();
        server.stubFor(put(urlEqualTo(AzureStubs.url("snap1"))).inScenario("d").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        server.stubFor(put(urlEqualTo(AzureStubs.url("snap1"))).inScenario("d").whenScenarioStateIs("ok")
                .willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));
        assertThat(c.createSnapshot(request("snap1").build()).state()).isEqualTo(SnapshotState.READY);
        // Both attempts name the same snapshot, so there is one.
        server.verify(2, putRequestedFor(urlEqualTo(AzureStubs.url("snap1"))));
    }

    @Test
    void getReadsEveryShape() {
        SnapshotClient c = client();
        server.stubFor(get(urlEqualTo(AzureStubs.url("mySnapshot"))).willReturn(AzureStubs.json(200, AzureStubs.fixture("get-snapshot.json"))));
        Snapshot s = c.getSnapshot("mySnapshot");
        assertThat(s.state()).isEqualTo(SnapshotState.READY);
        assertThat(s.name()).contains("mySnapshot");
        assertThat(s.sizeBytes()).hasValue(100L << 30);
        assertThat(s.createdAt()).contains(java.time.Instant.parse("2016-12-28T04:41:35.079872Z"));
        assertThat(s.tags()).containsEntry("department", "Development");
        assertThat(s.attributes()).containsEntry("osType", "Windows").containsEntry("createOption", "Copy");

        server.stubFor(get(urlEqualTo(AzureStubs.url("myIncrementalSnapshot"))).willReturn(AzureStubs.json(200, AzureStubs.fixture("get-incremental-snapshot.json"))));
        Snapshot inc = c.getSnapshot(AzureStubs.path("myIncrementalSnapshot"));
        assertThat(inc.sizeBytes()).hasValue(10737418240L);
        assertThat(inc.attributes()).containsEntry("networkAccessPolicy", "0").containsEntry("diskState", "0")
                .containsEntry("incremental", "true").containsEntry("storageType", "Standard_ZRS");

        server.stubFor(get(urlEqualTo(AzureStubs.url("mySnapshot1"))).willReturn(AzureStubs.json(200, AzureStubs.fixture("seed-response.json"))));
        assertThat(c.getSnapshot("mySnapshot1").attributes()).containsEntry("storageType", "Standard_LRS").containsEntry("diskState", "Unattached");
    }

    @Test
    void badIdsAreRefusedBeforeSending() {
        SnapshotClient c = client();
        server.resetRequests();
        String group = "/subscriptions/" + AzureStubs.SUBSCRIPTION + "/resourceGroups/";
        for (String bad : new String[] {"", "a/../b", "-bad", "/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/disks/z",
            // Parts of an ARM id are path segments too: encoded dots, look-alike slashes and control characters stay out.
            group + "%2e%2e/providers/Microsoft.Compute/snapshots/s1", group + "rg\uFF0Fx/providers/Microsoft.Compute/snapshots/s1",
            group + "rg./providers/Microsoft.Compute/snapshots/s1", group + "rg/providers/Microsoft.Compute/snapshots/s%2F1",
            "/subscriptions/..%2f/resourceGroups/rg/providers/Microsoft.Compute/snapshots/s1", group + "r\ng/providers/Microsoft.Compute/snapshots/s"}) {
            assertThat(catchThrowableOfType(InvalidRequestException.class, () -> c.getSnapshot(bad))).as(bad).isNotNull();
        }
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> c.createSnapshot(request("s1")
                .options(AzureSnapshotOptions.builder().resourceGroup("%2e%2e").build()).build())).violations())
                .extracting(v -> v.field()).containsExactly("options.resourceGroup");
        // With a size to check, the source is read, so its id becomes a URL.
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> c.createSnapshot(CreateSnapshotRequest.builder()
                .sourceId(AzureStubs.DISK + "?api-version=1#").name("s1").options(AzureSnapshotOptions.builder().diskSizeGB(100).build())
                .build())).violations()).extracting(v -> v.field()).containsExactly("sourceId");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void deleteAccepts200And204And404AndPolls202() {
        SnapshotClient c = client();
        server.stubFor(delete(urlEqualTo(AzureStubs.url("a"))).willReturn(AzureStubs.json(200, "{}")));
        server.stubFor(delete(urlEqualTo(AzureStubs.url("b"))).willReturn(AzureStubs.json(204, "")));
        server.stubFor(delete(urlEqualTo(AzureStubs.url("c"))).willReturn(AzureStubs.json(404, AzureStubs.fixture("error-not-found.json"))));
        String location = server.baseUrl() + "/subscriptions/" + AzureStubs.SUBSCRIPTION
                + "/providers/Microsoft.Compute/locations/westus/operations/del-1&monitor=true&api-version=2025-01-02";
        server.stubFor(delete(urlEqualTo(AzureStubs.url("d"))).willReturn(AzureStubs.json(202, "").withHeader("Location", location)
                .withHeader("Retry-After", "5")));
        server.stubFor(get(urlEqualTo(location.substring(server.baseUrl().length()))).inScenario("del").whenScenarioStateIs(STARTED)
                .willReturn(AzureStubs.json(202, "")).willSetStateTo("done"));
        server.stubFor(get(urlEqualTo(location.substring(server.baseUrl().length()))).inScenario("del").whenScenarioStateIs("done")
                .willReturn(AzureStubs.json(204, "")));
        for (String name : new String[] {"a", "b", "c", "d"}) {
            c.deleteSnapshot(name);
        }
        server.verify(2, getRequestedFor(urlEqualTo(location.substring(server.baseUrl().length()))));
        server.verify(1, deleteRequestedFor(urlEqualTo(AzureStubs.url("d"))).withHeader("Content-Type", absent()));
        assertThat(clock.sleeps()).startsWith(Duration.ofSeconds(5));
    }

    @Test
    void aDiskSizeSmallerThanTheSourceIsRefusedBeforeThePut() {
        SnapshotClient c = client();
        server.stubFor(get(urlEqualTo(AzureStubs.DISK + "?api-version=2025-01-02")).willReturn(AzureStubs.json(200,
                "{\"name\":\"myDisk\",\"properties\":{\"diskSizeGB\":128}}")));
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> c.createSnapshot(request("snap1")
                .options(AzureSnapshotOptions.builder().diskSizeGB(64).build()).build()));
        assertThat(e.getMessage()).contains("128");
        server.verify(0, putRequestedFor(urlEqualTo(AzureStubs.url("snap1"))));
    }

    // ---- tokens ---------------------------------------------------------------------------

    @Test
    void theClientCredentialsGrantIsFormEncodedWithTheArmScope() {
        SnapshotClient c = client();
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));
        c.getSnapshot("snap1");
        LoggedRequest token = server.findAll(AzureStubs.tokenRequests()).get(0);
        assertThat(token.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        String audience = server.baseUrl();
        assertThat(token.getBodyAsString()).isEqualTo("client_id=app-1&scope=" + io.snapshotsdk.internal.codec.Rfc3986.encode(audience + "/.default")
                + "&client_secret=" + io.snapshotsdk.internal.codec.Rfc3986.encode(AzureStubs.SECRET) + "&grant_type=client_credentials");
    }

    @Test
    void tokensAreCachedAndRefreshedFiveMinutesBeforeExpiry() {
        server.stubFor(AzureStubs.token().willReturn(AzureStubs.tokenIssued("token-1", 3600)));
        SnapshotClient c = client(Map.of());
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));
        c.getSnapshot("snap1");
        c.getSnapshot("snap1");
        server.verify(1, AzureStubs.tokenRequests());
        clock.advance(Duration.ofMinutes(54));
        c.getSnapshot("snap1");
        server.verify(1, AzureStubs.tokenRequests());
        clock.advance(Duration.ofMinutes(2));
        c.getSnapshot("snap1");
        server.verify(2, AzureStubs.tokenRequests());
    }

    @Test
    void onlyOneThreadFetchesATokenAtATime() throws Exception {
        server.stubFor(AzureStubs.token().willReturn(AzureStubs.tokenIssued("token-1", 3600).withFixedDelay(200)));
        SnapshotClient c = client(Map.of());
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Snapshot>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return c.getSnapshot("snap1");
                }));
            }
            start.countDown();
            for (Future<Snapshot> f : calls) {
                assertThat(f.get(10, TimeUnit.SECONDS).id()).isEqualTo(AzureStubs.path("snap1"));
            }
        } finally {
            pool.shutdownNow();
        }
        server.verify(1, AzureStubs.tokenRequests());
    }

    @Test
    void anExpiredTokenIsRefreshedAndTheRequestSentOnceMore() {
        server.stubFor(AzureStubs.token().inScenario("tok").whenScenarioStateIs(STARTED)
                .willReturn(AzureStubs.tokenIssued("old-token", 3600)).willSetStateTo("second"));
        server.stubFor(AzureStubs.token().inScenario("tok").whenScenarioStateIs("second").willReturn(AzureStubs.tokenIssued("new-token", 3600)));
        SnapshotClient c = client(Map.of());
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).withHeader("Authorization", equalTo("Bearer old-token"))
                .willReturn(AzureStubs.json(401, AzureStubs.fixture("error-expired-token.json"))));
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).withHeader("Authorization", equalTo("Bearer new-token"))
                .willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));
        assertThat(c.getSnapshot("snap1").state()).isEqualTo(SnapshotState.READY);
        server.verify(2, AzureStubs.tokenRequests());
        server.verify(2, getRequestedFor(urlEqualTo(AzureStubs.url("snap1"))));
    }

    @Test
    void aSecond401IsAnAuthenticationException() {
        SnapshotClient c = client();
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(401, AzureStubs.fixture("error-expired-token.json"))));
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> c.getSnapshot("snap1"));
        assertThat(e.errorCode()).isEqualTo("ExpiredAuthenticationToken");
        server.verify(2, getRequestedFor(urlEqualTo(AzureStubs.url("snap1"))));
    }

    @Test
    void aRefusedTokenRequestIsAnAuthenticationException() {
        server.stubFor(AzureStubs.token().willReturn(AzureStubs.json(400, AzureStubs.fixture("token-error.json"))));
        SnapshotClient c = client(Map.of());
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> c.getSnapshot("snap1"));
        assertThat(e.errorCode()).isEqualTo("invalid_scope");
        assertThat(e.getMessage()).doesNotContain(AzureStubs.SECRET);
        server.verify(0, getRequestedFor(urlEqualTo(AzureStubs.url("snap1"))));
    }

    @Test
    void managedIdentityAsksTheMetadataServiceWithTheMetadataHeader() {
        server.stubFor(get(urlPathEqualTo("/metadata/identity/oauth2/token")).willReturn(AzureStubs.json(200, AzureStubs.fixture("imds-success.json"))));
        SnapshotClient c = client(Map.of("tenantId", "", "clientId", "", "clientSecret", "", "managedIdentity", "true",
                "managedIdentityClientId", "mi-client", "managedIdentityEndpoint", server.baseUrl() + "/metadata/identity/oauth2/token"));
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));
        c.getSnapshot("snap1");
        server.verify(getRequestedFor(urlPathEqualTo("/metadata/identity/oauth2/token"))
                .withHeader("Metadata", equalTo("true"))
                .withQueryParam("api-version", equalTo("2018-02-01"))
                .withQueryParam("resource", equalTo(server.baseUrl() + "/"))
                .withQueryParam("client_id", equalTo("mi-client")));
        server.verify(getRequestedFor(urlEqualTo(AzureStubs.url("snap1"))).withHeader("Authorization", equalTo("Bearer eyJ0eXAi...")));
    }

    @Test
    void aStaticTokenIsSentAsItIs() {
        SnapshotClient c = client(Map.of("tenantId", "", "clientId", "", "clientSecret", "", "accessToken", "static-token"));
        server.stubFor(get(urlEqualTo(AzureStubs.url("snap1"))).willReturn(AzureStubs.json(200, AzureStubs.snapshot("snap1", "Succeeded", null))));
        c.getSnapshot("snap1");
        server.verify(getRequestedFor(urlEqualTo(AzureStubs.url("snap1"))).withHeader("Authorization", equalTo("Bearer static-token")));
        server.verify(0, AzureStubs.tokenRequests());
    }

    @Test
    void missingCredentialsAndSubscriptionAreNamed() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> client(Map.of("tenantId", "", "clientSecret", "",
                "subscriptionId", "")));
        assertThat(e.getMessage()).contains("AZURE_SUBSCRIPTION_ID").contains("AZURE_TENANT_ID").contains("managedIdentity");
        assertThat(e.getMessage()).doesNotContain(AzureStubs.SECRET);
    }

    @Test
    void settingsPrintNoSecret() {
        AzureSettings s = AzureSettings.builder().clientSecret("very-secret").accessToken("tok-secret").build();
        assertThat(s.toString()).doesNotContain("very-secret").doesNotContain("tok-secret");
    }
}
