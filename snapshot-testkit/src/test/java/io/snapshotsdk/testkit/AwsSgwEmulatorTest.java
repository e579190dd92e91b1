package io.snapshotsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.aws.sgw.AwsSgwSnapshotClient;
import io.snapshotsdk.aws.sgw.internal.AwsCredentials;
import io.snapshotsdk.aws.sgw.internal.SigV4;
import io.snapshotsdk.internal.http.Headers;
import io.snapshotsdk.internal.http.Request;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract against the Storage Gateway and EC2 emulation, and what only AWS checks: SigV4
 * signatures, keys, scopes and clock skew, the Storage Gateway model's rules, and the marker tag
 * the client finds its snapshots by.
 */
class AwsSgwEmulatorTest extends EmulatorContract {
    private static final String VOLUME_ARN =
            "arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB";
    private static final String JSON_11 = "application/x-amz-json-1.1";
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    protected String providerId() {
        return "aws-sgw";
    }

    @Override
    protected String diskId() {
        return VOLUME_ARN;
    }

    @Override
    protected String unknownDiskId() {
        return "arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw-12A3456B/volume/vol-99887766";
    }

    @Override
    protected String unknownSnapshotId() {
        return "snap-0123456789abcdef0";
    }

    @Override
    protected Expected notFound() {
        return new Expected(400, "InvalidSnapshot.NotFound");
    }

    @Override
    protected Expected unknownDisk() {
        return new Expected(400, "VolumeNotFound");
    }

    @Override
    protected Expected throttled() {
        return new Expected(503, "RequestLimitExceeded");
    }

    @Override
    protected Expected serverError() {
        return new Expected(500, "InternalError");
    }

    @Override
    protected Map<String, String> wrongCredentials(Map<String, String> settings) {
        Map<String, String> wrong = new HashMap<>(settings);
        wrong.put("accessKeyId", "AKIAI44QH8DHBEXAMPLE");
        return wrong;
    }

    /** The cloud throttles without naming a wait; the client waits its own backoff. */
    @Override
    protected boolean sendsRetryAfter() {
        return false;
    }

    @Override
    protected Expected wrongCredentialsRefusal() {
        return new Expected(400, "UnrecognizedClientException");
    }

    // ---- contract tests the real cloud answers differently --------------------------------

    /**
     * EC2 knows the snapshot's EBS volume id, never the Storage Gateway volume ARN: a read reports
     * {@code vol-…}, while the create's answer carried the ARN.
     */
    @Test
    @Override
    void readsWhatItCreated() {
        SnapshotClient client = client();
        emulator.readsUntilReady(0);
        Snapshot created = client.createSnapshot(request(diskId()).build());

        Snapshot read = client.getSnapshot(created.id());

        assertThat(created.sourceId()).contains(diskId());
        assertThat(read.id()).isEqualTo(created.id());
        assertThat(read.state()).isEqualTo(SnapshotState.READY);
        assertThat(read.sourceId()).contains("vol-1122aabb");
        assertThat(read.attributes()).containsEntry("ownerId", "111122223333");
    }

    // ---- SigV4 ----------------------------------------------------------------------------

    @Test
    void aWrongSecretIsAnInvalidSignatureOnStorageGatewayAndSignatureDoesNotMatchOnEc2() {
        String id = createdSnapshotId();
        Map<String, String> settings = new HashMap<>(emulator.settings(providerId()));
        settings.put("secretAccessKey", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");
        SnapshotClient client = client(settings);

        AuthenticationException onCreate = catchThrowableOfType(AuthenticationException.class,
                () -> client.createSnapshot(request(diskId()).build()));
        AuthenticationException onRead = catchThrowableOfType(AuthenticationException.class, () -> client.getSnapshot(id));

        assertRefusal(onCreate, new Expected(400, "InvalidSignatureException"));
        assertRefusal(onRead, new Expected(403, "SignatureDoesNotMatch"));
        assertThat(emulator.snapshots(providerId())).hasSize(1);
    }

    @Test
    void anUnknownAccessKeyIsAnAuthFailureOnEc2() {
        String id = createdSnapshotId();
        SnapshotClient client = client(wrongCredentials(emulator.settings(providerId())));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> client.getSnapshot(id));

        assertRefusal(e, new Expected(401, "AuthFailure"));
    }

