package io.snapshotsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.ConflictException;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.aliyun.internal.AcsSignature;
import io.snapshotsdk.internal.codec.Hashing;
import io.snapshotsdk.internal.codec.Rfc3986;
import io.snapshotsdk.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract and ECS's own checks, end to end: the real {@code aliyun} client, signing with V3
 * ({@code ACS3-HMAC-SHA256}, its default), against the emulator. Where the client checks a rule
 * before sending, a raw request signed the same way shows that the emulator checks it too.
 * {@link AliyunV1EmulatorTest} runs everything again with the V1 signature.
 */
class AliyunEmulatorTest extends EmulatorContract {
    private static final String DISK = "d-bp1s5fnvk4gn2tws0abcd";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** Returns the signature the client and the raw requests use. */
    protected String signatureVersion() {
        return "v3";
    }

    @Override
    protected String providerId() {
        return "aliyun";
    }

    @Override
    protected String diskId() {
        return DISK;
    }

    @Override
    protected String unknownDiskId() {
        return "d-bp1s5fnvk4gn2tws0zzzz";
    }

    @Override
    protected String unknownSnapshotId() {
        return "s-bp17441ohwka0yuh1111";
    }

    @Override
    protected Expected notFound() {
        // ECS answers a DescribeSnapshots of an unknown id with an empty list; the client names the code.
        return new Expected(200, "InvalidSnapshotId.NotFound");
    }

    @Override
    protected Expected unknownDisk() {
        return new Expected(404, "InvalidDiskId.NotFound");
    }

    @Override
    protected Expected throttled() {
        return new Expected(400, "Throttling.User");
    }

    @Override
    protected Expected serverError() {
        return new Expected(500, "InternalError");
    }

    @Override
    protected Map<String, String> wrongCredentials(Map<String, String> settings) {
        Map<String, String> wrong = new HashMap<>(settings);
        wrong.put("accessKeyId", "LTAI5tNotKnownToEmulator");
        return wrong;
    }

    @Override
    protected Expected wrongCredentialsRefusal() {
        return new Expected(404, "InvalidAccessKeyId.NotFound");
    }

    @Override
    protected SnapshotClient client(Map<String, String> settings) {
        Map<String, String> signed = new HashMap<>(settings);
        signed.put("signatureVersion", signatureVersion());
        return super.client(signed);
    }

    // ---- signatures ----------------------------------------------------------------------

    @Test
    void aWrongSecretIsSignatureDoesNotMatchAndTheSecretIsNotEchoed() {
        Map<String, String> settings = new HashMap<>(emulator.settings(providerId()));
        String secret = settings.put("accessKeySecret", "NotTheSecretTheEmulatorKnows");

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client(settings).createSnapshot(request(DISK).build()));

        assertRefusal(e, new Expected(400, "SignatureDoesNotMatch"));
        assertThat(e.getMessage()).contains("server string to sign is:").doesNotContain(secret, "NotTheSecretTheEmulatorKnows");
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void aTimestampMoreThanFifteenMinutesOffIsExpired() {
        clock.advance(Duration.ofMinutes(-14));
        assertThat(client().createSnapshot(request(DISK).build()).id()).startsWith("s-");

        clock.advance(Duration.ofMinutes(-2));
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client().getSnapshot(emulator.snapshots(providerId()).get(0).id()));

