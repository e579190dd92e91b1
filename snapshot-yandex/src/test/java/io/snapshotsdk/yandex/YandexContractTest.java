package io.snapshotsdk.yandex;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.contract.SnapshotProviderContract;
import java.util.Map;

/** The provider contract on Yandex Cloud's REST API, with an OAuth token exchanged for IAM tokens. */
class YandexContractTest extends SnapshotProviderContract {

    @Override
    protected String providerId() {
        return "yandex";
    }

    @Override
    protected Map<String, String> settings(String baseUrl) {
        return YandexStubs.settings(baseUrl);
    }

    @Override
    protected String snapshotId() {
        return YandexStubs.SNAPSHOT;
    }

    @Override
    protected boolean reportsProgressPercent() {
        return false;
    }

    @Override
    protected void stubAuthentication() {
        server.stubFor(post(urlEqualTo("/iam/v1/tokens")).willReturn(YandexStubs.iamIssued(YandexStubs.IAM_TOKEN, "2026-01-01T12:00:00Z")));
    }

    @Override
    protected CreateSnapshotRequest validRequest() {
        return CreateSnapshotRequest.builder().sourceId(YandexStubs.DISK).name("nightly").description("nightly backup")
                .putTags("team", "storage").build();
    }

    @Override
    protected CreateSnapshotRequest invalidRequest() {
        return CreateSnapshotRequest.builder().sourceId(YandexStubs.DISK).name("Nightly Backup").putTags("Team", "Storage").build();
    }

    @Override
    protected RequestPatternBuilder stubCreate(String snapshotId) {
        server.stubFor(post(urlEqualTo("/compute/v1/snapshots")).willReturn(YandexStubs.json(200,
                YandexStubs.operation(YandexStubs.OPERATION, false, null))));
        return postRequestedFor(urlEqualTo("/compute/v1/snapshots"));
    }

    @Override
    protected RequestPatternBuilder stubCreateThrottledOnce(String snapshotId) {
        server.stubFor(post(urlEqualTo("/compute/v1/snapshots")).inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(YandexStubs.json(429, YandexStubs.error(8, "Too many requests", "r-429"))).willSetStateTo("open"));
        server.stubFor(post(urlEqualTo("/compute/v1/snapshots")).inScenario("t").whenScenarioStateIs("open")
                .willReturn(YandexStubs.json(200, YandexStubs.operation(YandexStubs.OPERATION, false, null))));
        return postRequestedFor(urlEqualTo("/compute/v1/snapshots"));
    }

    @Override
    protected String idempotencyToken(LoggedRequest createRequest) {
        return createRequest.getHeader("Idempotency-Key");
    }

    @Override
    protected void stubInProgressThenReady(String snapshotId) {
        String url = "/operations/" + YandexStubs.OPERATION;
        server.stubFor(get(urlEqualTo(url)).inScenario("p").whenScenarioStateIs(STARTED)
                .willReturn(YandexStubs.json(200, YandexStubs.operation(YandexStubs.OPERATION, false, null))).willSetStateTo("done"));
        server.stubFor(get(urlEqualTo(url)).inScenario("p").whenScenarioStateIs("done")
                .willReturn(YandexStubs.json(200, YandexStubs.operation(YandexStubs.OPERATION, true, "READY"))));
    }

    @Override
    protected void stubReady(String snapshotId) {
        server.stubFor(get(urlEqualTo("/compute/v1/snapshots/" + snapshotId)).willReturn(YandexStubs.json(200, YandexStubs.snapshot("READY", false))));
    }

    @Override
    protected RequestPatternBuilder stubDelete(String snapshotId) {
        server.stubFor(delete(urlEqualTo("/compute/v1/snapshots/" + snapshotId)).willReturn(YandexStubs.json(200,
                YandexStubs.fixture("delete-operation.json"))));
        server.stubFor(get(urlEqualTo("/operations/epdsnapdel0000000001")).willReturn(YandexStubs.json(200,
                YandexStubs.fixture("delete-operation.json").replace("\"done\": false", "\"done\": true, \"response\": {\"@type\": \"type.googleapis.com/google.protobuf.Empty\"}"))));
        return deleteRequestedFor(urlEqualTo("/compute/v1/snapshots/" + snapshotId));
    }

    @Override
    protected ExpectedError stubError(ErrorCase errorCase, String snapshotId) {
        int status;
        int code;
        String name;
        switch (errorCase) {
            case NOT_FOUND -> { status = 404; code = 5; name = "NOT_FOUND"; }
            case CONFLICT -> { status = 400; code = 9; name = "FAILED_PRECONDITION"; }
            case THROTTLED -> { status = 429; code = 8; name = "RESOURCE_EXHAUSTED"; }
            default -> { status = 500; code = 13; name = "INTERNAL"; }
        }
        String url = "/compute/v1/snapshots/" + snapshotId;
        var response = YandexStubs.json(status, YandexStubs.error(code, "refused", "req-" + code));
        server.stubFor((errorCase == ErrorCase.CONFLICT ? delete(urlEqualTo(url)) : get(urlEqualTo(url))).willReturn(response));
        return new ExpectedError(status, name, "req-" + code);
    }
}
