package io.snapshotsdk.testprovider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.contract.SnapshotProviderContract;
import java.util.Map;

/** The test provider passes the contract suite, which proves the suite and the shared core. */
class TestJsonContractTest extends SnapshotProviderContract {
    private static final String TOKEN = "contract-token";

    @Override
    protected String providerId() {
        return TestJsonProvider.ID;
    }

    @Override
    protected Map<String, String> settings(String baseUrl) {
        return Map.of("endpoint", baseUrl, "allowInsecureHttp", "true", "token", TOKEN);
    }

    @Override
    protected CreateSnapshotRequest validRequest() {
        return CreateSnapshotRequest.builder().sourceId("disk-1").name("nightly").description("nightly backup")
                .putTags("team", "storage").build();
    }

    @Override
    protected CreateSnapshotRequest invalidRequest() {
        return CreateSnapshotRequest.builder().sourceId("disk-1").name("Not A Valid Name").build();
    }

    @Override
    protected RequestPatternBuilder stubCreate(String snapshotId) {
        server.stubFor(post(urlEqualTo("/v1/snapshots"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"source\":\"disk-1\",\"name\":\"nightly\","
                        + "\"description\":\"nightly backup\",\"tags\":{\"team\":\"storage\"}}"))
                .willReturn(aResponse().withStatus(201).withHeader("X-Request-Id", "req-create")
                        .withHeader("Content-Type", "application/json")
                        .withBody(body(snapshotId, "creating", 0))));
        return postRequestedFor(urlEqualTo("/v1/snapshots"));
    }

    @Override
    protected RequestPatternBuilder stubCreateThrottledOnce(String snapshotId) {
        server.stubFor(post(urlEqualTo("/v1/snapshots")).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2").withHeader("X-Request-Id", "req-t")
                        .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}"))
                .willSetStateTo("open"));
        server.stubFor(post(urlEqualTo("/v1/snapshots")).inScenario("throttled").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(201).withBody(body(snapshotId, "creating", 0))));
        return postRequestedFor(urlEqualTo("/v1/snapshots"));
    }

    @Override
    protected String idempotencyToken(LoggedRequest createRequest) {
        return createRequest.getHeader("Idempotency-Key");
    }

    @Override
    protected void stubInProgressThenReady(String snapshotId) {
        String url = "/v1/snapshots/" + snapshotId;
        server.stubFor(get(urlEqualTo(url)).inScenario("progress").whenScenarioStateIs(STARTED)
                .willReturn(okJson(body(snapshotId, "creating", 40))).willSetStateTo("ready"));
        server.stubFor(get(urlEqualTo(url)).inScenario("progress").whenScenarioStateIs("ready")
                .willReturn(okJson(body(snapshotId, "ready", 100))));
    }

    @Override
    protected void stubReady(String snapshotId) {
        server.stubFor(get(urlEqualTo("/v1/snapshots/" + snapshotId)).willReturn(okJson(body(snapshotId, "ready", 100))));
    }

    @Override
    protected RequestPatternBuilder stubDelete(String snapshotId) {
        server.stubFor(delete(urlEqualTo("/v1/snapshots/" + snapshotId)).willReturn(aResponse().withStatus(204)));
        return deleteRequestedFor(urlEqualTo("/v1/snapshots/" + snapshotId));
    }

    @Override
    protected ExpectedError stubError(ErrorCase errorCase, String snapshotId) {
        int status;
        String code;
        switch (errorCase) {
            case NOT_FOUND -> { status = 404; code = "SnapshotNotFound"; }
            case CONFLICT -> { status = 409; code = "SnapshotBusy"; }
            case THROTTLED -> { status = 429; code = "TooManyRequests"; }
            default -> { status = 500; code = "InternalError"; }
        }
        String url = "/v1/snapshots/" + snapshotId;
        var response = aResponse().withStatus(status).withHeader("X-Request-Id", "req-" + status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"refused\"}}");
        server.stubFor((errorCase == ErrorCase.CONFLICT ? delete(urlEqualTo(url)) : get(urlEqualTo(url))).willReturn(response));
        return new ExpectedError(status, code, "req-" + status);
    }

    private static String body(String id, String status, int progress) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"progress\":" + progress
                + ",\"source\":\"disk-1\",\"name\":\"nightly\",\"createdAt\":\"2026-01-01T00:00:00Z\"}";
    }
}