    @Test
    void aSessionTokenTheEmulatorDidNotIssueIsUnrecognized() {
        Map<String, String> settings = new HashMap<>(emulator.settings(providerId()));
        settings.put("sessionToken", "IQoJb3JpZ2luX2VjEXAMPLETOKEN");

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client(settings).createSnapshot(request(diskId()).build()));

        assertRefusal(e, new Expected(400, "UnrecognizedClientException"));
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void aClockTenMinutesBehindIsCorrectedFromTheServersDate() {
        clock.advance(Duration.ofMinutes(-10));
        SnapshotClient client = client();
        emulator.readsUntilReady(0);

        Snapshot created = client.createSnapshot(request(diskId()).build());

        assertThat(client.getSnapshot(created.id()).state()).isEqualTo(SnapshotState.READY);
        assertThat(emulator.snapshots(providerId())).hasSize(1);
    }

    @Test
    void aSignatureDatedMoreThanFiveMinutesFromTheServersClockIsRefused() throws Exception {
        HttpResponse<String> sgw = send(signed(createRequest(validCreateBody()), "storagegateway",
                Instant.now().minusSeconds(360)));
        HttpResponse<String> ec2 = send(signed(ec2Request("Action=DescribeSnapshots&Version=2016-11-15"), "ec2",
                Instant.now().plusSeconds(360)));

        assertSgwError(sgw, "InvalidSignatureException");
        assertThat(json(sgw).get("message").asText()).startsWith("Signature expired: ");
        assertThat(sgw.headers().firstValue("Date")).as("the server's time, to correct the clock by").isPresent();
        assertEc2Error(ec2, 400, "RequestExpired");
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void aBodyChangedAfterSigningDoesNotMatchTheSignature() throws Exception {
        Request signed = signed(createRequest(validCreateBody()), "storagegateway", Instant.now());
        String tampered = validCreateBody().replace("before the upgrade", "after the upgrade");

        HttpResponse<String> r = send(signed, tampered.getBytes(StandardCharsets.UTF_8));

        assertSgwError(r, "InvalidSignatureException");
        assertThat(json(r).get("message").asText()).startsWith("The request signature we calculated does not match");
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void aSignatureScopedToAnotherServiceIsRefused() throws Exception {
        HttpResponse<String> r = send(signed(createRequest(validCreateBody()), "ec2", Instant.now()));

        assertSgwError(r, "InvalidSignatureException");
        assertThat(json(r).get("message").asText())
                .isEqualTo("Credential should be scoped to correct service: 'storagegateway'.");
    }

    @Test
    void anUnsignedRequestIsMissingItsAuthenticationToken() throws Exception {
        HttpResponse<String> sgw = send(createRequest(validCreateBody()));
        HttpResponse<String> ec2 = send(ec2Request("Action=DescribeSnapshots&Version=2016-11-15"));

        assertSgwError(sgw, "MissingAuthenticationTokenException");
        assertEc2Error(ec2, 401, "MissingAuthenticationToken");
    }

    // ---- Storage Gateway ------------------------------------------------------------------

    @Test
    void theClientChecksTheDescriptionBeforeSendingAnything() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> client().createSnapshot(CreateSnapshotRequest.builder().sourceId(diskId()).build()));

        assertThat(e.violations()).anySatisfy(v -> assertThat(v.field()).isEqualTo("description"));
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    static Stream<String> createBodiesBreakingTheModel() {
        String arn = "\"VolumeARN\":\"" + VOLUME_ARN + "\"";
        String description = ",\"SnapshotDescription\":\"nightly\"";
        return Stream.of(
                "{" + arn + "}",
                "{" + arn + ",\"SnapshotDescription\":\"\"}",
                "{" + arn + ",\"SnapshotDescription\":\"" + "d".repeat(256) + "\"}",
                "{\"VolumeARN\":\"vol-1122AABB\"" + description + "}",
                "{" + arn + description + tag("team#1", "storage") + "}",
                "{" + arn + description + tag("k".repeat(129), "storage") + "}",
                "{" + arn + description + tag("team", "storage&backup") + "}",
                "{" + arn + description + ",\"Tags\":[{\"Key\":\"team\"}]}");
    }

    private static String tag(String key, String value) {
        return ",\"Tags\":[{\"Key\":\"" + key + "\",\"Value\":\"" + value + "\"}]";
    }

    @ParameterizedTest
    @MethodSource("createBodiesBreakingTheModel")
    void theEmulatorChecksTheModelsRulesItself(String body) throws Exception {
        HttpResponse<String> r = send(signed(createRequest(body), "storagegateway", Instant.now()));

        assertSgwError(r, "InvalidGatewayRequestException");
        assertThat(json(r).at("/error/errorCode").asText()).isEqualTo("InvalidParameters");
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void aSignedCreateIsAnsweredWithTheVolumeAndALongSnapshotId() throws Exception {
        HttpResponse<String> r = send(signed(createRequest(validCreateBody()), "storagegateway", Instant.now()));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(json(r).get("VolumeARN").asText()).isEqualTo(VOLUME_ARN);
        assertThat(json(r).get("SnapshotId").asText()).matches("snap-[0-9a-f]{17}");
        assertThat(emulator.snapshots(providerId())).singleElement().satisfies(s -> {
            assertThat(s.name()).contains("nightly-backup-1");
            assertThat(s.tags()).containsEntry("team", "storage");
        });
    }

    @Test
    void theNameDescriptionAndTagsReadBackThroughEc2() {
        SnapshotClient client = client();
        Snapshot created = client.createSnapshot(request(diskId()).idempotencyToken("nightly-2026-12-02").build());

        Snapshot read = client.getSnapshot(created.id());

        assertThat(read.name()).contains("nightly-backup-1");
        assertThat(read.description()).contains("before the upgrade");
        assertThat(read.tags()).containsEntry("team", "storage")
                .containsEntry(AwsSgwSnapshotClient.MARKER_TAG_KEY, "nightly-2026-12-02");
        assertThat(read.attributes()).containsEntry("volumeSizeGiB", "40");
    }

    // ---- exactly-once create --------------------------------------------------------------

    @Test
    void aServerErrorOnCreateIsLookedUpByItsMarkerThenSentOnceMore() {
        emulator.inject(providerId(), Fault.serverError());

        Snapshot created = client().createSnapshot(request(diskId()).idempotencyToken("nightly-2026-12-03").build());

        assertThat(emulator.snapshots(providerId())).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(created.id());
            assertThat(s.tags()).containsEntry(AwsSgwSnapshotClient.MARKER_TAG_KEY, "nightly-2026-12-03");
        });
    }

