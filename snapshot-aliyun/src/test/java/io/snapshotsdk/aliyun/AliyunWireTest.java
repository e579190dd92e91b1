package io.snapshotsdk.aliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.ConflictException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.aliyun.internal.AliyunProvider;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.testing.ManualClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ECS on the wire, for both signature versions: exact signed requests, every seed error row, broken answers, retries. */
class AliyunWireTest {
    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String TOKEN = "123e4567-e89b-12d3-a456-426655440000";
    private final ManualClock clock = ManualClock.start();
    private SnapshotClient client;
    private AliyunStubs stubs;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private SnapshotClient client(boolean v1, Map<String, String> extra) {
        stubs = new AliyunStubs(v1);
        Map<String, String> settings = new HashMap<>(stubs.settings(server.baseUrl()));
        settings.putAll(extra);
        client = new AliyunProvider().create(ProviderContext.builder().settings(settings).clock(clock).sleeper(clock.sleeper())
                .environment(n -> Optional.empty()).build());
        return client;
    }

    private static CreateSnapshotRequest seedRequest() {
        return CreateSnapshotRequest.builder().sourceId(AliyunStubs.DISK).name("testSnapshotName").description("testDescription")
                .putTags("TestKey", "TestValue").idempotencyToken(TOKEN)
                .options(AliyunSnapshotOptions.builder().retentionDays(30).build()).build();
    }

    private void assertApiParameters(LoggedRequest r, Map<String, String> api) {
        Map<String, String> q = AliyunStubs.query(r);
        api.forEach((k, v) -> assertThat(q).as(k).containsEntry(k, v));
        assertThat(r.getBody()).isEmpty();
        stubs.verifySignature(r);
    }

