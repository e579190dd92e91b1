package io.snapshotsdk.aliyun;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.contract.SnapshotProviderContract;
import java.util.Map;

/** The provider contract on ECS's wire format, signed with V3 (the default). */
class AliyunContractTest extends SnapshotProviderContract {
    protected AliyunStubs stubs() {
        return new AliyunStubs(false);
    }

    @Override
    protected String providerId() {
        return "aliyun";
    }

    @Override
    protected Map<String, String> settings(String baseUrl) {
        return stubs().settings(baseUrl);
    }

    @Override
    protected String snapshotId() {
        return "s-bp17441ohwka0yuh1111";
    }

    @Override
    protected CreateSnapshotRequest validRequest() {
        return CreateSnapshotRequest.builder().sourceId(AliyunStubs.DISK).name("testSnapshotName").description("testDescription")
                .putTags("team", "storage").build();
    }

    @Override
    protected CreateSnapshotRequest invalidRequest() {
        return CreateSnapshotRequest.builder().sourceId(AliyunStubs.DISK).name("auto-nightly").putTags("acs:team", "x").build();
    }

    @Override
    protected RequestPatternBuilder stubCreate(String snapshotId) {
        server.stubFor(stubs().call("CreateSnapshot").willReturn(AliyunStubs.created(snapshotId)));
        return stubs().calls("CreateSnapshot");
    }

    @Override
    protected RequestPatternBuilder stubCreateThrottledOnce(String snapshotId) {
        server.stubFor(stubs().call("CreateSnapshot").inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(AliyunStubs.json(400, AliyunStubs.fixture("ecs-error-throttling.json"))).willSetStateTo("open"));
        server.stubFor(stubs().call("CreateSnapshot").inScenario("t").whenScenarioStateIs("open")
                .willReturn(AliyunStubs.created(snapshotId)));
        return stubs().calls("CreateSnapshot");
    }

    @Override
    protected String idempotencyToken(LoggedRequest createRequest) {
        return AliyunStubs.query(createRequest).get("ClientToken");
    }

    @Override
    protected void stubInProgressThenReady(String snapshotId) {
        server.stubFor(stubs().call("DescribeSnapshots").inScenario("p").whenScenarioStateIs(STARTED)
                .willReturn(AliyunStubs.json(200, AliyunStubs.describe(snapshotId, "progressing", "50%"))).willSetStateTo("done"));
        server.stubFor(stubs().call("DescribeSnapshots").inScenario("p").whenScenarioStateIs("done")
                .willReturn(AliyunStubs.json(200, AliyunStubs.describe(snapshotId, "accomplished", "100%"))));
    }

    @Override
    protected void stubReady(String snapshotId) {
        server.stubFor(stubs().call("DescribeSnapshots").willReturn(AliyunStubs.json(200, AliyunStubs.describe(snapshotId, "accomplished", "100%"))));
    }

    @Override
    protected RequestPatternBuilder stubDelete(String snapshotId) {
        server.stubFor(stubs().call("DeleteSnapshot").willReturn(AliyunStubs.json(200, AliyunStubs.fixture("ecs-deletesnapshot-response.json"))));
        return stubs().calls("DeleteSnapshot");
    }

    @Override
    protected ExpectedError stubError(ErrorCase errorCase, String snapshotId) {
        String code;
        int status;
        switch (errorCase) {
            case NOT_FOUND -> { code = "InvalidSnapshotId.NotFound"; status = 404; }
            case CONFLICT -> { code = "SnapshotCreatedImage"; status = 403; }
            case THROTTLED -> { code = "Throttling.User"; status = 400; }
            default -> { code = "InternalError"; status = 500; }
        }
        String action = errorCase == ErrorCase.CONFLICT ? "DeleteSnapshot" : "DescribeSnapshots";
        server.stubFor(stubs().call(action).willReturn(AliyunStubs.json(status, AliyunStubs.error(code))));
        return new ExpectedError(status, code, AliyunStubs.REQUEST_ID);
    }
}
