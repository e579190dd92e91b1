package io.snapshotsdk.aws.sgw;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.aws.sgw.internal.AwsSgwProvider;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.testing.ManualClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Storage Gateway and EC2 on the wire: exact requests, every error shape, exactly-once create, clock skew. */
class AwsSgwWireTest {
    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String AUTH_SGW = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/storagegateway/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}";
    private static final String AUTH_EC2 = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/ec2/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}";

    private ManualClock clock;
    private SnapshotClient client;

    @BeforeEach
    void setUp() {
        clock = ManualClock.start();
        client = client(Map.of());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private SnapshotClient client(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(SgwStubs.settings(server.baseUrl()));
        settings.putAll(extra);
        return new AwsSgwProvider().create(ProviderContext.builder().settings(settings).clock(clock)
                .sleeper(clock.sleeper()).environment(n -> Optional.empty()).build());
    }

    private static final String TOKEN = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    /** The seed's create; the client makes its token, as it does for most callers. */
    private static CreateSnapshotRequest seedRequest() {
        return CreateSnapshotRequest.builder().sourceId(SgwStubs.ARN).description("snapshot description").build();
    }

    /** The seed's create with the caller's own token, which the client looks up before sending. */
    private static CreateSnapshotRequest seedRequestWithToken() {
        return CreateSnapshotRequest.builder().sourceId(SgwStubs.ARN).description("snapshot description").idempotencyToken(TOKEN).build();
    }

    private static String seedBody(String token) {
        return "{\"VolumeARN\":\"" + SgwStubs.ARN + "\",\"SnapshotDescription\":\"snapshot description\","
                + "\"Tags\":[{\"Key\":\"snapshot-sdk:idempotency-token\",\"Value\":\"" + token + "\"}]}";
    }

    private static String markerLookup(String token) {
        return "Action=DescribeSnapshots&Version=2016-11-15&Owner.1=self&Filter.1.Name=tag%3Asnapshot-sdk%3Aidempotency-token"
                + "&Filter.1.Value.1=" + token;
    }

    @Test
    void createSendsTheSeedsRequestSignedForStorageGateway() {
        server.stubFor(SgwStubs.create().willReturn(SgwStubs.created("snap-78e22663")));
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200, SgwStubs.emptyDescribe())));

        Snapshot s = client.createSnapshot(seedRequestWithToken());

        assertThat(s.id()).isEqualTo("snap-78e22663");
        assertThat(s.state()).isEqualTo(SnapshotState.CREATING);
        assertThat(s.sourceId()).contains(SgwStubs.ARN);
        assertThat(s.description()).contains("snapshot description");
        assertThat(s.requestId()).contains("CSOC7TJPLR0OOKIRLGOHVAICUFVV4KQNSO5AEMVJF66Q9ASUAAJG");
        assertThat(s.attributes()).containsEntry("volumeARN", SgwStubs.ARN);
        server.verify(1, SgwStubs.createRequests()
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("X-Amz-Date", equalTo("20260101T000000Z"))
                .withHeader("Authorization", matching(AUTH_SGW))
                .withHeader("User-Agent", matching("snapshot-sdk/.+ \\(aws-sgw; java/.+\\)"))
                .withRequestBody(equalToJson(seedBody(TOKEN))));
        LoggedRequest sent = server.findAll(SgwStubs.createRequests()).get(0);
        assertThat(sent.getBodyAsString()).isEqualTo(seedBody(TOKEN));
        assertThat(sent.getHeader("X-Amz-Security-Token")).isNull();
        SigV4Check.verify(sent, "storagegateway", "us-east-1", SgwStubs.SECRET);
    }

    @Test
    void aCallersTokenIsLookedUpBeforeTheFirstSendAndAFoundSnapshotIsReturned() {
        server.stubFor(SgwStubs.create().willReturn(SgwStubs.created("snap-99999999")));
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200, SgwStubs.describe("snap-78e22663", "pending", "5%"))));

        Snapshot s = client.createSnapshot(seedRequestWithToken());

        assertThat(s.id()).isEqualTo("snap-78e22663");
        server.verify(0, SgwStubs.createRequests());
        server.verify(1, SgwStubs.ec2Requests("DescribeSnapshots").withRequestBody(equalTo(markerLookup(TOKEN))));
    }

    @Test
    void aCallersTokenThatFindsNothingIsSentOnce() {
        server.stubFor(SgwStubs.create().willReturn(SgwStubs.created("snap-78e22663")));
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200, SgwStubs.emptyDescribe())));

        client.createSnapshot(seedRequestWithToken());

        server.verify(1, SgwStubs.ec2Requests("DescribeSnapshots"));
        server.verify(1, SgwStubs.createRequests());
        assertThat(server.getAllServeEvents()).last().satisfies(e -> assertThat(e.getRequest().getHeader("X-Amz-Target")).isNull());
    }

    @Test
    void aCallersTokenWhoseLookupFailsSendsNothing() {
        server.stubFor(SgwStubs.create().willReturn(SgwStubs.created("snap-78e22663")));
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(403, SgwStubs.ec2Error("UnauthorizedOperation", "no"))));

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> client.createSnapshot(seedRequestWithToken()));

        assertThat(e.errorCode()).isEqualTo("UnauthorizedOperation");
        server.verify(0, SgwStubs.createRequests());
    }

    @Test
    void tagsAndTheNameTravelAsTags() {
        server.stubFor(SgwStubs.create().willReturn(SgwStubs.created("snap-78e22663")));
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200, SgwStubs.emptyDescribe())));
        client.createSnapshot(CreateSnapshotRequest.builder()
                .sourceId("arn:aws:storagegateway:us-east-2:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB")
                .description("nightly").putTags("env", "prod").putTags("owner:team", "storage@example.com")
                .name("nightly-db").idempotencyToken("t-1").build());
        String fixture = SgwStubs.fixture("storagegateway-createsnapshot-request-with-tags.json").trim();
        String expected = fixture.substring(0, fixture.length() - 2)
                + ",{\"Key\":\"Name\",\"Value\":\"nightly-db\"},{\"Key\":\"snapshot-sdk:idempotency-token\",\"Value\":\"t-1\"}]}";
        server.verify(SgwStubs.createRequests().withRequestBody(equalToJson(expected)));
    }

    @Test
    void sessionCredentialsSendAndSignTheToken() {
        try (SnapshotClient sts = client(Map.of("sessionToken", "FwoGZXIvYXdzEXAMPLE"))) {
            server.stubFor(SgwStubs.create().willReturn(SgwStubs.created("snap-78e22663")));
            sts.createSnapshot(seedRequest());
        }
        LoggedRequest sent = server.findAll(SgwStubs.createRequests()).get(0);
        assertThat(sent.getHeader("X-Amz-Security-Token")).isEqualTo("FwoGZXIvYXdzEXAMPLE");
        assertThat(sent.getHeader("Authorization")).contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target");
        SigV4Check.verify(sent, "storagegateway", "us-east-1", SgwStubs.SECRET);
    }

    @Test
    void getReadsDescribeSnapshotsThroughEc2() {
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200,
                SgwStubs.fixture("ec2-describesnapshots-response-completed.xml"))));

        Snapshot s = client.getSnapshot("snap-0abcdef1234567890");

        server.verify(1, SgwStubs.ec2Requests("DescribeSnapshots")
                .withHeader("Content-Type", equalToIgnoreCase(SgwStubs.FORM))
                .withHeader("Authorization", matching(AUTH_EC2))
                .withRequestBody(equalTo("Action=DescribeSnapshots&Version=2016-11-15&SnapshotId.1=snap-0abcdef1234567890")));
        assertThat(s.id()).isEqualTo("snap-0abcdef1234567890");
        assertThat(s.state()).isEqualTo(SnapshotState.READY);
        assertThat(s.providerState()).contains("completed");
        assertThat(s.progressPercent()).hasValue(100);
        assertThat(s.sourceId()).contains("vol-01234567890abcdef");
        assertThat(s.description()).contains("My root volume snapshot");
        assertThat(s.createdAt()).contains(java.time.Instant.parse("2025-02-03T23:53:18.195Z"));
        assertThat(s.sizeBytes()).hasValue(1770520576L);
        assertThat(s.tags()).containsExactly(Map.entry("purpose", "production_backup"));
        assertThat(s.requestId()).contains("12345678-1234-1234-1234-3755ba4b9fa6");
        assertThat(s.attributes()).containsEntry("ownerId", "123456789012").containsEntry("volumeSizeGiB", "8")
                .containsEntry("encrypted", "true").containsEntry("storageTier", "standard")
                .containsEntry("kmsKeyId", "arn:aws:kms:us-east-1:123456789012:key/12345678-abcd-9876-ab12-cd56f438c90b")
                .containsEntry("completionTime", "2025-02-03T23:56:27.864Z");
    }

    @Test
    void pendingReportsItsProgress() {
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200,
                SgwStubs.fixture("ec2-describesnapshots-response-pending.xml"))));
        Snapshot s = client.getSnapshot("snap-78e22663");
        assertThat(s.state()).isEqualTo(SnapshotState.CREATING);
        assertThat(s.progressPercent()).hasValue(30);
        assertThat(s.tags()).isEmpty();
    }

    @Test
    void anItemWithABlankIdIsATransportException() {
        // U+2028 survives trim() but is blank: no snapshot can carry it as its id.
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200, SgwStubs.describe("\u2028", "completed", "100%"))));
        assertThat(catchThrowableOfType(TransportException.class, () -> client.getSnapshot("snap-78e22663"))).hasMessageContaining("snapshotId");
    }

    @Test
    void anEmptySnapshotSetIsNotFound() {
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200, SgwStubs.emptyDescribe())));
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client.getSnapshot("snap-78e22663"));
        assertThat(e.errorCode()).isEqualTo("InvalidSnapshot.NotFound");
        assertThat(e.requestId()).contains("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
    }

    @Test
    void deleteSendsDeleteSnapshot() {
        server.stubFor(SgwStubs.ec2("DeleteSnapshot").willReturn(SgwStubs.xml(200,
                "<DeleteSnapshotResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><return>true</return></DeleteSnapshotResponse>")));
        client.deleteSnapshot("snap-78e22663");
        server.verify(1, SgwStubs.ec2Requests("DeleteSnapshot").withHeader("Authorization", matching(AUTH_EC2))
                .withRequestBody(equalTo("Action=DeleteSnapshot&Version=2016-11-15&SnapshotId=snap-78e22663")));
    }

    @Test
    void awaitFailsFastOnError() {
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200,
                SgwStubs.describe("snap-78e22663", "error", "12%").replace("<tagSet/>", "<statusMessage>volume is offline</statusMessage><tagSet/>"))));
        Snapshot pending = Snapshot.builder().id("snap-78e22663").providerId("aws-sgw").state(SnapshotState.CREATING).build();
        OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
                () -> client.awaitSnapshot(pending, WaitOptions.defaults()));
        assertThat(e.snapshot()).map(s -> s.attributes().get("statusMessage")).contains("volume is offline");
        server.verify(1, SgwStubs.ec2Requests("DescribeSnapshots"));
    }

    @Test
    void aRefusedCreateIsNotRetriedOrLookedUp() {
        server.stubFor(SgwStubs.create().willReturn(SgwStubs.json(400, SgwStubs.fixture("storagegateway-error-invalidgatewayrequest.json"))));
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client.createSnapshot(seedRequest()));
        assertThat(e.errorCode()).isEqualTo("VolumeNotFound");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.requestId()).contains("CSOC7TJPLR0OOKIRLGOHVAICUFVV4KQNSO5AEMVJF66Q9ASUAAJG");
        server.verify(1, SgwStubs.createRequests());
        server.verify(0, SgwStubs.ec2Requests("DescribeSnapshots"));
    }

    @Test
    void anInternalServerErrorIsLookedUpByMarkerThenResentWithTheSameToken() {
        server.stubFor(SgwStubs.create().inScenario("ise").whenScenarioStateIs(STARTED)
                .willReturn(SgwStubs.json(400, SgwStubs.fixture("storagegateway-error-internalservererror.json"))).willSetStateTo("ok"));
        server.stubFor(SgwStubs.create().inScenario("ise").whenScenarioStateIs("ok").willReturn(SgwStubs.created("snap-78e22663")));
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200, SgwStubs.emptyDescribe())));

        Snapshot s = client.createSnapshot(seedRequest());

        assertThat(s.id()).isEqualTo("snap-78e22663");
        List<LoggedRequest> creates = server.findAll(SgwStubs.createRequests());
        String token = SgwStubs.marker(creates.get(0));
        assertThat(creates).hasSize(2).allSatisfy(r -> assertThat(r.getBodyAsString()).isEqualTo(seedBody(token)));
        assertThat(creates.get(0).getHeader("Authorization")).isNotNull();
        server.verify(1, SgwStubs.ec2Requests("DescribeSnapshots").withRequestBody(equalTo(markerLookup(token))));
    }

    @Test
    void aCreateThatTimedOutIsFoundByItsMarkerAndNotSentAgain() {
        try (SnapshotClient slow = client(Map.of("requestTimeout", "PT0.3S"))) {
            server.stubFor(SgwStubs.create().willReturn(SgwStubs.created("snap-78e22663").withFixedDelay(1_500)));
            server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200,
                    SgwStubs.describe("snap-78e22663", "pending", "0%"))));

            Snapshot s = slow.createSnapshot(seedRequest());

            assertThat(s.id()).isEqualTo("snap-78e22663");
            assertThat(s.state()).isEqualTo(SnapshotState.CREATING);
        }
        // The journal proves it: one create, one lookup, one snapshot.
        server.verify(1, SgwStubs.createRequests());
        server.verify(1, SgwStubs.ec2Requests("DescribeSnapshots"));
    }

    @Test
    void aDroppedConnectionAfterSendingIsLookedUpFirst() {
        server.stubFor(SgwStubs.create().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200, SgwStubs.describe("snap-78e22663", "pending", "5%"))));
        assertThat(client.createSnapshot(seedRequest()).id()).isEqualTo("snap-78e22663");
        server.verify(1, SgwStubs.createRequests());
    }

    @Test
    void whenTheLookupFailsTooNothingIsResent() {
        try (SnapshotClient slow = client(Map.of("requestTimeout", "PT0.3S"))) {
            server.stubFor(SgwStubs.create().willReturn(SgwStubs.created("snap-78e22663").withFixedDelay(1_500)));
            server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(500, SgwStubs.ec2Error("InternalError", "boom"))));

            TransportException e = catchThrowableOfType(TransportException.class, () -> slow.createSnapshot(seedRequest()));

            assertThat(e.getMessage()).contains("timed out");
            assertThat(e.getSuppressed()).anyMatch(s -> s instanceof ServiceException se && se.errorCode().equals("InternalError"));
        }
        server.verify(1, SgwStubs.createRequests());
    }

    @Test
    void anEmptySuccessBodyIsUnusableAndLookedUp() {
        server.stubFor(SgwStubs.create().willReturn(SgwStubs.json(200, "")));
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200, SgwStubs.describe("snap-78e22663", "pending", "1%"))));
        assertThat(client.createSnapshot(seedRequest()).id()).isEqualTo("snap-78e22663");
        server.verify(1, SgwStubs.createRequests());
    }

    @Test
    void aNonJsonRefusalMapsByStatus() {
        server.stubFor(SgwStubs.create().willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad Request</body></html>")));
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client.createSnapshot(seedRequest()));
        assertThat(e.errorCode()).isEqualTo("400");
        assertThat(e.isRetryable()).isFalse();
        server.verify(1, SgwStubs.createRequests());
    }

    @Test
    void anEmptyRefusalMapsByStatus() {
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(aResponse().withStatus(403)));
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client.getSnapshot("snap-78e22663"));
        assertThat(e).isInstanceOf(io.snapshotsdk.PermissionDeniedException.class);
        assertThat(e.errorCode()).isEqualTo("403");
    }

    @Test
    void aNonXmlDescribeAnswerIsATransportException() {
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(aResponse().withStatus(200).withBody("{\"not\":\"xml\"}")));
        TransportException e = catchThrowableOfType(TransportException.class, () -> client.getSnapshot("snap-78e22663"));
        assertThat(e.httpStatus()).hasValue(200);
    }

    @Test
    void aSkewedClockIsCorrectedFromTheServersDateAndTheRequestResignedOnce() {
        String serverDate = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
        server.stubFor(SgwStubs.create().inScenario("skew").whenScenarioStateIs(STARTED)
                .willReturn(SgwStubs.json(400, "{\"__type\":\"InvalidSignatureException\",\"message\":\"Signature expired: "
                        + "20260101T000000Z is now earlier than 20260101T005500Z (20260101T010000Z - 5 min.)\"}")
                        .withHeader("Date", serverDate))
                .willSetStateTo("ok"));
        server.stubFor(SgwStubs.create().inScenario("skew").whenScenarioStateIs("ok").willReturn(SgwStubs.created("snap-78e22663")));
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200, SgwStubs.describe("snap-78e22663", "pending", "1%"))));

        assertThat(client.createSnapshot(seedRequest()).id()).isEqualTo("snap-78e22663");
        client.getSnapshot("snap-78e22663");

        List<LoggedRequest> creates = server.findAll(SgwStubs.createRequests());
        assertThat(creates).extracting(r -> r.getHeader("X-Amz-Date")).containsExactly("20260101T000000Z", "20260101T010000Z");
        SigV4Check.verify(creates.get(1), "storagegateway", "us-east-1", SgwStubs.SECRET);
        assertThat(server.findAll(SgwStubs.ec2Requests("DescribeSnapshots")).get(0).getHeader("X-Amz-Date")).isEqualTo("20260101T010000Z");
    }

    @Test
    void aSkewRefusalWithoutADateIsNotRetried() {
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(400,
                SgwStubs.ec2Error("RequestTimeTooSkewed", "The difference between the request time and the server's time is too large."))));
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> client.getSnapshot("snap-78e22663"));
        assertThat(e.errorCode()).isEqualTo("RequestTimeTooSkewed");
        server.verify(1, SgwStubs.ec2Requests("DescribeSnapshots"));
    }

    @Test
    void serviceUnavailableOnCreateIsLookedUpAndResent() {
        server.stubFor(SgwStubs.create().inScenario("su").whenScenarioStateIs(STARTED)
                .willReturn(SgwStubs.json(400, SgwStubs.fixture("storagegateway-error-serviceunavailable.json"))).willSetStateTo("ok"));
        server.stubFor(SgwStubs.create().inScenario("su").whenScenarioStateIs("ok").willReturn(SgwStubs.created("snap-78e22663")));
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200, SgwStubs.emptyDescribe())));
        assertThat(client.createSnapshot(seedRequest()).id()).isEqualTo("snap-78e22663");
        server.verify(2, SgwStubs.createRequests());
        assertThat(clock.sleeps()).hasSize(1);
    }
}