    @Test
    void whenTheMarkerLookupFailsTooTheCreateIsNotSentAgain() {
        // One for the create, three for the lookup's attempts.
        emulator.inject(providerId(), Fault.serverError().times(4));

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> client().createSnapshot(request(diskId()).build()));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("InternalError");
        assertThat(e.getSuppressed()).anySatisfy(s ->
                assertThat(((ServiceException) s).httpStatus()).isEqualTo(500));
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void describeSnapshotsFindsASnapshotByItsMarkerTag() throws Exception {
        Snapshot created = client().createSnapshot(request(diskId()).idempotencyToken("nightly-2026-12-04").build());
        String byMarker = "Action=DescribeSnapshots&Version=2016-11-15&Owner.1=self&Filter.1.Name=tag%3A"
                + "snapshot-sdk%3Aidempotency-token&Filter.1.Value.1=";

        HttpResponse<String> found = send(signed(ec2Request(byMarker + "nightly-2026-12-04"), "ec2", Instant.now()));
        HttpResponse<String> other = send(signed(ec2Request(byMarker + "nightly-2026-12-05"), "ec2", Instant.now()));

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("<snapshotId>" + created.id() + "</snapshotId>").contains("<requestId>");
        assertThat(other.body()).contains("<snapshotSet></snapshotSet>");
    }

