package io.snapshotsdk.aws.sgw;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.contract.SnapshotProviderContract;
import java.util.Map;

/** The provider contract, on Storage Gateway's and EC2's own wire formats. */
class AwsSgwContractTest extends SnapshotProviderContract {

    @Override
    protected String providerId() {
        return "aws-sgw";
    }

    @Override
    protected Map<String, String> settings(String baseUrl) {
        return SgwStubs.settings(baseUrl);
    }

    @Override
    protected String snapshotId() {
        return "snap-78e22663";
    }

    @Override
    protected CreateSnapshotRequest validRequest() {
        return CreateSnapshotRequest.builder().sourceId(SgwStubs.ARN).description("snapshot description")
                .putTags("team", "storage").build();
    }

    @Override
    protected CreateSnapshotRequest invalidRequest() {
        return CreateSnapshotRequest.builder().sourceId("vol-1122AABB").build();
    }

    @Override
    protected RequestPatternBuilder stubCreate(String snapshotId) {
        server.stubFor(SgwStubs.create().willReturn(SgwStubs.created(snapshotId)));
        return SgwStubs.createRequests();
    }

    @Override
    protected RequestPatternBuilder stubCreateThrottledOnce(String snapshotId) {
        server.stubFor(SgwStubs.create().inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(SgwStubs.json(400, SgwStubs.fixture("json11-error-throttling.json"))).willSetStateTo("open"));
        server.stubFor(SgwStubs.create().inScenario("throttle").whenScenarioStateIs("open")
                .willReturn(SgwStubs.created(snapshotId)));
        return SgwStubs.createRequests();
    }

    @Override
    protected String idempotencyToken(LoggedRequest createRequest) {
        return SgwStubs.marker(createRequest);
    }

    @Override
    protected void stubInProgressThenReady(String snapshotId) {
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").inScenario("progress").whenScenarioStateIs(STARTED)
                .willReturn(SgwStubs.xml(200, SgwStubs.describe(snapshotId, "pending", "30%"))).willSetStateTo("done"));
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").inScenario("progress").whenScenarioStateIs("done")
                .willReturn(SgwStubs.xml(200, SgwStubs.describe(snapshotId, "completed", "100%"))));
    }

    @Override
    protected void stubReady(String snapshotId) {
        server.stubFor(SgwStubs.ec2("DescribeSnapshots").willReturn(SgwStubs.xml(200, SgwStubs.describe(snapshotId, "completed", "100%"))));
    }

    @Override
    protected RequestPatternBuilder stubDelete(String snapshotId) {
        server.stubFor(SgwStubs.ec2("DeleteSnapshot").willReturn(SgwStubs.xml(200,
                "<DeleteSnapshotResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>"
                        + "<return>true</return></DeleteSnapshotResponse>")));
        return SgwStubs.ec2Requests("DeleteSnapshot");
    }

    @Override
    protected ExpectedError stubError(ErrorCase errorCase, String snapshotId) {
        String code;
        int status;
        switch (errorCase) {
            case NOT_FOUND -> { code = "InvalidSnapshot.NotFound"; status = 400; }
            case CONFLICT -> { code = "InvalidSnapshot.InUse"; status = 400; }
            case THROTTLED -> { code = "RequestLimitExceeded"; status = 503; }
            default -> { code = "InternalError"; status = 500; }
        }
        String action = errorCase == ErrorCase.CONFLICT ? "DeleteSnapshot" : "DescribeSnapshots";
        server.stubFor(SgwStubs.ec2(action).willReturn(SgwStubs.xml(status, SgwStubs.ec2Error(code, "refused"))));
        return new ExpectedError(status, code, "ea966190-f9aa-478e-9ede-example");
    }
}
