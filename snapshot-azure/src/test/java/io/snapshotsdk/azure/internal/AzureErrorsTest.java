package io.snapshotsdk.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.ConflictException;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.PermissionDeniedException;
import io.snapshotsdk.QuotaExceededException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.ThrottledException;
import io.snapshotsdk.internal.http.Headers;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every code of the ARM error table, both body shapes, and the Entra ID error body. */
class AzureErrorsTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Request REQUEST = Request.builder("GET", URI.create("https://management.azure.com/x")).build();

    static Response response(int status, String body) {
        return new Response(status, Headers.builder().add("x-ms-request-id", "req-1").add("Retry-After", "17").build(),
                body.getBytes(StandardCharsets.UTF_8), REQUEST).withRequestId(Optional.of("req-1"));
    }

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
        "InvalidParameter, 400, OTHER, false", "BadRequest, 400, OTHER, false", "InvalidRequestContent, 400, OTHER, false",
        "InvalidRequestFormat, 400, OTHER, false", "LinkedInvalidPropertyId, 400, OTHER, false",
        "PropertyChangeNotAllowed, 400, OTHER, false", "InvalidResourceType, 400, OTHER, false",
        "NoRegisteredProviderFound, 400, OTHER, false", "MissingSubscriptionRegistration, 400, OTHER, false",
        "ExpiredAuthenticationToken, 401, AUTHENTICATION, false", "InvalidAuthenticationTokenTenant, 401, AUTHENTICATION, false",
        "AuthorizationFailed, 403, PERMISSION, false", "LinkedAuthorizationFailed, 403, PERMISSION, false",
        "RequestDisallowedByPolicy, 403, PERMISSION, false",
        "ResourceNotFound, 404, NOT_FOUND, false", "ResourceGroupNotFound, 404, NOT_FOUND, false",
        "SubscriptionNotFound, 404, NOT_FOUND, false", "NotFound, 404, NOT_FOUND, false", "ParentResourceNotFound, 404, NOT_FOUND, false",
        "Conflict, 409, CONFLICT, true", "AnotherOperationInProgress, 409, CONFLICT, true",
        "OperationNotAllowed, 409, QUOTA, false", "OperationNotAllowed, 400, QUOTA, false", "ResourceQuotaExceeded, 409, QUOTA, false",
        "TooManyRequests, 429, THROTTLED, true", "SubscriptionRequestsThrottled, 429, THROTTLED, true",
        "InternalServerError, 500, OTHER, true", "SomethingNew, 503, OTHER, true", "SomethingElse, 404, NOT_FOUND, false"
    })
    void everyCodeOfTheTable(String code, int status, String kind, boolean retryable) {
        ServiceException e = AzureErrors.map(response(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"m\"}}"), CLOCK);
        Class<? extends ServiceException> type = switch (kind) {
            case "NOT_FOUND" -> NotFoundException.class;
            case "CONFLICT" -> ConflictException.class;
            case "QUOTA" -> QuotaExceededException.class;
            case "PERMISSION" -> PermissionDeniedException.class;
            case "AUTHENTICATION" -> AuthenticationException.class;
            case "THROTTLED" -> ThrottledException.class;
            default -> ServiceException.class;
        };
        assertThat(e.getClass()).isEqualTo(type);
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.requestId()).contains("req-1");
    }

    @Test
    void anUnwrappedComputeThrottlingBodyIsThrottling() throws Exception {
        ServiceException e = AzureErrors.map(response(429, AzureRulesTest.fixture("error-throttling-compute.json")), CLOCK);
        assertThat(e).isInstanceOf(ThrottledException.class);
        assertThat(e.errorCode()).isEqualTo("OperationNotAllowed");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
        assertThat(e.attributes()).containsEntry("details.0.code", "TooManyRequests");
    }

    @Test
    void targetsAndCaseInsensitiveKeysAreRead() throws Exception {
        ServiceException e = AzureErrors.map(response(400, AzureRulesTest.fixture("error-invalid-parameter.json")), CLOCK);
        assertThat(e.attributes()).containsEntry("target", "osDisk.managedDisk.storageAccountType");
        assertThat(e.getMessage()).contains("is not supported for VM size");
        ServiceException upper = AzureErrors.map(response(404, "{\"Error\":{\"Code\":\"ResourceNotFound\",\"Message\":\"gone\"}}"), CLOCK);
        assertThat(upper).isInstanceOf(NotFoundException.class);
        assertThat(upper.getMessage()).contains("gone");
    }

    @Test
    void bodiesWithoutACodeMapByStatus() {
        assertThat(AzureErrors.map(response(500, ""), CLOCK).errorCode()).isEqualTo("500");
        assertThat(AzureErrors.map(response(502, "<html>Bad Gateway</html>"), CLOCK).isRetryable()).isTrue();
        assertThat(AzureErrors.map(response(404, "{\"message\":\"no code\"}"), CLOCK)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void entraErrorsCarryTheirCodeAndCorrelationId() throws Exception {
        Response r = new Response(400, Headers.empty(), AzureRulesTest.fixture("token-error.json").getBytes(StandardCharsets.UTF_8), REQUEST);
        ServiceException e = EntraTokens.error(r, CLOCK);
        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.errorCode()).isEqualTo("invalid_scope");
        assertThat(e.requestId()).contains("fb3d2015-bc17-4bb9-bb85-30c5cf1aaaa7");
        assertThat(e.attributes()).containsEntry("traceId", "255d1aef-8c98-452f-ac51-23d051240864");
        assertThat(e.getMessage()).contains("AADSTS70011");
    }
}
