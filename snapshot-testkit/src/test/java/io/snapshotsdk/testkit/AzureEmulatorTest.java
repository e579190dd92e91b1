package io.snapshotsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.azure.AzureSnapshotOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The contract against the Azure emulation, and what ARM and Entra ID check beyond it: issued
 * bearer tokens, the client credentials, api-versions, subscriptions, ARM's name rule, the PUT by
 * name, the polling URLs, background copies and Compute's throttling answer.
 */
class AzureEmulatorTest extends EmulatorContract {
    private static final String API = "2025-01-02";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected String providerId() {
        return "azure";
    }

    @Override
    protected String diskId() {
        return group() + "/providers/Microsoft.Compute/disks/data-disk-1";
    }

    @Override
    protected String unknownDiskId() {
        return group() + "/providers/Microsoft.Compute/disks/no-such-disk";
    }

    @Override
    protected String unknownSnapshotId() {
        return snapshotId("never-made");
    }

    @Override
    protected Expected notFound() {
        return new Expected(404, "ResourceNotFound");
    }

    @Override
    protected Expected unknownDisk() {
        return new Expected(404, "ResourceNotFound");
    }

    @Override
    protected Expected throttled() {
        return new Expected(429, "OperationNotAllowed");
    }

    @Override
    protected Expected serverError() {
        return new Expected(500, "InternalServerError");
    }

    @Override
    protected Map<String, String> wrongCredentials(Map<String, String> settings) {
        Map<String, String> s = new HashMap<>(settings);
        s.put("clientSecret", "not-the-secret");
        return s;
    }

    @Override
    protected Expected wrongCredentialsRefusal() {
        return new Expected(401, "invalid_client");
    }

    /** Compute reports no progress while it copies a disk; only a background copy does (see below). */
    @Override
    protected boolean reportsProgressPercent() {
        return false;
    }

    /** Azure snapshots have no description, and the client refuses one before sending. */
    @Override
    protected CreateSnapshotRequest.Builder request(String sourceId) {
        return CreateSnapshotRequest.builder().sourceId(sourceId).name("nightly-backup-1").putTags("team", "storage");
    }

    // ---- Entra ID and bearer tokens ----------------------------------------------------------

    @Test
    void aBearerTokenTheEmulatorNeverIssuedIsAnInvalidAuthenticationToken() {
        Map<String, String> settings = new HashMap<>(emulator.settings(providerId()));
        settings.put("accessToken", "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.forged");

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client(settings).createSnapshot(request(diskId()).build()));

