package io.snapshotsdk.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.contract.SnapshotProviderContract;
import java.util.Map;

/** The provider contract on ARM's wire format, with Entra ID client-credentials tokens. */
class AzureContractTest extends SnapshotProviderContract {
    private static final String NAME = "nightly";

    @Override
    protected String providerId() {
        return "azure";
    }

    @Override
    protected Map<String, String> settings(String baseUrl) {
        return AzureStubs.settings(baseUrl);
    }

    @Override
    protected String snapshotId() {
        return AzureStubs.path(NAME);
    }

    @Override
    protected void stubAuthentication() {
        AzureStubs.stubToken(server);
    }

    @Override
    protected CreateSnapshotRequest validRequest() {
        return CreateSnapshotRequest.builder().sourceId(AzureStubs.DISK).name(NAME).putTags("team", "storage").build();
    }

    @Override
    protected CreateSnapshotRequest invalidRequest() {
        return CreateSnapshotRequest.builder().sourceId(AzureStubs.DISK).name("-bad").description("Azure has none").build();
    }

    @Override
    protected RequestPatternBuilder stubCreate(String snapshotId) {
        server.stubFor(put(urlEqualTo(AzureStubs.url(NAME))).willReturn(AzureStubs.json(202, AzureStubs.snapshot(NAME, "Updating", null))
                .withHeader("Azure-AsyncOperation", AzureStubs.operationUrl(server.baseUrl(), "op-1"))
                .withHeader("Location", AzureStubs.operationUrl(server.baseUrl(), "op-1") + "&monitor=true")
                .withHeader("Retry-After", "10")));
        return putRequestedFor(urlEqualTo(AzureStubs.url(NAME)));
    }

    @Override
    protected RequestPatternBuilder stubCreateThrottledOnce(String snapshotId) {
        server.stubFor(put(urlEqualTo(AzureStubs.url(NAME))).inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(AzureStubs.json(429, AzureStubs.fixture("error-throttling-compute.json")).withHeader("Retry-After", "3"))
                .willSetStateTo("open"));
        server.stubFor(put(urlEqualTo(AzureStubs.url(NAME))).inScenario("t").whenScenarioStateIs("open")
                .willReturn(AzureStubs.json(200, AzureStubs.snapshot(NAME, "Succeeded", null))));
        return putRequestedFor(urlEqualTo(AzureStubs.url(NAME)));
    }

    @Override
    protected String idempotencyToken(LoggedRequest createRequest) {
        // A PUT by name: the name in the URL is what makes the create happen once.
        String path = createRequest.getUrl().substring(0, createRequest.getUrl().indexOf('?'));
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    protected void stubInProgressThenReady(String snapshotId) {
        server.stubFor(get(urlPathMatching(".*/DiskOperations/op-1")).inScenario("p").whenScenarioStateIs(STARTED)
                .willReturn(AzureStubs.json(200, "{\"status\":\"InProgress\",\"percentComplete\":40,\"name\":\"op-1\"}"))
                .willSetStateTo("done"));
        server.stubFor(get(urlPathMatching(".*/DiskOperations/op-1")).inScenario("p").whenScenarioStateIs("done")
                .willReturn(AzureStubs.json(200, AzureStubs.fixture("operation-succeeded.json"))));
        stubReady(snapshotId);
    }

    @Override
    protected void stubReady(String snapshotId) {
        server.stubFor(get(urlEqualTo(AzureStubs.url(NAME))).willReturn(AzureStubs.json(200, AzureStubs.snapshot(NAME, "Succeeded", null))));
    }

    @Override
    protected RequestPatternBuilder stubDelete(String snapshotId) {
        server.stubFor(delete(urlEqualTo(AzureStubs.url(NAME))).willReturn(AzureStubs.json(200, "")));
        return deleteRequestedFor(urlEqualTo(AzureStubs.url(NAME)));
    }

    @Override
    protected ExpectedError stubError(ErrorCase errorCase, String snapshotId) {
        int status;
        String code;
        String body;
        switch (errorCase) {
            case NOT_FOUND -> { status = 404; code = "ResourceNotFound"; body = AzureStubs.fixture("error-not-found.json"); }
            case CONFLICT -> { status = 409; code = "Conflict"; body = "{\"error\":{\"code\":\"Conflict\",\"message\":\"The disk is in use.\"}}"; }
            case THROTTLED -> { status = 429; code = "OperationNotAllowed"; body = AzureStubs.fixture("error-throttling-compute.json"); }
            default -> { status = 500; code = "InternalServerError"; body = "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"A server-side error has happened.\"}}"; }
        }
        var response = AzureStubs.json(status, body).withHeader("Retry-After", "1");
        server.stubFor((errorCase == ErrorCase.CONFLICT ? delete(urlEqualTo(AzureStubs.url(NAME))) : get(urlEqualTo(AzureStubs.url(NAME))))
                .willReturn(response));
        return new ExpectedError(status, code, "9a062a88-e463-4697-bef2-fe039df73a02");
    }
}
