package io.snapshotsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.testing.ManualClock;
import io.snapshotsdk.yandex.HardwareGeneration;
import io.snapshotsdk.yandex.YandexSnapshotOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code yandex} client against the emulated Compute, Operation and IAM APIs: the contract,
 * then each check Yandex Cloud makes, seen from the client or, where the client checks first,
 * with raw requests.
 */
class YandexEmulatorTest extends EmulatorContract {
    private static final String DISK = "epd89t47vnhdabcdefgh";
    private static final String REAL_IAM_AUDIENCE = "https://iam.api.cloud.yandex.net/iam/v1/tokens";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PrivateKey foreignKey;

    @Override
    protected String providerId() {
        return "yandex";
    }

    @Override
    protected String diskId() {
        return DISK;
    }

    @Override
    protected String unknownDiskId() {
        return "epdnosuchdisk0000000";
    }

    @Override
    protected String unknownSnapshotId() {
        return "fd8nosuchsnapshot000";
    }

    @Override
    protected Expected notFound() {
        return new Expected(404, "NOT_FOUND");
    }

    @Override
    protected Expected unknownDisk() {
        return new Expected(404, "NOT_FOUND");
    }

    @Override
    protected Expected throttled() {
        return new Expected(429, "RESOURCE_EXHAUSTED");
    }

    @Override
    protected Expected serverError() {
        return new Expected(500, "INTERNAL");
    }

    /** The emulator's key file with another private key: the JWT's signature does not verify. */
    @Override
    protected Map<String, String> wrongCredentials(Map<String, String> settings) {
        ObjectNode keyFile = (ObjectNode) json(settings.get("serviceAccountKeyFile"));
        keyFile.put("private_key", "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(foreignKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Map<String, String> wrong = new HashMap<>(settings);
        wrong.put("serviceAccountKeyFile", keyFile.toString());
        return wrong;
    }

    /** The cloud throttles without naming a wait; the client waits its own backoff. */
    @Override
    protected boolean sendsRetryAfter() {
        return false;
    }

    @Override
    protected Expected wrongCredentialsRefusal() {
        return new Expected(401, "UNAUTHENTICATED");
    }

    /** Neither a Compute snapshot nor its operation carries progress. */
    @Override
    protected boolean reportsProgressPercent() {
        return false;
    }

    // ---- Compute and Operation -----------------------------------------------------------

    @Test
    void aCreateAnswersARunningOperationThatEndsWithTheSnapshot() {
        SnapshotClient client = client();
        CreateSnapshotRequest request = request(diskId())
                .options(YandexSnapshotOptions.builder().hardwareGeneration(HardwareGeneration.generation2()).build()).build();

        Snapshot created = client.createSnapshot(request);
        Snapshot ready = client.awaitSnapshot(created, WaitOptions.defaults());

        assertThat(created.id()).matches("fd8[0-9a-f]{17}");
        assertThat(created.attributes().get("operationId")).matches("epd[0-9a-f]{17}");
        assertThat(created.requestId()).isPresent();
        assertThat(ready.providerState()).contains("READY");
        assertThat(ready.name()).contains("nightly-backup-1");
        assertThat(ready.description()).contains("before the upgrade");
        assertThat(ready.tags()).containsEntry("team", "storage");
        assertThat(ready.createdAt()).isPresent();
        assertThat(ready.sizeBytes()).hasValue(40L << 30);
        assertThat(ready.attributes()).containsEntry("folderId", emulator.settings(providerId()).get("folderId"))
                .containsEntry("diskSize", Long.toString(40L << 30)).containsEntry("hardwareGeneration", "generation2Features")
                .containsEntry("operationId", created.attributes().get("operationId"));
        assertThat(emulator.snapshots(providerId())).singleElement().satisfies(e -> assertThat(e.statusReads()).isEqualTo(2));
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstOperation() {
        SnapshotClient client = client();
        Snapshot first = client.createSnapshot(request(diskId()).idempotencyToken("8e3f5a2c-4b1d-4c6e-9f7a-0d2b4c6e8a10").build());
        Snapshot again = client.createSnapshot(request(diskId()).idempotencyToken("8e3f5a2c-4b1d-4c6e-9f7a-0d2b4c6e8a10").build());
        Snapshot other = client.createSnapshot(request(diskId()).idempotencyToken("1c9b7d5e-3f2a-4e8c-b6d4-2a0f8e6c4b21").build());

        assertThat(again.attributes().get("operationId")).isEqualTo(first.attributes().get("operationId"));
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(emulator.snapshots(providerId())).extracting(EmulatedSnapshot::id).containsExactly(first.id(), other.id());
    }

    @Test
    void aFailedSnapshotsOperationEndsInInternalAndTheSnapshotInError() {
        SnapshotClient client = client();
        emulator.inject(providerId(), Fault.failSnapshot());
        Snapshot created = client.createSnapshot(request(diskId()).build());

        OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
                () -> client.awaitSnapshot(created, WaitOptions.defaults()));

        assertThat(e.errorCode()).contains("INTERNAL");
        Snapshot read = client.getSnapshot(created.id());
        assertThat(read.state()).isEqualTo(SnapshotState.FAILED);
        assertThat(read.providerState()).contains("ERROR");
    }

    @Test
    void aDeletedSnapshotIsDeletingUntilItsOperationIsDone() throws Exception {
        emulator.readsUntilReady(0);
        String id = client().createSnapshot(request(diskId()).build()).id();
        String token = iamToken();

        JsonNode deleting = json(send(authorized(token, "DELETE", "/compute/v1/snapshots/" + id, null)).body());
        String status = json(send(authorized(token, "GET", "/compute/v1/snapshots/" + id, null)).body()).path("status").asText();
        JsonNode done = json(send(authorized(token, "GET", "/operations/" + deleting.path("id").asText(), null)).body());

        assertThat(deleting.path("done").asBoolean()).isFalse();
        assertThat(deleting.path("metadata").path("@type").asText()).endsWith("yandex.cloud.compute.v1.DeleteSnapshotMetadata");
        assertThat(deleting.path("metadata").path("snapshotId").asText()).isEqualTo(id);
        assertThat(status).isEqualTo("DELETING");
        assertThat(done.path("done").asBoolean()).isTrue();
        assertThat(done.path("response").path("@type").asText()).isEqualTo("type.googleapis.com/google.protobuf.Empty");
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void deletingAnUnknownSnapshotIsNotFound() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client().deleteSnapshot(unknownSnapshotId()));
        assertRefusal(e, notFound());
    }

