package io.snapshotsdk.aws.sgw.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Error codes from every shape Storage Gateway and EC2 send, and the awsJson1_1 protocol cases. */
class AwsErrorsTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Request REQUEST = Request.builder("POST", URI.create("https://storagegateway.us-east-1.amazonaws.com/")).build();

    private static Response response(int status, Headers headers, String body) {
        return new Response(status, headers, body.getBytes(StandardCharsets.UTF_8), REQUEST);
    }

    static Stream<Arguments> json11Cases() throws Exception {
        try (InputStream in = AwsErrorsTest.class.getResourceAsStream("/vectors/aws-json11-errors/awsJson1_1-error-tests.json")) {
            JsonNode cases = new ObjectMapper().readTree(in).get("cases");
            List<Arguments> out = new ArrayList<>();
            cases.forEach(c -> out.add(Arguments.of(c.get("id").asText(), c)));
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("json11Cases")
    void extractsTheErrorCodeOfEveryAwsJson11Case(String id, JsonNode c) {
        Headers.Builder h = Headers.builder();
        c.get("headers").properties().forEach(e -> h.add(e.getKey(), e.getValue().asText()));
        Response r = response(c.get("status").asInt(), h.build(), c.get("body").asText());

        assertThat(AwsErrors.jsonErrorCode(r)).contains(c.get("expected_error_code").asText());
        ServiceException e = AwsErrors.storageGateway(r, CLOCK);
        assertThat(e.errorCode()).isEqualTo(c.get("expected_error_code").asText());
        assertThat(e.httpStatus()).isEqualTo(c.get("status").asInt());
        if (c.has("expected_message")) {
            assertThat(e.getMessage()).contains(c.get("expected_message").asText());
        }
    }

    @org.junit.jupiter.api.Test
    void thereAreThirteenProtocolCases() throws Exception {
        assertThat(json11Cases()).hasSize(13);
    }

    private static String sample(String name) throws Exception {
        try (InputStream in = AwsErrorsTest.class.getResourceAsStream("/wire/aws-sgw/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @org.junit.jupiter.api.Test
    void invalidGatewayRequestMapsByItsNestedCode() throws Exception {
        Response r = response(400, Headers.builder().add("x-amzn-RequestId", "req-1").build(),
                sample("storagegateway-error-invalidgatewayrequest.json")).withRequestId(java.util.Optional.of("req-1"));
        ServiceException e = AwsErrors.storageGateway(r, CLOCK);
        assertThat(e).isInstanceOf(NotFoundException.class);
        assertThat(e.errorCode()).isEqualTo("VolumeNotFound");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.requestId()).contains("req-1");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("InvalidGatewayRequestException: The specified volume was not found.")
                .contains("volumeArn=arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB");
        assertThat(e.attributes()).containsEntry("errorType", "InvalidGatewayRequestException")
                .containsEntry("errorDetails.volumeArn", "arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB");
    }

    @org.junit.jupiter.api.Test
    void serverErrorsSentAs400AreRetryable() throws Exception {
        ServiceException internal = AwsErrors.storageGateway(response(400, Headers.empty(),
                sample("storagegateway-error-internalservererror.json")), CLOCK);
        assertThat(internal.getClass()).isEqualTo(ServiceException.class);
        assertThat(internal.errorCode()).isEqualTo("InternalError");
        assertThat(internal.getMessage()).contains("InternalServerError");
        assertThat(internal.isRetryable()).isTrue();

        ServiceException unavailable = AwsErrors.storageGateway(response(400, Headers.empty(),
                sample("storagegateway-error-serviceunavailable.json")), CLOCK);
        assertThat(unavailable.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(unavailable.isRetryable()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void throttlingIsRetryableAndTyped() throws Exception {
        ServiceException e = AwsErrors.storageGateway(response(400, Headers.empty(), sample("json11-error-throttling.json")), CLOCK);
        assertThat(e).isInstanceOf(ThrottledException.class);
        assertThat(e.errorCode()).isEqualTo("ThrottlingException");
        assertThat(e.isRetryable()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "VolumeNotFound, NOT_FOUND", "GatewayNotFound, NOT_FOUND", "SnapshotNotFound, NOT_FOUND",
        "SnapshotInProgress, CONFLICT", "VolumeInUse, CONFLICT", "VolumeNotReady, CONFLICT",
        "UnauthorizedOperation, PERMISSION", "AuthenticationFailure, AUTHENTICATION",
        "MaximumVolumeCountExceeded, QUOTA", "LocalStorageLimitExceeded, QUOTA", "StagingAreaFull, QUOTA",
        "InvalidParameters, OTHER", "NotSupported, OTHER", "ServiceUnavailable, RETRYABLE", "RequestTimeout, RETRYABLE",
        "SomeCodeAddedLater, OTHER"
    })
    void nestedCodesOfInvalidGatewayRequest(String nested, String expected) {
        ServiceException e = AwsErrors.storageGateway(response(400, Headers.empty(),
                "{\"__type\":\"InvalidGatewayRequestException\",\"message\":\"m\",\"error\":{\"errorCode\":\"" + nested + "\"}}"), CLOCK);
        assertThat(e.errorCode()).isEqualTo(nested);
        switch (expected) {
            case "NOT_FOUND" -> assertThat(e).isInstanceOf(NotFoundException.class);
            case "CONFLICT" -> assertThat(e).isInstanceOf(ConflictException.class);
            case "PERMISSION" -> assertThat(e).isInstanceOf(PermissionDeniedException.class);
            case "AUTHENTICATION" -> assertThat(e).isInstanceOf(AuthenticationException.class);
            case "QUOTA" -> assertThat(e).isInstanceOf(QuotaExceededException.class);
            case "RETRYABLE" -> assertThat(e.isRetryable()).isTrue();
            default -> assertThat(e.getClass()).isEqualTo(ServiceException.class);
        }
        if (!expected.equals("RETRYABLE")) {
            assertThat(e.isRetryable()).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "UnrecognizedClientException, AUTHENTICATION", "InvalidSignatureException, AUTHENTICATION",
        "ExpiredTokenException, AUTHENTICATION", "AccessDeniedException, PERMISSION"
    })
    void commonAwsCodes(String type, String expected) {
        ServiceException e = AwsErrors.storageGateway(response(400, Headers.empty(), "{\"__type\":\"" + type + "\",\"message\":\"m\"}"), CLOCK);
        assertThat(e.errorCode()).isEqualTo(type);
        assertThat(e).isInstanceOf(expected.equals("PERMISSION") ? PermissionDeniedException.class : AuthenticationException.class);
    }

    @org.junit.jupiter.api.Test
    void anEmptyOrHtmlBodyFallsBackToTheStatus() {
        assertThat(AwsErrors.storageGateway(response(400, Headers.empty(), ""), CLOCK).errorCode()).isEqualTo("400");
        ServiceException html = AwsErrors.storageGateway(response(503, Headers.empty(), "<html>busy</html>"), CLOCK);
        assertThat(html.errorCode()).isEqualTo("503");
        assertThat(html.isRetryable()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void ec2XmlErrorsCarryCodeMessageAndRequestId() throws Exception {
        ServiceException e = AwsErrors.ec2(response(400, Headers.empty(), sample("ec2-error-response.xml")), CLOCK);
        assertThat(e.errorCode()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(e).isInstanceOf(NotFoundException.class);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.requestId()).contains("ea966190-f9aa-478e-9ede-example");
        assertThat(e.getMessage()).contains("The instance ID 'i-1a2b3c4d' does not exist");
    }

    @ParameterizedTest
    @CsvSource({
        "InvalidSnapshot.NotFound, 400, NOT_FOUND", "InvalidVolume.NotFound, 400, NOT_FOUND",
        "InvalidInstanceID.NotFound, 400, NOT_FOUND", "InvalidSnapshot.InUse, 400, CONFLICT",
        "RequestLimitExceeded, 503, THROTTLED", "UnauthorizedOperation, 403, PERMISSION", "AuthFailure, 401, AUTHENTICATION",
        "SnapshotLimitExceeded, 400, QUOTA", "InternalError, 500, RETRYABLE", "Unavailable, 503, RETRYABLE",
        "InvalidSnapshotID.Malformed, 400, OTHER"
    })
    void ec2Codes(String code, int status, String expected) {
        ServiceException e = AwsErrors.ec2(response(status, Headers.empty(),
                "<Response><Errors><Error><Code>" + code + "</Code><Message>m</Message></Error></Errors><RequestID>r</RequestID></Response>"), CLOCK);
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        switch (expected) {
            case "NOT_FOUND" -> assertThat(e).isInstanceOf(NotFoundException.class);
            case "CONFLICT" -> assertThat(e).isInstanceOf(ConflictException.class);
            case "THROTTLED" -> assertThat(e).isInstanceOf(ThrottledException.class);
            case "PERMISSION" -> assertThat(e).isInstanceOf(PermissionDeniedException.class);
            case "AUTHENTICATION" -> assertThat(e).isInstanceOf(AuthenticationException.class);
            case "QUOTA" -> assertThat(e).isInstanceOf(QuotaExceededException.class);
            case "RETRYABLE" -> assertThat(e.isRetryable()).isTrue();
            default -> assertThat(e.isRetryable()).isFalse();
        }
    }

    @org.junit.jupiter.api.Test
    void xmlWithADoctypeIsRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Response><Errors><Error><Code>&x;</Code></Error></Errors></Response>";
        ServiceException e = AwsErrors.ec2(response(400, Headers.empty(), xxe), CLOCK);
        assertThat(e.errorCode()).isEqualTo("400");
        assertThat(e.getMessage()).doesNotContain("root:");
    }
}