        assertRefusal(e, new Expected(400, "InvalidTimeStamp.Expired"));
    }

    @Test
    void aSecurityTokenTheEmulatorDidNotIssueIsRefused() {
        Map<String, String> settings = new HashMap<>(emulator.settings(providerId()));
        settings.put("securityToken", "CAIS8QF1q6Ft5B2yfSjIr5bSEsv3vOdB3rOjU1Hl0");

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client(settings).createSnapshot(request(DISK).build()));

        assertRefusal(e, new Expected(400, "InvalidSecurityToken.Malformed"));
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void aReusedNonceIsSignatureNonceUsed() throws Exception {
        Map<String, String> params = Map.of("RegionId", "cn-hangzhou");
        String nonce = UUID.randomUUID().toString();

        assertThat(rpc("DescribeSnapshots", params, params, nonce).statusCode()).isEqualTo(200);
        HttpResponse<String> replayed = rpc("DescribeSnapshots", params, params, nonce);

        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(body(replayed).path("Code").asText()).isEqualTo("SignatureNonceUsed");
    }

    @Test
    void aParameterChangedAfterSigningDoesNotMatch() throws Exception {
        HttpResponse<String> r = rpc("CreateSnapshot", Map.of("DiskId", DISK, "SnapshotName", "nightly"),
                Map.of("DiskId", DISK, "SnapshotName", "weekly"), UUID.randomUUID().toString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(body(r).path("Code").asText()).isEqualTo("SignatureDoesNotMatch");
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void anUnsignedRequestIsIncompleteSignature() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                URI.create(emulator.settings(providerId()).get("endpoint") + "/?Action=DescribeSnapshots&RegionId=cn-hangzhou"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(body(r).path("Code").asText()).isEqualTo("IncompleteSignature");
    }

    // ---- CreateSnapshot ------------------------------------------------------------------

    static Stream<Arguments> refusedCreates() {
        return Stream.of(
                Arguments.of(Map.of("SnapshotName", "auto-nightly"), 400, "InvalidSnapshotName.Malformed"),
                Arguments.of(Map.of("SnapshotName", "1st-backup"), 400, "InvalidSnapshotName.Malformed"),
                Arguments.of(Map.of("SnapshotName", "n"), 400, "InvalidSnapshotName.Malformed"),
                Arguments.of(Map.of("Description", "https://example.com/backup"), 404, "InvalidDescription.Malformed"),
                Arguments.of(Map.of("Tag.1.Key", "acs:team", "Tag.1.Value", "storage"), 400, "InvalidTagKey.Malformed"),
                Arguments.of(Map.of("Tag.21.Key", "team"), 400, "InvalidTagKey.Malformed"),
                Arguments.of(Map.of("Tag.1.Key", "team", "Tag.1.Value", "see http://wiki"), 400, "InvalidTagValue.Malformed"),
                Arguments.of(Map.of("Tag.1.Key", "team", "Tag.2.Key", "team"), 400, "Duplicate.TagKey"),
                Arguments.of(Map.of("ClientToken", "t".repeat(65)), 400, "InvalidParameter"));
    }

    @ParameterizedTest
    @MethodSource("refusedCreates")
    void theEmulatorChecksTheCreateRulesItself(Map<String, String> extra, int status, String code) throws Exception {
        Map<String, String> params = new LinkedHashMap<>(extra);
        params.put("DiskId", DISK);

        HttpResponse<String> r = rpc("CreateSnapshot", params, params, UUID.randomUUID().toString());

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(body(r).path("Code").asText()).isEqualTo(code);
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void theClientRefusesTheSameRulesBeforeSending() {
        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> client().createSnapshot(request(DISK).name("auto-nightly").build()))).isNotNull();
    }

    @Test
    void aSnapshotWithoutADiskIsMissingParameter() throws Exception {
        HttpResponse<String> r = rpc("CreateSnapshot", Map.of("SnapshotName", "nightly"), Map.of("SnapshotName", "nightly"),
                UUID.randomUUID().toString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(body(r).path("Code").asText()).isEqualTo("MissingParameter");
        assertThat(body(r).path("Message").asText()).contains("\"DiskId\"");
    }

    @Test
    void aSecondSnapshotWhileOneIsBeingMadeIsRefusedUntilTheFirstIsReady() {
        SnapshotClient client = client();
        Snapshot first = client.createSnapshot(request(DISK).build());

        ConflictException e = catchThrowableOfType(ConflictException.class, () -> client.createSnapshot(request(DISK).build()));

        assertRefusal(e, new Expected(403, "IncorrectDiskStatus.CreatingSnapshot"));
        assertThat(e.isRetryable()).isTrue();
        assertThat(emulator.snapshots(providerId())).hasSize(1);

        client.awaitSnapshot(first, WaitOptions.defaults());
        assertThat(client.createSnapshot(request(DISK).build()).id()).isNotEqualTo(first.id());
        assertThat(emulator.snapshots(providerId())).hasSize(2);
    }

    @Test
    void theSameClientTokenWithOtherParametersIsIdempotentParameterMismatch() {
        SnapshotClient client = client();
        emulator.readsUntilReady(0);
        client.createSnapshot(request(DISK).idempotencyToken("nightly-2026-12-01").build());

        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> client.createSnapshot(request(DISK).name("weekly-backup").idempotencyToken("nightly-2026-12-01").build()));

        assertRefusal(e, new Expected(403, "IdempotentParameterMismatch"));
        assertThat(e.isRetryable()).isFalse();
        assertThat(emulator.snapshots(providerId())).hasSize(1);
    }

    // ---- DescribeSnapshots and DeleteSnapshot --------------------------------------------

    @Test
    void describeSnapshotsReportsProgressAndTheSnapshotsFacts() {
        SnapshotClient client = client();
        String id = client.createSnapshot(request(DISK).build()).id();

        Snapshot halfway = client.getSnapshot(id);
        Snapshot done = client.getSnapshot(id);

        assertThat(id).matches("s-[0-9a-z]{20}");
        assertThat(halfway.providerState()).contains("progressing");
        assertThat(halfway.progressPercent()).hasValue(50);
        assertThat(halfway.name()).contains("nightly-backup-1");
        assertThat(halfway.description()).contains("before the upgrade");
        assertThat(halfway.sourceId()).contains(DISK);
        assertThat(halfway.tags()).containsExactly(Map.entry("team", "storage"));
        assertThat(halfway.attributes()).containsEntry("sourceDiskSizeGiB", "40").containsEntry("snapshotType", "user");
        assertThat(halfway.createdAt()).isPresent();
        assertThat(done.state()).isEqualTo(SnapshotState.READY);
        assertThat(done.providerState()).contains("accomplished");
        assertThat(done.progressPercent()).hasValue(100);
    }

    @Test
    void describeSnapshotsNeedsARegionAndAWellFormedIdList() throws Exception {
        HttpResponse<String> noRegion = rpc("DescribeSnapshots", Map.of(), Map.of(), UUID.randomUUID().toString());
        Map<String, String> badIds = Map.of("RegionId", "cn-hangzhou", "SnapshotIds", "s-bp17441ohwka0yuh1111");
        HttpResponse<String> notAList = rpc("DescribeSnapshots", badIds, badIds, UUID.randomUUID().toString());

        assertThat(noRegion.statusCode()).isEqualTo(400);
        assertThat(body(noRegion).path("Code").asText()).isEqualTo("MissingParameter");
        assertThat(notAList.statusCode()).isEqualTo(403);
        assertThat(body(notAList).path("Code").asText()).isEqualTo("InvalidSnapshotIds.Malformed");
    }

    @Test
    void deletingAnUnknownSnapshotIsNotFoundWhichTheClientTakesAsGone() throws Exception {
        Map<String, String> params = Map.of("SnapshotId", unknownSnapshotId());

        HttpResponse<String> r = rpc("DeleteSnapshot", params, params, UUID.randomUUID().toString());

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(body(r).path("Code").asText()).isEqualTo("InvalidSnapshotId.NotFound");
        client().deleteSnapshot(unknownSnapshotId());
    }

    @Test
    void anUnknownActionIsInvalidActionNotFound() throws Exception {
        HttpResponse<String> r = rpc("DescribeDisks", Map.of("RegionId", "cn-hangzhou"), Map.of("RegionId", "cn-hangzhou"),
                UUID.randomUUID().toString());

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(body(r).path("Code").asText()).isEqualTo("InvalidAction.NotFound");
    }

    // ---- raw calls -----------------------------------------------------------------------

    /**
     * Sends an ECS RPC call signed as the client signs it, over {@code signed}, with
     * {@code sent} as the parameters actually sent.
     */
    private HttpResponse<String> rpc(String action, Map<String, String> signed, Map<String, String> sent, String nonce)
            throws IOException, InterruptedException {
        Map<String, String> settings = emulator.settings(providerId());
        String endpoint = settings.get("endpoint");
        String keyId = settings.get("accessKeyId");
        String secret = settings.get("accessKeySecret");
        String timestamp = TIMESTAMP.format(Instant.now());
        HttpRequest.Builder b;
        if (signatureVersion().equals("v1")) {
            Map<String, String> common = Map.of("Action", action, "Version", "2014-05-26", "Format", "JSON", "AccessKeyId", keyId,
                    "SignatureMethod", "HMAC-SHA1", "SignatureVersion", "1.0", "SignatureNonce", nonce, "Timestamp", timestamp);
            Map<String, String> toSign = new TreeMap<>(signed);
            toSign.putAll(common);
            Map<String, String> toSend = new TreeMap<>(sent);
            toSend.putAll(common);
            String signature = AcsSignature.v1Signature(secret, AcsSignature.v1StringToSign("POST", AcsSignature.v1CanonicalQuery(toSign)));
            b = HttpRequest.newBuilder(URI.create(endpoint + "/?" + AcsSignature.v1CanonicalQuery(toSend) + "&Signature="
                    + Rfc3986.encode(signature)));
        } else {
            URI uri = URI.create(endpoint + "/" + (sent.isEmpty() ? "" : "?" + AcsSignature.v3CanonicalQuery(sent)));
            String payloadHash = Hashing.sha256Hex(new byte[0]);
            TreeMap<String, String> headers = new TreeMap<>(Map.of("host", uri.getHost() + ":" + uri.getPort(), "x-acs-action", action,
                    "x-acs-version", "2014-05-26", "x-acs-date", timestamp, "x-acs-signature-nonce", nonce,
                    "x-acs-content-sha256", payloadHash));
            String canonical = AcsSignature.v3CanonicalRequest("POST", uri.getRawPath(), signed, headers, payloadHash);
            String signature = AcsSignature.v3Signature(secret, AcsSignature.v3StringToSign(canonical));
            b = HttpRequest.newBuilder(uri).header("Authorization", AcsSignature.v3Authorization(keyId, headers, signature));
            // The JDK sends host itself; the x-acs-* headers sort after it.
            headers.tailMap("host", false).forEach(b::header);
        }
        return HTTP.send(b.header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Returns the answer's JSON body, having checked that it carries ECS's request id in the body and the header alike. */
    private static JsonNode body(HttpResponse<String> r) throws IOException {
        JsonNode n = Json.read(r.body().getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(n.path("RequestId").asText()).matches("[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}");
        assertThat(r.headers().firstValue("x-acs-request-id")).contains(n.path("RequestId").asText());
        return n;
    }
}
