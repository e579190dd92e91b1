package io.snapshotsdk.aliyun.internal;

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
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the seed's error table, the common ECS codes and every error body shape. */
class AliyunErrorsTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Request REQUEST = Request.builder("POST", URI.create("https://ecs.cn-hangzhou.aliyuncs.com/")).build();

    static Response response(int status, String body) {
        return new Response(status, Headers.empty(), body.getBytes(StandardCharsets.UTF_8), REQUEST);
    }

    static String body(String code) {
        return "{\"RequestId\":\"C8B26B44-0189-443E-9816-D951F59623A9\",\"HostId\":\"ecs.cn-hangzhou.aliyuncs.com\",\"Code\":\""
                + code + "\",\"Message\":\"m\",\"Recommend\":\"https://api.aliyun.com/troubleshoot?q=" + code + "\"}";
    }

    static Class<? extends ServiceException> type(String kind) {
        return switch (kind) {
            case "NOT_FOUND" -> NotFoundException.class;
            case "CONFLICT" -> ConflictException.class;
            case "QUOTA" -> QuotaExceededException.class;
            case "PERMISSION" -> PermissionDeniedException.class;
            case "AUTHENTICATION" -> AuthenticationException.class;
            case "THROTTLED" -> ThrottledException.class;
            default -> ServiceException.class;
        };
    }

    /** One row per row of the seed's CreateSnapshot error table, in its order. */
    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
        "InvalidDiskId.NotFound, 404, NOT_FOUND, false",
        "InvalidSnapshotName.Malformed, 400, OTHER, false",
        "InvalidDescription.Malformed, 404, OTHER, false",
        "IncorrectInstanceStatus, 400, CONFLICT, false",
        "IncorrectDiskStatus.CreatingSnapshot, 403, CONFLICT, true",
        "InstanceLockedForSecurity, 403, PERMISSION, false",
        "IncorrectDiskStatus.NeverAttached, 403, CONFLICT, false",
        "QuotaExceed.Snapshot, 403, QUOTA, false",
        "IncorrectDiskStatus.NeverUsed, 403, CONFLICT, false",
        "CreateSnapshot.Failed, 403, OTHER, false",
        "DiskInArrears, 403, PERMISSION, false",
        "InternalError, 500, OTHER, true",
        "DiskId.ValueNotSupported, 403, OTHER, false",
        "DiskCategory.OperationNotSupported, 400, OTHER, false",
        "IncorrectDiskStatus, 403, CONFLICT, false",
        "InvalidAccountStatus.NotEnoughBalance, 403, PERMISSION, false",
        "InvalidAccountStatus.SnapshotServiceUnavailable, 403, PERMISSION, false",
        "InvalidInstanceId.NotFound, 404, NOT_FOUND, false",
        "IncorrectVolumeStatus, 403, CONFLICT, false",
        "InvalidVolumeId.NotFound, 404, NOT_FOUND, false",
        "IdempotentParameterMismatch, 403, CONFLICT, false",
        "IncorrectDiskStatus.Invalid, 403, CONFLICT, false",
        "IncorrectDiskType.NotSupport, 403, OTHER, false",
        "IncorrectDiskStatus.Transferring, 403, CONFLICT, true",
        "InvalidParameter.KMSKeyId.KMSUnauthorized, 403, PERMISSION, false",
        "InternalError, 500, OTHER, true",
        "Duplicate.TagKey, 400, OTHER, false",
        "InvalidTagKey.Malformed, 400, OTHER, false",
        "InvalidTagValue.Malformed, 400, OTHER, false",
        "IdempotentProcessing, 403, CONFLICT, true",
    })
    void everySeedRowMapsByItsCode(String code, int status, String kind, boolean retryable) {
        ServiceException e = AliyunErrors.map(response(status, body(code)), CLOCK);
        assertThat(e.getClass()).isEqualTo(type(kind));
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.requestId()).contains("C8B26B44-0189-443E-9816-D951F59623A9");
        assertThat(e.attributes()).containsEntry("recommend", "https://api.aliyun.com/troubleshoot?q=" + code)
                .containsEntry("hostId", "ecs.cn-hangzhou.aliyuncs.com");
    }

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
        "Throttling, 400, THROTTLED, true", "Throttling.User, 400, THROTTLED, true", "Throttling.Api, 400, THROTTLED, true",
        "Rejected.Throttling, 400, THROTTLED, true", "ServiceUnavailable, 503, OTHER, true",
        "ServiceUnavailable.RegionMaintaining, 503, OTHER, true", "LastTokenProcessing, 403, CONFLICT, true",
        "OperationConflict, 409, CONFLICT, true", "Operation.Conflict, 403, CONFLICT, true",
        "SnapshotCreatedImage, 403, CONFLICT, false", "SnapshotCreatedDisk, 403, CONFLICT, false",
        "InvalidSnapshotId.NotFound, 404, NOT_FOUND, false", "SignatureDoesNotMatch, 400, AUTHENTICATION, false",
        "SignatureNonceUsed, 400, AUTHENTICATION, false", "InvalidAccessKeyId.NotFound, 404, AUTHENTICATION, false",
        "IncompleteSignature, 400, AUTHENTICATION, false", "IllegalTimestamp, 400, AUTHENTICATION, false",
        "Forbidden.RAM, 403, PERMISSION, false", "Forbidden.AccessKeyDisabled, 403, PERMISSION, false",
        "MissingParameter, 400, OTHER, false", "InvalidParameter, 400, OTHER, false", "UnsupportedParameter, 400, OTHER, false",
        "InvalidRegionId.NotFound, 404, NOT_FOUND, false", "InvalidAction, 403, OTHER, false",
        "InvalidSnapshotIds.Malformed, 403, OTHER, false", "InvalidStatus.NotFound, 404, OTHER, false",
        "InvalidTagCount, 400, OTHER, false", "SomethingNew, 502, OTHER, true"
    })
    void commonCodes(String code, int status, String kind, boolean retryable) {
        ServiceException e = AliyunErrors.map(response(status, body(code)), CLOCK);
        assertThat(e.getClass()).isEqualTo(type(kind));
        assertThat(e.isRetryable()).isEqualTo(retryable);
    }

    @Test
    void aReusedTokenSaysSo() {
        ServiceException e = AliyunErrors.map(response(403, body("IdempotentParameterMismatch")), CLOCK);
        assertThat(e.getMessage()).contains("ClientToken").contains("already used");
    }

    private static String sample(String name) throws Exception {
        try (InputStream in = AliyunErrorsTest.class.getResourceAsStream("/wire/aliyun/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDocumentedJsonAndXmlBodiesReadAlike() throws Exception {
        for (String name : new String[] {"ecs-error-response.json", "ecs-error-response.xml"}) {
            ServiceException e = AliyunErrors.map(response(400, sample(name)), CLOCK);
            assertThat(e.errorCode()).as(name).isEqualTo("MissingParameter.CommandId");
            assertThat(e.requestId()).contains("540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx");
            assertThat(e.getMessage()).contains("The input parameter \"CommandId\" that is mandatory");
            assertThat(e.attributes()).containsEntry("hostId", "ecs.aliyuncs.com");
        }
        ServiceException rec = AliyunErrors.map(response(404, sample("ecs-error-response-with-recommend.json")), CLOCK);
        assertThat(rec).isInstanceOf(NotFoundException.class);
        assertThat(rec.attributes()).containsEntry("recommend",
                "https://api.aliyun.com/troubleshoot?q=InvalidDiskId.NotFound&product=Ecs&requestId=DC7CBB70-4661-50B2-97B6-055B0CB4F75F");
        ServiceException throttled = AliyunErrors.map(response(400, sample("ecs-error-throttling.json")), CLOCK);
        assertThat(throttled).isInstanceOf(ThrottledException.class);
        assertThat(throttled.errorCode()).isEqualTo("Throttling.User");
    }

    @Test
    void theGatewaysRetryAfterHintIsInMilliseconds() {
        Response r = new Response(400, Headers.builder().add("x-acs-retry-after", "1500").build(),
                body("Throttling.User").getBytes(StandardCharsets.UTF_8), REQUEST);
        assertThat(AliyunErrors.map(r, CLOCK).retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void bodiesWithoutACodeMapByStatus() {
        assertThat(AliyunErrors.map(response(503, ""), CLOCK).errorCode()).isEqualTo("503");
        assertThat(AliyunErrors.map(response(502, "<html>bad gateway</html>"), CLOCK).isRetryable()).isTrue();
        assertThat(AliyunErrors.map(response(404, "{\"unexpected\":true}"), CLOCK)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void lowerCaseFieldNamesAreReadToo() {
        ServiceException e = AliyunErrors.map(response(400, "{\"requestId\":\"r-1\",\"code\":\"InvalidParameter\",\"message\":\"bad\"}"), CLOCK);
        assertThat(e.errorCode()).isEqualTo("InvalidParameter");
        assertThat(e.requestId()).contains("r-1");
    }
}