        assertRefusal(e, new Expected(401, "InvalidAuthenticationToken"));
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void aCallWithoutATokenIsAuthenticationFailedWithABearerChallenge() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(arm(unknownSnapshotId() + "?api-version=" + API)).GET());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(errorCode(r)).isEqualTo("AuthenticationFailed");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer authorization_uri=").contains("error=\"invalid_token\"");
        assertThat(r.headers().firstValue("x-ms-request-id")).isPresent();
        assertThat(r.headers().firstValue("x-ms-correlation-request-id")).isPresent();
    }

    @Test
    void anUnknownApplicationOrTenantIsRefusedByEntraId() {
        Map<String, String> wrongClient = new HashMap<>(emulator.settings(providerId()));
        wrongClient.put("clientId", "00000000-0000-0000-0000-0000000000aa");
        Map<String, String> wrongTenant = new HashMap<>(emulator.settings(providerId()));
        wrongTenant.put("tenantId", "contoso.onmicrosoft.com");

        AuthenticationException client = catchThrowableOfType(AuthenticationException.class,
                () -> client(wrongClient).createSnapshot(request(diskId()).build()));
        AuthenticationException tenant = catchThrowableOfType(AuthenticationException.class,
                () -> client(wrongTenant).createSnapshot(request(diskId()).build()));

        assertRefusal(client, new Expected(400, "unauthorized_client"));
        assertThat(client.getMessage()).contains("AADSTS700016");
        assertRefusal(tenant, new Expected(400, "invalid_request"));
        assertThat(tenant.getMessage()).contains("AADSTS90002");
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void theTokenEndpointNeverEchoesTheSecretAndOnlyIssuesTokensForThisArm() {
        Map<String, String> s = emulator.settings(providerId());
        HttpResponse<String> wrongSecret = tokenRequest(s.get("clientId"), "wrong-secret-value", emulator.baseUri() + "/.default");
        HttpResponse<String> foreignScope = tokenRequest(s.get("clientId"), s.get("clientSecret"), "https://vault.azure.net/.default");

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(json(wrongSecret).path("error").asText()).isEqualTo("invalid_client");
        assertThat(json(wrongSecret).path("error_codes").get(0).asInt()).isEqualTo(7000215);
        assertThat(wrongSecret.body()).doesNotContain("wrong-secret-value").doesNotContain(s.get("clientSecret"));
        assertThat(wrongSecret.headers().firstValue("x-ms-request-id")).contains(json(wrongSecret).path("trace_id").asText());
        assertThat(foreignScope.statusCode()).isEqualTo(400);
        assertThat(json(foreignScope).path("error").asText()).isEqualTo("invalid_scope");
    }

    // ---- ARM's checks --------------------------------------------------------------------------

    @Test
    void aSnapshotNameOutsideArmsRuleIsAnInvalidParameter() {
        String token = issuedToken();
        for (String bad : List.of("-bad", "bad.", "b".repeat(81))) {
            HttpResponse<String> r = put(token, snapshotId(bad), createBody(diskId(), ""));

            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(errorCode(r)).as(bad).isEqualTo("InvalidParameter");
            assertThat(json(r).path("error").path("target").asText()).isEqualTo("snapshotName");
        }
        assertThat(emulator.snapshots(providerId())).isEmpty();
        assertThat(put(token, snapshotId("Snap_01.v2_"), createBody(diskId(), "")).statusCode()).isEqualTo(202);
    }

    @Test
    void everyCallNeedsADiskRpApiVersion() {
        HttpResponse<String> missing = send(HttpRequest.newBuilder(arm(unknownSnapshotId()))
                .header("Authorization", "Bearer " + issuedToken()).GET());
        Map<String, String> settings = new HashMap<>(emulator.settings(providerId()));
        settings.put("apiVersion", "2099-01-01");

        ServiceException unsupported = catchThrowableOfType(ServiceException.class,
                () -> client(settings).createSnapshot(request(diskId()).build()));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(errorCode(missing)).isEqualTo("MissingApiVersionParameter");
        assertRefusal(unsupported, new Expected(400, "NoRegisteredProviderFound"));
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void aSnapshotInAnotherSubscriptionIsSubscriptionNotFound() {
        String elsewhere = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Compute/snapshots/s1";

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client().getSnapshot(elsewhere));

        assertRefusal(e, new Expected(404, "SubscriptionNotFound"));
    }

    @Test
    void aSnapshotCannotBeSmallerThanItsDisk() {
        SnapshotClient client = client();
        CreateSnapshotRequest smaller = request(diskId()).options(AzureSnapshotOptions.builder().diskSizeGB(20).build()).build();

        // The client reads the disk from ARM first, so the refusal comes before the PUT.
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> client.createSnapshot(smaller));
        Snapshot larger = client.createSnapshot(request(diskId()).options(AzureSnapshotOptions.builder().diskSizeGB(64).build()).build());
        HttpResponse<String> raw = put(issuedToken(), snapshotId("raw-smaller"), createBody(diskId(), "\"diskSizeGB\":8,"));

        assertThat(e.getMessage()).contains("40 GB");
        assertThat(larger.sizeBytes()).hasValue(64L << 30);
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(errorCode(raw)).isEqualTo("InvalidParameter");
        assertThat(emulator.snapshots(providerId())).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(larger.id()));
    }

    // ---- the PUT by name -----------------------------------------------------------------------

    @Test
    void thePutOfANameInAnotherLetterCaseAnswersTheSameSnapshot() {
        SnapshotClient client = client();
        Snapshot first = client.createSnapshot(request(diskId()).build());

        Snapshot again = client.createSnapshot(request(diskId()).name("NIGHTLY-BACKUP-1").build());

        assertThat(client.getSnapshot(again.id()).id()).isEqualTo(first.id());
        assertThat(emulator.snapshots(providerId())).hasSize(1);
    }

    @Test
    void thePutOfATakenNameFromAnotherDiskIsAPropertyChangeNotAllowed() {
        SnapshotClient client = client();
        String otherDisk = group() + "/providers/Microsoft.Compute/disks/data-disk-2";
        emulator.addDisk(providerId(), otherDisk, 40);
        client.createSnapshot(request(diskId()).build());

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client.createSnapshot(request(otherDisk).build()));

        assertRefusal(e, new Expected(400, "PropertyChangeNotAllowed"));
        assertThat(emulator.snapshots(providerId())).singleElement().satisfies(s -> assertThat(s.sourceId()).isEqualTo(diskId()));
    }

    // ---- long-running operations ---------------------------------------------------------------

    @Test
    void aCreatePointsAtDiskOperationsOnTheEmulatorsOriginAndItsLocationCanBePolledToo() {
        SnapshotClient client = client();
        Snapshot created = client.createSnapshot(request(diskId()).build());
        String async = created.attributes().get("asyncOperationUrl");
        String location = created.attributes().get("locationUrl");

        Map<String, String> onlyLocation = new HashMap<>(created.attributes());
        onlyLocation.remove("asyncOperationUrl");
        Snapshot ready = client.awaitSnapshot(Snapshot.builder().from(created).attributes(onlyLocation).build(), WaitOptions.defaults());

        assertThat(async).startsWith(emulator.baseUri() + "/azure/subscriptions/")
                .contains("/providers/Microsoft.Compute/locations/westus/DiskOperations/").endsWith("api-version=" + API);
        assertThat(location).contains("monitor=true");
        assertThat(created.requestId()).hasValue(async.substring(async.lastIndexOf('/') + 1, async.indexOf('?')));
        assertThat(ready.state()).isEqualTo(SnapshotState.READY);
        assertThat(emulator.snapshots(providerId())).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(SnapshotState.READY));
    }

    @Test
    void aBackgroundCopyIsProvisionedAtOnceAndReportsCompletionPercent() {
        emulator.readsUntilReady(4);
        SnapshotClient client = client();
        Snapshot created = client.createSnapshot(request(diskId()).options(AzureSnapshotOptions.builder().copyStart(true).build()).build());

        List<Snapshot> seen = new CopyOnWriteArrayList<>();
        Snapshot ready = client.awaitSnapshot(created, WaitOptions.builder().onProgress(seen::add).build());

        assertThat(seen).anyMatch(s -> s.state() == SnapshotState.CREATING && s.providerState().orElse("").equals("Succeeded")
                && s.progressPercent().orElse(-1) > 0 && s.progressPercent().orElse(100) < 100);
        assertThat(ready.state()).isEqualTo(SnapshotState.READY);
        assertThat(ready.attributes()).containsEntry("createOption", "CopyStart");
        assertThat(ready.progressPercent()).hasValue(100);
    }

    @Test
    void aFailedCreateEndsFailedWithComputesError() {
        SnapshotClient client = client();
        emulator.inject(providerId(), Fault.failSnapshot());
        Snapshot created = client.createSnapshot(request(diskId()).build());

        OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
                () -> client.awaitSnapshot(created, WaitOptions.defaults()));

        assertThat(e.errorCode()).hasValue("InternalDiskManagementError");
        assertThat(client.getSnapshot(created.id()).state()).isEqualTo(SnapshotState.FAILED);
    }

    @Test
    void deletingASnapshotThatIsGoneSucceedsAsArmAnswers204() {
        HttpResponse<String> raw = send(HttpRequest.newBuilder(arm(unknownSnapshotId() + "?api-version=" + API))
                .header("Authorization", "Bearer " + issuedToken()).DELETE());

        client().deleteSnapshot(unknownSnapshotId());

        assertThat(raw.statusCode()).isEqualTo(204);
        assertThat(raw.headers().firstValue("x-ms-request-id")).isPresent();
    }

    // ---- shapes --------------------------------------------------------------------------------

    @Test
    void theLegacyApiVersionKeepsTheStorageTypeInProperties() {
        Map<String, String> settings = new HashMap<>(emulator.settings(providerId()));
        settings.put("apiVersion", "2016-04-30-preview");
        emulator.readsUntilReady(0);
        SnapshotClient client = client(settings);
        Snapshot created = client.createSnapshot(request(diskId())
                .options(AzureSnapshotOptions.builder().storageType(AzureSnapshotOptions.StorageType.PREMIUM_LRS).build()).build());

        Snapshot read = client.getSnapshot(created.id());

        assertThat(read.attributes()).containsEntry("storageType", "Premium_LRS").doesNotContainKey("incremental");
        assertThat(read.state()).isEqualTo(SnapshotState.READY);
    }

    @Test
    void throttlingIsComputesUnwrappedAnswerWithRetryAfterInSeconds() {
        String token = issuedToken();
        emulator.inject(providerId(), Fault.throttle(Duration.ofMillis(2500)));

        HttpResponse<String> r = send(HttpRequest.newBuilder(arm(unknownSnapshotId() + "?api-version=" + API))
                .header("Authorization", "Bearer " + token).GET());

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(json(r).path("code").asText()).isEqualTo("OperationNotAllowed");
        assertThat(json(r).path("details").get(0).path("code").asText()).isEqualTo("TooManyRequests");
        assertThat(r.headers().firstValue("x-ms-request-id")).isPresent();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private String group() {
        Map<String, String> s = emulator.settings(providerId());
        return "/subscriptions/" + s.get("subscriptionId") + "/resourceGroups/" + s.get("resourceGroup");
    }

    private String snapshotId(String name) {
        return group() + "/providers/Microsoft.Compute/snapshots/" + name;
    }

    private URI arm(String pathAndQuery) {
        return URI.create(emulator.settings(providerId()).get("endpoint") + pathAndQuery);
    }

    /** Returns a PUT body that copies {@code source}, with {@code moreProperties} (each followed by a comma) first. */
    private static String createBody(String source, String moreProperties) {
        return "{\"location\":\"westus\",\"properties\":{" + moreProperties
                + "\"creationData\":{\"createOption\":\"Copy\",\"sourceResourceId\":\"" + source + "\"}}}";
    }

    private HttpResponse<String> put(String token, String snapshotId, String body) {
        return send(HttpRequest.newBuilder(arm(snapshotId + "?api-version=" + API)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> tokenRequest(String clientId, String secret, String scope) {
        Map<String, String> s = emulator.settings(providerId());
        String form = "client_id=" + encode(clientId) + "&scope=" + encode(scope) + "&client_secret=" + encode(secret)
                + "&grant_type=client_credentials";
        return send(HttpRequest.newBuilder(URI.create(s.get("authorityHost") + "/" + s.get("tenantId") + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private String issuedToken() {
        Map<String, String> s = emulator.settings(providerId());
        HttpResponse<String> r = tokenRequest(s.get("clientId"), s.get("clientSecret"), emulator.baseUri() + "/.default");
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r).path("access_token").asText();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String errorCode(HttpResponse<String> r) {
        return json(r).path("error").path("code").asText();
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