    private void assertSignedAs(LoggedRequest r, String action, boolean v1, boolean sts) {
        Map<String, String> q = AliyunStubs.query(r);
        if (v1) {
            assertThat(q).containsEntry("Action", action).containsEntry("Version", "2014-05-26").containsEntry("Format", "JSON")
                    .containsEntry("AccessKeyId", "testid").containsEntry("SignatureMethod", "HMAC-SHA1")
                    .containsEntry("SignatureVersion", "1.0").containsEntry("Timestamp", "2026-01-01T00:00:00Z")
                    .containsKeys("SignatureNonce", "Signature");
            assertThat(q.containsKey("SecurityToken")).isEqualTo(sts);
            assertThat(r.getHeader("Authorization")).isNull();
        } else {
            assertThat(q).doesNotContainKeys("Action", "Version", "Signature", "SignatureNonce", "AccessKeyId");
            assertThat(r.getHeader("x-acs-action")).isEqualTo(action);
            assertThat(r.getHeader("x-acs-version")).isEqualTo("2014-05-26");
            assertThat(r.getHeader("x-acs-date")).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(r.getHeader("x-acs-signature-nonce")).matches("[0-9a-f]{32}");
            assertThat(r.getHeader("x-acs-content-sha256")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
            assertThat(r.getHeader("Accept")).isEqualTo("application/json");
            String signed = "host;" + (sts ? "x-acs-accesskey-id;" : "") + "x-acs-action;x-acs-content-sha256;x-acs-date;"
                    + (sts ? "x-acs-security-token;" : "") + "x-acs-signature-nonce;x-acs-version";
            assertThat(r.getHeader("Authorization")).matches("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=" + signed
                    + ",Signature=[0-9a-f]{64}");
        }
    }

    @ParameterizedTest(name = "v1={0}")
    @ValueSource(booleans = {false, true})
    void createSendsTheSeedsParametersSigned(boolean v1) {
        client(v1, Map.of());
        server.stubFor(stubs.call("CreateSnapshot").willReturn(AliyunStubs.json(200, AliyunStubs.fixture("ecs-createsnapshot-response.json"))));

        Snapshot s = client.createSnapshot(seedRequest());

        assertThat(s.id()).isEqualTo("s-bp17441ohwka0yuh****");
        assertThat(s.state()).isEqualTo(SnapshotState.CREATING);
        assertThat(s.requestId()).contains(AliyunStubs.REQUEST_ID);
        assertThat(s.sourceId()).contains(AliyunStubs.DISK);
        LoggedRequest r = server.findAll(stubs.calls("CreateSnapshot")).get(0);
        assertApiParameters(r, Map.of("DiskId", AliyunStubs.DISK, "SnapshotName", "testSnapshotName", "Description", "testDescription",
                "RetentionDays", "30", "Tag.1.Key", "TestKey", "Tag.1.Value", "TestValue", "ClientToken", TOKEN));
        assertSignedAs(r, "CreateSnapshot", v1, false);
        assertThat(r.getHeader("User-Agent")).startsWith("snapshot-sdk/");
    }

    @ParameterizedTest(name = "v1={0}")
    @ValueSource(booleans = {false, true})
    void stsCredentialsSendTheirToken(boolean v1) {
        client(v1, Map.of("securityToken", "CAIS+testsecuritytoken/with=special&chars"));
        server.stubFor(stubs.call("CreateSnapshot").willReturn(AliyunStubs.created("s-bp17441ohwka0yuh1111")));
        client.createSnapshot(seedRequest());
        LoggedRequest r = server.findAll(stubs.calls("CreateSnapshot")).get(0);
        assertSignedAs(r, "CreateSnapshot", v1, true);
        if (v1) {
            assertThat(AliyunStubs.query(r)).containsEntry("SecurityToken", "CAIS+testsecuritytoken/with=special&chars");
        } else {
            assertThat(r.getHeader("x-acs-security-token")).isEqualTo("CAIS+testsecuritytoken/with=special&chars");
            assertThat(r.getHeader("x-acs-accesskey-id")).isEqualTo("testid");
        }
        stubs.verifySignature(r);
    }

    @ParameterizedTest(name = "v1={0}")
    @ValueSource(booleans = {false, true})
    void getSendsDescribeSnapshotsWithAJsonArrayOfIds(boolean v1) {
        client(v1, Map.of());
        // The documented sample masks the id with '*', which no id holds.
        server.stubFor(stubs.call("DescribeSnapshots").willReturn(AliyunStubs.json(200, AliyunStubs.fixture("ecs-describesnapshots-response.json")
                .replace("s-bp67acfmxazb4p****", "s-bp67acfmxazb4p1111"))));

        Snapshot s = client.getSnapshot("s-bp67acfmxazb4p1111");

        LoggedRequest r = server.findAll(stubs.calls("DescribeSnapshots")).get(0);
        assertApiParameters(r, Map.of("RegionId", "cn-hangzhou", "SnapshotIds", "[\"s-bp67acfmxazb4p1111\"]"));
        assertSignedAs(r, "DescribeSnapshots", v1, false);
        assertThat(s.state()).isEqualTo(SnapshotState.READY);
        assertThat(s.providerState()).contains("accomplished");
        assertThat(s.progressPercent()).hasValue(100);
        assertThat(s.name()).contains("testSnapshotName");
        assertThat(s.description()).contains("testDescription");
        assertThat(s.sourceId()).contains("d-bp67acfmxazb4ph****");
        assertThat(s.createdAt()).contains(java.time.Instant.parse("2020-08-20T14:52:28Z"));
        assertThat(s.requestId()).contains("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E");
        assertThat(s.attributes()).containsEntry("sourceDiskSizeGiB", "40").containsEntry("usage", "image")
                .containsEntry("category", "standard").containsEntry("snapshotSN", "64472-116742336-61976****")
                .containsEntry("sourceDiskType", "system").containsEntry("kmsKeyId", "0e478b7a-4262-4802-b8cb-00d3fb40****");
    }

    @ParameterizedTest(name = "v1={0}")
    @ValueSource(booleans = {false, true})
    void progressingReportsItsPercentAndTags(boolean v1) {
        client(v1, Map.of());
        server.stubFor(stubs.call("DescribeSnapshots").willReturn(AliyunStubs.json(200,
                AliyunStubs.fixture("ecs-describesnapshots-response-progressing.json"))));
        Snapshot s = client.getSnapshot("s-bp17441ohwka0yuh1111");
        assertThat(s.state()).isEqualTo(SnapshotState.CREATING);
        assertThat(s.progressPercent()).hasValue(50);
        assertThat(s.tags()).containsExactly(Map.entry("TestKey", "TestValue"));
        assertThat(s.attributes()).containsEntry("remainTimeSeconds", "38");
    }

    @ParameterizedTest(name = "v1={0}")
    @ValueSource(booleans = {false, true})
    void deleteSendsDeleteSnapshotAndAMissingSnapshotIsAlreadyGone(boolean v1) {
        client(v1, Map.of());
        server.stubFor(stubs.call("DeleteSnapshot").inScenario("d").whenScenarioStateIs(STARTED)
                .willReturn(AliyunStubs.json(200, AliyunStubs.fixture("ecs-deletesnapshot-response.json"))).willSetStateTo("gone"));
        server.stubFor(stubs.call("DeleteSnapshot").inScenario("d").whenScenarioStateIs("gone")
                .willReturn(AliyunStubs.json(404, AliyunStubs.error("InvalidSnapshotId.NotFound"))));
        client.deleteSnapshot("s-bp17441ohwka0yuh1111");
        client.deleteSnapshot("s-bp17441ohwka0yuh1111");
        List<LoggedRequest> deletes = server.findAll(stubs.calls("DeleteSnapshot"));
        assertThat(deletes).hasSize(2);
        assertApiParameters(deletes.get(0), Map.of("SnapshotId", "s-bp17441ohwka0yuh1111"));
        assertSignedAs(deletes.get(0), "DeleteSnapshot", v1, false);
    }

    static Stream<Arguments> seedRows() {
        Object[][] rows = {
            {"InvalidDiskId.NotFound", 404}, {"InvalidSnapshotName.Malformed", 400}, {"InvalidDescription.Malformed", 404},
            {"IncorrectInstanceStatus", 400}, {"IncorrectDiskStatus.CreatingSnapshot", 403}, {"InstanceLockedForSecurity", 403},
            {"IncorrectDiskStatus.NeverAttached", 403}, {"QuotaExceed.Snapshot", 403}, {"IncorrectDiskStatus.NeverUsed", 403},
            {"CreateSnapshot.Failed", 403}, {"DiskInArrears", 403}, {"InternalError", 500}, {"DiskId.ValueNotSupported", 403},
            {"DiskCategory.OperationNotSupported", 400}, {"IncorrectDiskStatus", 403}, {"InvalidAccountStatus.NotEnoughBalance", 403},
            {"InvalidAccountStatus.SnapshotServiceUnavailable", 403}, {"InvalidInstanceId.NotFound", 404}, {"IncorrectVolumeStatus", 403},
            {"InvalidVolumeId.NotFound", 404}, {"IdempotentParameterMismatch", 403}, {"IncorrectDiskStatus.Invalid", 403},
            {"IncorrectDiskType.NotSupport", 403}, {"IncorrectDiskStatus.Transferring", 403},
            {"InvalidParameter.KMSKeyId.KMSUnauthorized", 403}, {"Duplicate.TagKey", 400}, {"InvalidTagKey.Malformed", 400},
            {"InvalidTagValue.Malformed", 400}, {"IdempotentProcessing", 403}};
        return Stream.of(false, true).flatMap(v1 -> Stream.of(rows).map(r -> Arguments.of(v1, r[0], r[1])));
    }

    @ParameterizedTest(name = "v1={0} {2} {1}")
    @MethodSource("seedRows")
    void everySeedErrorRowComesBackTyped(boolean v1, String code, int status) {
        client(v1, Map.of());
        server.stubFor(stubs.call("CreateSnapshot").willReturn(AliyunStubs.json(status, AliyunStubs.error(code))));

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client.createSnapshot(seedRequest()));

        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.requestId()).contains(AliyunStubs.REQUEST_ID);
        assertThat(e.attributes()).containsEntry("recommend", "https://api.aliyun.com/troubleshoot?q=" + code + "&product=Ecs");
        List<LoggedRequest> attempts = server.findAll(stubs.calls("CreateSnapshot"));
        assertThat(attempts).hasSize(e.isRetryable() ? 3 : 1);
        assertThat(attempts).extracting(r -> AliyunStubs.query(r).get("ClientToken")).containsOnly(TOKEN);
    }

    @ParameterizedTest(name = "v1={0}")
    @ValueSource(booleans = {false, true})
    void retriesKeepTheClientTokenAndSignAfresh(boolean v1) {
        client(v1, Map.of());
        server.stubFor(stubs.call("CreateSnapshot").inScenario("r").whenScenarioStateIs(STARTED)
                .willReturn(AliyunStubs.json(503, AliyunStubs.error("ServiceUnavailable"))).willSetStateTo("ok"));
        server.stubFor(stubs.call("CreateSnapshot").inScenario("r").whenScenarioStateIs("ok")
                .willReturn(AliyunStubs.created("s-bp17441ohwka0yuh1111")));

        client.createSnapshot(seedRequest());

        List<LoggedRequest> attempts = server.findAll(stubs.calls("CreateSnapshot"));
        assertThat(attempts).hasSize(2);
        assertThat(AliyunStubs.query(attempts.get(1)).get("ClientToken")).isEqualTo(AliyunStubs.query(attempts.get(0)).get("ClientToken"));
        assertThat(stubs.nonce(attempts.get(1))).isNotEqualTo(stubs.nonce(attempts.get(0)));
        String sig0 = v1 ? AliyunStubs.query(attempts.get(0)).get("Signature") : attempts.get(0).getHeader("Authorization");
        String sig1 = v1 ? AliyunStubs.query(attempts.get(1)).get("Signature") : attempts.get(1).getHeader("Authorization");
        assertThat(sig1).isNotEqualTo(sig0);
        attempts.forEach(stubs::verifySignature);
    }

    @ParameterizedTest(name = "v1={0}")
    @ValueSource(booleans = {false, true})
    void aGeneratedClientTokenIsOnePerCreate(boolean v1) {
        client(v1, Map.of());
        server.stubFor(stubs.call("CreateSnapshot").willReturn(AliyunStubs.created("s-bp17441ohwka0yuh1111")));
        CreateSnapshotRequest noToken = CreateSnapshotRequest.builder().sourceId(AliyunStubs.DISK).build();
        client.createSnapshot(noToken);
        client.createSnapshot(noToken);
        List<LoggedRequest> creates = server.findAll(stubs.calls("CreateSnapshot"));
        assertThat(AliyunStubs.query(creates.get(0)).get("ClientToken")).matches("[0-9a-f-]{36}")
                .isNotEqualTo(AliyunStubs.query(creates.get(1)).get("ClientToken"));
        server.verify(stubs.calls("CreateSnapshot").withQueryParam("SnapshotName", absent()));
    }

    @ParameterizedTest(name = "v1={0}")
    @ValueSource(booleans = {false, true})
    void aDroppedConnectionIsRetriedWithTheSameToken(boolean v1) {
        client(v1, Map.of());
        server.stubFor(stubs.call("CreateSnapshot").inScenario("c").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        server.stubFor(stubs.call("CreateSnapshot").inScenario("c").whenScenarioStateIs("ok")
                .willReturn(AliyunStubs.created("s-bp17441ohwka0yuh1111")));
        assertThat(client.createSnapshot(seedRequest()).id()).isEqualTo("s-bp17441ohwka0yuh1111");
        server.verify(2, stubs.calls("CreateSnapshot").withQueryParam("ClientToken", equalTo(TOKEN)));
    }

    @ParameterizedTest(name = "v1={0}")
    @ValueSource(booleans = {false, true})
    void brokenAnswers(boolean v1) {
        client(v1, Map.of());
        server.stubFor(stubs.call("CreateSnapshot").willReturn(AliyunStubs.json(200, "")));
        TransportException empty = catchThrowableOfType(TransportException.class, () -> client.createSnapshot(seedRequest()));
        assertThat(empty.httpStatus()).hasValue(200);
        server.stubFor(stubs.call("CreateSnapshot").willReturn(AliyunStubs.json(200, "{\"RequestId\":\"r\",\"SnapshotId\":\" \"}")));
        assertThat(catchThrowableOfType(TransportException.class, () -> client.createSnapshot(seedRequest()))).hasMessageContaining("no SnapshotId");

        server.stubFor(stubs.call("DescribeSnapshots").willReturn(aResponse().withStatus(200).withBody("<html>portal</html>")));
        assertThat(catchThrowableOfType(TransportException.class, () -> client.getSnapshot("s-1"))).isNotNull();

        server.stubFor(stubs.call("DeleteSnapshot").willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));
        ServiceException badGateway = catchThrowableOfType(ServiceException.class, () -> client.deleteSnapshot("s-1"));
        assertThat(badGateway.errorCode()).isEqualTo("502");
        assertThat(badGateway.getSuppressed()).hasSize(2);
    }

    @ParameterizedTest(name = "v1={0}")
    @ValueSource(booleans = {false, true})
    void awaitFailsFastOnFailed(boolean v1) {
        client(v1, Map.of());
        server.stubFor(stubs.call("DescribeSnapshots").willReturn(AliyunStubs.json(200,
                AliyunStubs.describe("s-bp17441ohwka0yuh1111", "failed", "20%"))));
        Snapshot pending = Snapshot.builder().id("s-bp17441ohwka0yuh1111").providerId("aliyun").state(SnapshotState.CREATING).build();
        OperationFailedException e = catchThrowableOfType(OperationFailedException.class, () -> client.awaitSnapshot(pending, WaitOptions.defaults()));
        assertThat(e.errorCode()).contains("failed");
        server.verify(1, stubs.calls("DescribeSnapshots"));
    }

    @ParameterizedTest(name = "v1={0}")
    @ValueSource(booleans = {false, true})
    void anEmptyListIsNotFound(boolean v1) {
        client(v1, Map.of());
        server.stubFor(stubs.call("DescribeSnapshots").willReturn(AliyunStubs.json(200,
                "{\"TotalCount\":0,\"RequestId\":\"r-0\",\"Snapshots\":{\"Snapshot\":[]}}")));
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client.getSnapshot("s-bp17441ohwka0yuh1111"));
        assertThat(e.requestId()).contains("r-0");
    }

    @ParameterizedTest(name = "v1={0}")
    @ValueSource(booleans = {false, true})
    void aBusyDiskIsAConflict(boolean v1) {
        client(v1, Map.of("maxAttempts", "1"));
        server.stubFor(stubs.call("CreateSnapshot").willReturn(AliyunStubs.json(403, AliyunStubs.error("IncorrectDiskStatus.CreatingSnapshot"))));
        ConflictException e = catchThrowableOfType(ConflictException.class, () -> client.createSnapshot(seedRequest()));
        assertThat(e.isRetryable()).isTrue();
        server.verify(1, stubs.calls("CreateSnapshot").withHeader("Authorization", v1 ? absent() : matching("ACS3-HMAC-SHA256 .+")));
    }
}
