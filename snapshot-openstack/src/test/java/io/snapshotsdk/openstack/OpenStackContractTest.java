package io.snapshotsdk.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.contract.SnapshotProviderContract;
import java.util.Map;

/** The provider contract on Cinder v3, found through a Keystone v3 catalog. */
class OpenStackContractTest extends SnapshotProviderContract {
    private static final String SNAP = "b36476e5-d18b-47f9-ac69-4818cb43ee21";
    private static final String BASE = "/v3/" + OpenStackStubs.PROJECT + "/snapshots";

    @Override
    protected String providerId() {
        return "openstack";
    }

    @Override
    protected Map<String, String> settings(String baseUrl) {
        return OpenStackStubs.v3Settings(baseUrl);
    }

    @Override
    protected String snapshotId() {
        return SNAP;
    }

    @Override
    protected void stubAuthentication() {
        OpenStackStubs.stubKeystoneV3(server, OpenStackStubs.TOKEN);
    }

    @Override
    protected CreateSnapshotRequest validRequest() {
        return CreateSnapshotRequest.builder().sourceId(OpenStackStubs.VOLUME).name("nightly").description("Daily backup")
                .putTags("team", "storage").build();
    }

    @Override
    protected CreateSnapshotRequest invalidRequest() {
        return CreateSnapshotRequest.builder().sourceId("not-a-uuid").putTags("bad*key", "v").build();
    }

    @Override
    protected RequestPatternBuilder stubCreate(String snapshotId) {
        server.stubFor(post(urlEqualTo(BASE)).willReturn(OpenStackStubs.json(202, OpenStackStubs.snapshot(snapshotId, "creating", null))));
        return postRequestedFor(urlEqualTo(BASE));
    }

    @Override
    protected RequestPatternBuilder stubCreateThrottledOnce(String snapshotId) {
        server.stubFor(post(urlEqualTo(BASE)).inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(OpenStackStubs.json(413, "{\"overLimit\":{\"code\":413,\"message\":\"sorry\",\"retryAfter\":\"4\"}}")
                        .withHeader("Retry-After", "4"))
                .willSetStateTo("open"));
        server.stubFor(post(urlEqualTo(BASE)).inScenario("t").whenScenarioStateIs("open")
                .willReturn(OpenStackStubs.json(202, OpenStackStubs.snapshot(snapshotId, "creating", null))));
        return postRequestedFor(urlEqualTo(BASE));
    }

    @Override
    protected String idempotencyToken(LoggedRequest createRequest) {
        try {
            return new ObjectMapper().readTree(createRequest.getBodyAsString()).at("/snapshot/metadata")
                    .path("snapshot-sdk:idempotency-token").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected void stubInProgressThenReady(String snapshotId) {
        server.stubFor(get(urlEqualTo(BASE + "/" + snapshotId)).inScenario("p").whenScenarioStateIs(STARTED)
                .willReturn(OpenStackStubs.json(200, OpenStackStubs.snapshot(snapshotId, "creating", "25.39%"))).willSetStateTo("done"));
        server.stubFor(get(urlEqualTo(BASE + "/" + snapshotId)).inScenario("p").whenScenarioStateIs("done")
                .willReturn(OpenStackStubs.json(200, OpenStackStubs.snapshot(snapshotId, "available", "100%"))));
    }

    @Override
    protected void stubReady(String snapshotId) {
        server.stubFor(get(urlEqualTo(BASE + "/" + snapshotId)).willReturn(OpenStackStubs.json(200, OpenStackStubs.snapshot(snapshotId, "available", "100%"))));
    }

    @Override
    protected RequestPatternBuilder stubDelete(String snapshotId) {
        server.stubFor(delete(urlEqualTo(BASE + "/" + snapshotId)).willReturn(OpenStackStubs.json(202, "")));
        return deleteRequestedFor(urlEqualTo(BASE + "/" + snapshotId));
    }

    @Override
    protected ExpectedError stubError(ErrorCase errorCase, String snapshotId) {
        int status;
        String key;
        switch (errorCase) {
            case NOT_FOUND -> { status = 404; key = "itemNotFound"; }
            case CONFLICT -> { status = 409; key = "conflictingRequest"; }
            case THROTTLED -> { status = 429; key = "overLimit"; }
            default -> { status = 500; key = "computeFault"; }
        }
        String url = BASE + "/" + snapshotId;
        var response = OpenStackStubs.json(status, OpenStackStubs.fault(key, status, "refused")).withHeader("Retry-After", "2");
        server.stubFor((errorCase == ErrorCase.CONFLICT ? delete(urlEqualTo(url)) : get(urlEqualTo(url))).willReturn(response));
        return new ExpectedError(status, key, OpenStackStubs.REQUEST_ID);
    }
}