    // ---- EC2 ------------------------------------------------------------------------------

    @Test
    void deletingAnUnknownSnapshotIsNotFound() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client().deleteSnapshot(unknownSnapshotId()));

        assertRefusal(e, notFound());
    }

    @Test
    void throttlingNamesNoRetryAfterOnEitherService() throws Exception {
        emulator.inject(providerId(), Fault.throttle(Duration.ofSeconds(1)).times(2));

        HttpResponse<String> sgw = send(signed(createRequest(validCreateBody()), "storagegateway", Instant.now()));
        HttpResponse<String> ec2 = send(signed(ec2Request("Action=DescribeSnapshots&Version=2016-11-15"), "ec2", Instant.now()));

        assertSgwError(sgw, "ThrottlingException");
        assertEc2Error(ec2, 503, "RequestLimitExceeded");
        assertThat(sgw.headers().firstValue("Retry-After")).isEmpty();
        assertThat(ec2.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void anUnknownActionIsInvalid() throws Exception {
        HttpResponse<String> r = send(signed(ec2Request("Action=CreateSnapshot&Version=2016-11-15&VolumeId=vol-1122aabb"), "ec2",
                Instant.now()));

        assertEc2Error(r, 400, "InvalidAction");
    }

    // ---- raw requests ---------------------------------------------------------------------

    private String validCreateBody() {
        return "{\"VolumeARN\":\"" + VOLUME_ARN + "\",\"SnapshotDescription\":\"before the upgrade\","
                + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"storage\"},{\"Key\":\"Name\",\"Value\":\"nightly-backup-1\"}]}";
    }

    private Request createRequest(String body) {
        return Request.builder("POST", URI.create(emulator.settings(providerId()).get("endpoint") + "/"))
                .header("X-Amz-Target", "StorageGateway_20130630.CreateSnapshot")
                .body(body.getBytes(StandardCharsets.UTF_8), JSON_11)
                .build();
    }

    private Request ec2Request(String form) {
        return Request.builder("POST", URI.create(emulator.settings(providerId()).get("ec2Endpoint") + "/"))
                .body(form.getBytes(StandardCharsets.UTF_8), FORM)
                .build();
    }

    /** Returns {@code request} signed as the client signs, with the emulator's key, at {@code at}. */
    private Request signed(Request request, String service, Instant at) {
        Map<String, String> settings = emulator.settings(providerId());
        AwsCredentials key = new AwsCredentials(settings.get("accessKeyId"), settings.get("secretAccessKey"), Optional.empty(),
                "test");
        return new SigV4(service, settings.get("region"), false).sign(request, key, at);
    }

    private static HttpResponse<String> send(Request request) throws IOException, InterruptedException {
        return send(request, request.body());
    }

    private static HttpResponse<String> send(Request request, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        Headers headers = request.headers();
        for (int i = 0; i < headers.size(); i++) {
            b.header(headers.name(i), headers.value(i));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** Checks a Storage Gateway refusal: always HTTP 400, the type in {@code __type}, a request id. */
    private static void assertSgwError(HttpResponse<String> r, String type) throws IOException {
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains(JSON_11);
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(json(r).get("__type").asText()).isEqualTo(type);
    }

    private static void assertEc2Error(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body()).contains("<Code>" + code + "</Code>").containsPattern("<RequestID>[0-9a-f-]{36}</RequestID>");
    }
}