    @Test
    void aNameWithAnUnderscoreIsAcceptedAsTheCurrentProtoAllows() {
        Snapshot created = client().createSnapshot(request(diskId()).name("nightly_backup_1").build());
        assertThat(emulator.snapshots(providerId())).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(created.id());
            assertThat(e.name()).contains("nightly_backup_1");
        });
    }

    static Stream<String> fieldsBreakingTheProtosRules() {
        return Stream.of("{\"name\":\"Nightly\"}", "{\"name\":\"nightly-\"}", "{\"name\":\"1nightly\"}",
                "{\"description\":\"" + "d".repeat(257) + "\"}", "{\"labels\":{\"Team\":\"storage\"}}",
                "{\"labels\":{\"team\":\"Storage\"}}", "{\"folderId\":\"\"}");
    }

    /** The client checks these rules before sending; the emulator checks them again, as the cloud does. */
    @ParameterizedTest
    @MethodSource("fieldsBreakingTheProtosRules")
    void aCreateBreakingTheProtosRulesIsAnInvalidArgument(String fields) throws Exception {
        ObjectNode body = MAPPER.createObjectNode().put("folderId", emulator.settings(providerId()).get("folderId")).put("diskId", DISK);
        body.setAll((ObjectNode) json(fields));

        HttpResponse<String> r = send(authorized(iamToken(), "POST", "/compute/v1/snapshots", body.toString()));

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode status = json(r.body());
        assertThat(status.path("code").asInt()).isEqualTo(3);
        assertThat(status.path("message").asText()).startsWith("Request validation error: ");
        assertThat(status.path("details").path(0).path("requestId").asText())
                .isEqualTo(r.headers().firstValue("x-request-id").orElseThrow());
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void throttlingAndServerErrorsAreTheirStatusBodies() throws Exception {
        String token = iamToken();
        emulator.inject(providerId(), Fault.throttle(Duration.ofSeconds(1)), Fault.serverError());

        HttpResponse<String> throttled = send(authorized(token, "GET", "/compute/v1/snapshots/" + unknownSnapshotId(), null));
        HttpResponse<String> failed = send(authorized(token, "GET", "/compute/v1/snapshots/" + unknownSnapshotId(), null));

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(json(throttled.body()).path("code").asInt()).isEqualTo(8);
        assertThat(throttled.headers().firstValue("Retry-After")).isEmpty();
        assertThat(throttled.headers().firstValue("x-request-id")).isPresent();
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(failed.body()).path("code").asInt()).isEqualTo(13);
        assertThat(failed.headers().firstValue("x-request-id")).isPresent();
    }

    // ---- IAM -----------------------------------------------------------------------------

    @Test
    void withoutTheKeyTheOauthTokenIsExchanged() throws Exception {
        Map<String, String> settings = new HashMap<>(emulator.settings(providerId()));
        settings.remove("serviceAccountKeyFile");

        Snapshot created = client(settings).createSnapshot(request(diskId()).build());
        HttpResponse<String> exchanged = send(raw("POST", "/iam/v1/tokens",
                MAPPER.createObjectNode().put("yandexPassportOauthToken", settings.get("oauthToken")).toString()));

        assertThat(emulator.snapshots(providerId())).extracting(EmulatedSnapshot::id).containsExactly(created.id());
        assertThat(exchanged.statusCode()).isEqualTo(200);
        assertThat(exchanged.headers().firstValue("x-request-id")).isPresent();
        assertThat(json(exchanged.body()).path("iamToken").asText()).startsWith("t1.");
        assertThat(Instant.parse(json(exchanged.body()).path("expiresAt").asText())).isAfter(Instant.now().plus(Duration.ofHours(11)));
    }

    @Test
    void aWrongOauthTokenIsUnauthenticated() {
        Map<String, String> settings = new HashMap<>(emulator.settings(providerId()));
        settings.remove("serviceAccountKeyFile");
        settings.put("oauthToken", "y0_" + "0".repeat(48));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client(settings).createSnapshot(request(diskId()).build()));

        assertRefusal(e, wrongCredentialsRefusal());
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void aJwtFromAClockTwoHoursBehindHasExpired() {
        clock = new ManualClock(Instant.now().minus(Duration.ofHours(2)));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client().createSnapshot(request(diskId()).build()));

        assertRefusal(e, wrongCredentialsRefusal());
    }

    @Test
    void aJwtIsForTheEmulatorsAudienceOnly() throws Exception {
        String keyFile = emulator.settings(providerId()).get("serviceAccountKeyFile");
        String ownAudience = emulator.baseUri() + "/yandex/iam/v1/tokens";

        HttpResponse<String> own = send(raw("POST", "/iam/v1/tokens", jwtBody(keyFile, ownAudience)));
        HttpResponse<String> realCloud = send(raw("POST", "/iam/v1/tokens", jwtBody(keyFile, REAL_IAM_AUDIENCE)));

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(realCloud.statusCode()).isEqualTo(401);
        assertThat(json(realCloud.body()).path("code").asInt()).isEqualTo(16);
    }

    @Test
    void onlyIamTokensIssuedHereAreAccepted() throws Exception {
        Map<String, String> settings = new HashMap<>(emulator.settings(providerId()));
        settings.put("iamToken", "t1.9euelZqKkZ2Tk5GRmpCejY6Tl5nJnu3rnpWakpCLkY-Ti5KQnZHIipaPnZrl8_dX");
        AuthenticationException refused = catchThrowableOfType(AuthenticationException.class,
                () -> client(settings).getSnapshot(unknownSnapshotId()));
        settings.put("iamToken", iamToken());
        NotFoundException accepted = catchThrowableOfType(NotFoundException.class, () -> client(settings).getSnapshot(unknownSnapshotId()));
        HttpResponse<String> anonymous = send(raw("GET", "/compute/v1/snapshots/" + unknownSnapshotId(), null));

        assertRefusal(refused, wrongCredentialsRefusal());
        assertRefusal(accepted, notFound());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous.body()).path("code").asInt()).isEqualTo(16);
    }

    // ---- helpers -------------------------------------------------------------------------

    /** Returns an IAM token the emulator issued for its OAuth token. */
    private String iamToken() throws IOException, InterruptedException {
        String oauthToken = emulator.settings(providerId()).get("oauthToken");
        String body = MAPPER.createObjectNode().put("yandexPassportOauthToken", oauthToken).toString();
        return json(send(raw("POST", "/iam/v1/tokens", body)).body()).path("iamToken").asText();
    }

    private HttpRequest.Builder authorized(String iamToken, String method, String path, String jsonBody) {
        return raw(method, path, jsonBody).header("Authorization", "Bearer " + iamToken);
    }

    private HttpRequest.Builder raw(String method, String path, String jsonBody) {
        return HttpRequest.newBuilder(URI.create(emulator.baseUri() + "/yandex" + path))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody))
                .header("Content-Type", "application/json");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code {"jwt": …}} signed PS256 with the key file's key, for {@code audience}. */
    private static String jwtBody(String keyFile, String audience) throws GeneralSecurityException {
        JsonNode key = json(keyFile);
        String pem = key.path("private_key").asText();
        String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + "-----BEGIN PRIVATE KEY-----".length(),
                pem.indexOf("-----END PRIVATE KEY-----")).replaceAll("\\s", "");
        PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        long now = Instant.now().getEpochSecond();
        String header = base64Url(MAPPER.createObjectNode().put("typ", "JWT").put("alg", "PS256").put("kid", key.path("id").asText()));
        String claims = base64Url(MAPPER.createObjectNode().put("iss", key.path("service_account_id").asText()).put("aud", audience)
                .put("iat", now).put("exp", now + 3600));
        Signature ps256 = Signature.getInstance("RSASSA-PSS");
        ps256.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        ps256.initSign(privateKey);
        ps256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        String jwt = header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(ps256.sign());
        return MAPPER.createObjectNode().put("jwt", jwt).toString();
    }

    private static String base64Url(JsonNode node) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Returns an RSA key the emulator never issued, made once. */
    private static synchronized PrivateKey foreignKey() {
        if (foreignKey == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                foreignKey = generator.generateKeyPair().getPrivate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return foreignKey;
    }
}
