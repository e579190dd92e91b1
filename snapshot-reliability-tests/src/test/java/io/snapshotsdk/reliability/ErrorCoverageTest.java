package io.snapshotsdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.ConflictException;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.PermissionDeniedException;
import io.snapshotsdk.QuotaExceededException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.ThrottledException;
import io.snapshotsdk.reliability.FaultProxy.Answer;
import io.snapshotsdk.reliability.FaultProxy.Exchange;
import io.snapshotsdk.reliability.Scoreboard.Group;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error code and HTTP status the five seeds and the protocol notes name, played in the
 * provider's own error body through the proxy in answer to a real call, comes out of the client
 * as the right exception: its class, error code, HTTP status, the request id from wherever the
 * provider puts it (a header or the body), and whether it is retryable. A second pass shows
 * that exactly the retryable ones are sent again, as often as the attempts allow.
 *
 * <p>The table below is the list, provider by provider, in the order of the documents.
 */
class ErrorCoverageTest extends RigScenarios {
    private static final Class<ServiceException> OTHER = ServiceException.class;
    private static final Class<AuthenticationException> AUTH = AuthenticationException.class;
    private static final Class<PermissionDeniedException> DENIED = PermissionDeniedException.class;
    private static final Class<NotFoundException> NOT_FOUND = NotFoundException.class;
    private static final Class<ConflictException> CONFLICT = ConflictException.class;
    private static final Class<QuotaExceededException> QUOTA = QuotaExceededException.class;
    private static final Class<ThrottledException> THROTTLED = ThrottledException.class;
    private static final boolean RETRY = true;
    private static final boolean FINAL = false;

    /** The client call a refusal answers. */
    enum Call { CREATE, GET, TOKEN }

    /**
     * One documented refusal and what the client must make of it.
     *
     * @param sends how many times one attempt sends the call: 2 where the refusal means "new token"
     *     and the client fetches one and sends once more
     */
    record Row(Cloud cloud, Call call, int status, String contentType, String body, List<String> headers,
            String code, Class<? extends ServiceException> type, boolean retryable, String requestId, int sends) {
        Answer answer() {
            return Answers.status(status, contentType, body, headers.toArray(String[]::new));
        }

        /** Returns this refusal where one attempt sends twice: once, and once more with a new token. */
        Row sentTwice() {
            return new Row(cloud, call, status, contentType, body, headers, code, type, retryable, requestId, 2);
        }

        /** Returns this refusal in answer to {@code other}. */
        Row on(Call other) {
            return new Row(cloud, other, status, contentType, body, headers, code, type, retryable, requestId, sends);
        }

        @Override
        public String toString() {
            return cloud + " " + call.name().toLowerCase(Locale.ROOT) + " " + status + " " + code + " -> "
                    + type.getSimpleName() + (retryable ? " (retryable)" : "");
        }
    }

    static Stream<Row> table() {
        List<Row> rows = new ArrayList<>();
        rows.addAll(azure());
        rows.addAll(yandex());
        rows.addAll(awsSgw());
        rows.addAll(aliyun());
        rows.addAll(openstack());
        return rows.stream();
    }

    // ---- Azure: seed 000's status table and azure.md A.9 / A.11.7 -----------------------------

    static List<Row> azure() {
        return List.of(
                azure(400, "InvalidParameter", OTHER, FINAL),
                azure(400, "BadRequest", OTHER, FINAL),
                azure(400, "InvalidRequestContent", OTHER, FINAL),
                azure(400, "InvalidRequestFormat", OTHER, FINAL),
                azure(400, "LinkedInvalidPropertyId", OTHER, FINAL),
                azure(400, "PropertyChangeNotAllowed", OTHER, FINAL),
                azure(400, "InvalidResourceType", OTHER, FINAL),
                azure(400, "NoRegisteredProviderFound", OTHER, FINAL),
                azure(400, "MissingSubscriptionRegistration", OTHER, FINAL),
                // A new token cures these two: the client fetches one and sends once more.
                azure(401, "ExpiredAuthenticationToken", AUTH, FINAL).sentTwice(),
                azure(401, "InvalidAuthenticationToken", AUTH, FINAL).sentTwice(),
                // A token of the wrong tenant stays wrong.
                azure(401, "InvalidAuthenticationTokenTenant", AUTH, FINAL),
                azure(403, "AuthorizationFailed", DENIED, FINAL),
                azure(403, "LinkedAuthorizationFailed", DENIED, FINAL),
                azure(403, "RequestDisallowedByPolicy", DENIED, FINAL),
                azure(404, "ResourceNotFound", NOT_FOUND, FINAL),
                azure(404, "ResourceGroupNotFound", NOT_FOUND, FINAL),
                azure(404, "SubscriptionNotFound", NOT_FOUND, FINAL),
                azure(404, "NotFound", NOT_FOUND, FINAL),
                azure(404, "ParentResourceNotFound", NOT_FOUND, FINAL),
                // The seed: "another operation is changing the resource ... Retry the operation".
                azure(409, "Conflict", CONFLICT, RETRY),
                azure(409, "AnotherOperationInProgress", CONFLICT, RETRY),
                azure(409, "OperationNotAllowed", QUOTA, FINAL),
                azure(400, "OperationNotAllowed", QUOTA, FINAL),
                azure(409, "ResourceQuotaExceeded", QUOTA, FINAL),
                azure(400, "ResourceQuotaExceeded", QUOTA, FINAL),
                azure(429, "TooManyRequests", THROTTLED, RETRY),
                azure(429, "SubscriptionRequestsThrottled", THROTTLED, RETRY),
                azure(500, "InternalServerError", OTHER, RETRY),
                // Compute's own throttling answer is not wrapped in "error" (A.11.7).
                new Row(Cloud.AZURE, Call.CREATE, 429, "application/json", """
                        {"code":"OperationNotAllowed","message":"The server rejected the request because too many requests \
                        have been received for this subscription.","details":[{"code":"TooManyRequests","target":\
                        "HighCostGet30Min","message":"{\\"operationGroup\\":\\"HighCostGet30Min\\",\\"allowedRequestCount\\":800}"}]}""",
                        List.of("x-ms-request-id", id("azure-unwrapped"),
                                "x-ms-ratelimit-remaining-resource", "Microsoft.Compute/HighCostGet3Min;46"),
                        "OperationNotAllowed", THROTTLED, RETRY, id("azure-unwrapped"), 1),
                // A request id only in x-ms-correlation-request-id is the fallback.
                new Row(Cloud.AZURE, Call.CREATE, 404, "application/json",
                        "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource 'Microsoft.Compute/disks/myDisk'"
                                + " under resource group 'myResourceGroup' was not found.\"}}",
                        List.of("x-ms-correlation-request-id", id("azure-correlation")),
                        "ResourceNotFound", NOT_FOUND, FINAL, id("azure-correlation"), 1),
                // The Entra ID token endpoint (A.10): the request id is the body's correlation_id.
                new Row(Cloud.AZURE, Call.TOKEN, 400, "application/json", """
                        {"error":"invalid_scope","error_description":"AADSTS70011: The provided value for the input parameter \
                        'scope' is not valid.","error_codes":[70011],"timestamp":"2016-01-09 02:02:12Z",\
                        "trace_id":"255d1aef-8c98-452f-ac51-23d051240864","correlation_id":"fb3d2015-bc17-4bb9-bb85-30c5cf1aaaa7"}""",
                        List.of(), "invalid_scope", AUTH, FINAL, "fb3d2015-bc17-4bb9-bb85-30c5cf1aaaa7", 1));
    }

    private static Row azure(int status, String code, Class<? extends ServiceException> type, boolean retryable) {
        String requestId = id("azure-" + code + status);
        return new Row(Cloud.AZURE, Call.CREATE, status, "application/json",
                "{\"error\":{\"code\":\"" + code + "\",\"message\":\"Refused with " + code + ".\"}}",
                List.of("x-ms-request-id", requestId, "x-ms-correlation-request-id", id("correlation-" + code)),
                code, type, retryable, requestId, 1);
    }

    // ---- Yandex: google.rpc.Status with every gRPC code of yandex.md B.5 -----------------------

    static List<Row> yandex() {
        return List.of(
                yandex(1, "CANCELLED", 499, OTHER, FINAL),
                yandex(2, "UNKNOWN", 500, OTHER, RETRY),
                yandex(3, "INVALID_ARGUMENT", 400, OTHER, FINAL),
                yandex(4, "DEADLINE_EXCEEDED", 504, OTHER, RETRY),
                yandex(5, "NOT_FOUND", 404, NOT_FOUND, FINAL),
                yandex(6, "ALREADY_EXISTS", 409, CONFLICT, FINAL),
                yandex(7, "PERMISSION_DENIED", 403, DENIED, FINAL),
                yandex(8, "RESOURCE_EXHAUSTED", 429, THROTTLED, RETRY),
                yandex(9, "FAILED_PRECONDITION", 400, CONFLICT, FINAL),
                yandex(10, "ABORTED", 409, CONFLICT, RETRY),
                yandex(11, "OUT_OF_RANGE", 400, OTHER, FINAL),
                // Yandex's table says NOT_IMPLEMENTED; the client reports gRPC's own name.
                yandex(12, "UNIMPLEMENTED", 501, OTHER, FINAL),
                yandex(13, "INTERNAL", 500, OTHER, RETRY),
                yandex(14, "UNAVAILABLE", 503, OTHER, RETRY),
                yandex(15, "DATA_LOSS", 500, OTHER, FINAL),
                // The docs' verbatim 401: the client fetches a new IAM token and sends once more.
                new Row(Cloud.YANDEX, Call.CREATE, 401, "application/json", """
                        {"code":16,"message":"Token is invalid or has expired.","details":[{"@type":\
                        "type.googleapis.com/google.rpc.RequestInfo","requestId":"e38e71c3-adc6-4584-98a4-b0f103d55f61"}]}""",
                        List.of(), "UNAUTHENTICATED", AUTH, FINAL, "e38e71c3-adc6-4584-98a4-b0f103d55f61", 2),
                // Without RequestInfo in the body, the x-request-id header is the request id.
                new Row(Cloud.YANDEX, Call.CREATE, 404, "application/json",
                        "{\"code\":5,\"message\":\"Disk epd89t47vnhdabcdefgh not found\",\"details\":[]}",
                        List.of("x-request-id", id("yandex-header")), "NOT_FOUND", NOT_FOUND, FINAL, id("yandex-header"), 1));
    }

    private static Row yandex(int grpc, String name, int status, Class<? extends ServiceException> type, boolean retryable) {
        String requestId = id("yandex-" + name);
        return new Row(Cloud.YANDEX, Call.CREATE, status, "application/json",
                "{\"code\":" + grpc + ",\"message\":\"Refused with " + name + "\",\"details\":[{\"@type\":"
                        + "\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + requestId + "\"}]}",
                List.of(), name, type, retryable, requestId, 1);
    }

    // ---- Storage Gateway and EC2: seed 002 and aws-sgw.md A.5, A.6, A.7 ---------------------------

    static List<Row> awsSgw() {
        List<Row> rows = new ArrayList<>();
        // The seed's three error types, every one HTTP 400 (decision 3: classify by type and nested code).
        rows.add(sgw("InternalServerError", "InternalError", "InternalError", OTHER, RETRY));
        rows.add(sgw("ServiceUnavailableError", "ServiceUnavailable", "ServiceUnavailable", OTHER, RETRY));
        rows.add(sgw("InvalidGatewayRequestException", null, "InvalidGatewayRequestException", OTHER, FINAL));
        // InvalidGatewayRequestException by each of the 62 nested ErrorCode values, in model order.
        String[][] nested = {
            {"ActivationKeyExpired", "OTHER"}, {"ActivationKeyInvalid", "OTHER"}, {"ActivationKeyNotFound", "NOT_FOUND"},
            {"GatewayInternalError", "OTHER"}, {"GatewayNotConnected", "OTHER"}, {"GatewayNotFound", "NOT_FOUND"},
            {"GatewayProxyNetworkConnectionBusy", "OTHER"}, {"AuthenticationFailure", "AUTH"},
            {"BandwidthThrottleScheduleNotFound", "NOT_FOUND"}, {"Blocked", "DENIED"}, {"CannotExportSnapshot", "OTHER"},
            {"ChapCredentialNotFound", "NOT_FOUND"}, {"DiskAlreadyAllocated", "OTHER"}, {"DiskDoesNotExist", "NOT_FOUND"},
            {"DiskSizeGreaterThanVolumeMaxSize", "OTHER"}, {"DiskSizeLessThanVolumeSize", "OTHER"},
            {"DiskSizeNotGigAligned", "OTHER"}, {"DuplicateCertificateInfo", "OTHER"}, {"DuplicateSchedule", "OTHER"},
            {"EndpointNotFound", "NOT_FOUND"}, {"IAMNotSupported", "OTHER"}, {"InitiatorInvalid", "OTHER"},
            {"InitiatorNotFound", "NOT_FOUND"}, {"InternalError", "OTHER"}, {"InvalidGateway", "OTHER"},
            {"InvalidEndpoint", "OTHER"}, {"InvalidParameters", "OTHER"}, {"InvalidSchedule", "OTHER"},
            {"LocalStorageLimitExceeded", "QUOTA"}, {"LunAlreadyAllocated ", "OTHER"}, {"LunInvalid", "OTHER"},
            {"JoinDomainInProgress", "CONFLICT"}, {"MaximumContentLengthExceeded", "OTHER"},
            {"MaximumTapeCartridgeCountExceeded", "QUOTA"}, {"MaximumVolumeCountExceeded", "QUOTA"},
            {"NetworkConfigurationChanged", "OTHER"}, {"NoDisksAvailable", "OTHER"}, {"NotImplemented", "OTHER"},
            {"NotSupported", "OTHER"}, {"OperationAborted", "CONFLICT"}, {"OutdatedGateway", "OTHER"},
            {"ParametersNotImplemented", "OTHER"}, {"RegionInvalid", "OTHER"}, {"RequestTimeout", "OTHER+RETRY"},
            {"ServiceUnavailable", "OTHER+RETRY"}, {"SnapshotDeleted", "NOT_FOUND"}, {"SnapshotIdInvalid", "OTHER"},
            {"SnapshotInProgress", "CONFLICT"}, {"SnapshotNotFound", "NOT_FOUND"}, {"SnapshotScheduleNotFound", "NOT_FOUND"},
            {"StagingAreaFull", "QUOTA"}, {"StorageFailure", "OTHER"}, {"TapeCartridgeNotFound", "NOT_FOUND"},
            {"TargetAlreadyExists", "CONFLICT"}, {"TargetInvalid", "OTHER"}, {"TargetNotFound", "NOT_FOUND"},
            {"UnauthorizedOperation", "DENIED"}, {"VolumeAlreadyExists", "CONFLICT"}, {"VolumeIdInvalid", "OTHER"},
            {"VolumeInUse", "CONFLICT"}, {"VolumeNotFound", "NOT_FOUND"}, {"VolumeNotReady", "CONFLICT"},
        };
        assertThat(nested.length).as("the model's ErrorCode enum").isEqualTo(62);
        for (String[] n : nested) {
            // The model spells one value with a trailing space; the client reports it trimmed.
            rows.add(sgw("InvalidGatewayRequestException", n[0], n[0].trim(), type(n[1]), n[1].endsWith("+RETRY")));
        }
        // Throttling codes of the AWS SDKs (A.6), as the __type of a JSON 1.1 answer.
        for (String code : List.of("Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
                "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
                "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
                "PriorRequestNotComplete", "EC2ThrottledException")) {
            rows.add(sgw(code, null, code, THROTTLED, RETRY));
        }
        // Clock-skew codes: refused as authentication (without a Date header nothing is re-signed).
        for (String code : List.of("RequestTimeTooSkewed", "RequestExpired", "InvalidSignatureException",
                "SignatureDoesNotMatch", "AuthFailure", "RequestInTheFuture")) {
            rows.add(sgw(code, null, code, AUTH, FINAL));
        }
        // botocore's transient codes.
        rows.add(sgw("RequestTimeout", null, "RequestTimeout", OTHER, RETRY));
        rows.add(sgw("RequestTimeoutException", null, "RequestTimeoutException", OTHER, RETRY));
        // The retryable statuses of A.6, from a gateway in front that names no type.
        rows.add(sgwStatus(429, THROTTLED));
        for (int status : new int[] {500, 502, 503, 504}) {
            rows.add(sgwStatus(status, OTHER));
        }
        // EC2's XML errors on DescribeSnapshots (A.7); the request id is the body's RequestID.
        rows.add(ec2(400, "InvalidSnapshot.NotFound", NOT_FOUND, FINAL));
        rows.add(ec2(400, "InvalidInstanceID.NotFound", NOT_FOUND, FINAL));
        rows.add(ec2(503, "RequestLimitExceeded", THROTTLED, RETRY));
        return rows;
    }

    private static Row sgw(String type, String nested, String code, Class<? extends ServiceException> kind, boolean retryable) {
        String requestId = "CSOC7TJPLR0OOKIRLGOHVAICUF" + hex(type + nested, 26);
        String error = nested == null ? "" : ",\"error\":{\"errorCode\":\"" + nested + "\",\"errorDetails\":{\"volumeArn\":"
                + "\"arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB\"}}";
        return new Row(Cloud.AWS_SGW, Call.CREATE, 400, "application/x-amz-json-1.1",
                "{\"__type\":\"" + type + "\",\"message\":\"Refused with " + code + ".\"" + error + "}",
                List.of("x-amzn-RequestId", requestId), code, kind, retryable, requestId, 1);
    }

    private static Row sgwStatus(int status, Class<? extends ServiceException> kind) {
        String requestId = id("sgw-status-" + status);
        return new Row(Cloud.AWS_SGW, Call.CREATE, status, "application/x-amz-json-1.1",
                "{\"message\":\"Service unavailable, try again.\"}", List.of("x-amzn-RequestId", requestId),
                Integer.toString(status), kind, RETRY, requestId, 1);
    }

    private static Row ec2(int status, String code, Class<? extends ServiceException> kind, boolean retryable) {
        String requestId = id("ec2-" + code);
        return new Row(Cloud.AWS_SGW, Call.GET, status, "text/xml;charset=UTF-8",
                "<Response><Errors><Error><Code>" + code + "</Code><Message>Refused with " + code
                        + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>",
                List.of(), code, kind, retryable, requestId, 1);
    }

    // ---- Alibaba Cloud: seed 003's error table, then aliyun.md C.4 and C.5 ------------------------

    static List<Row> aliyun() {
        return List.of(
                aliyun(404, "InvalidDiskId.NotFound", NOT_FOUND, FINAL),
                aliyun(400, "InvalidSnapshotName.Malformed", OTHER, FINAL),
                // 404 in the seed, yet a malformed description is no missing resource.
                aliyun(404, "InvalidDescription.Malformed", OTHER, FINAL),
                aliyun(400, "IncorrectInstanceStatus", CONFLICT, FINAL),
                aliyun(403, "IncorrectDiskStatus.CreatingSnapshot", CONFLICT, RETRY),
                aliyun(403, "InstanceLockedForSecurity", DENIED, FINAL),
                aliyun(403, "IncorrectDiskStatus.NeverAttached", CONFLICT, FINAL),
                aliyun(403, "QuotaExceed.Snapshot", QUOTA, FINAL),
                aliyun(403, "IncorrectDiskStatus.NeverUsed", CONFLICT, FINAL),
                aliyun(403, "CreateSnapshot.Failed", OTHER, FINAL),
                aliyun(403, "DiskInArrears", DENIED, FINAL),
                aliyun(500, "InternalError", OTHER, RETRY),
                aliyun(403, "DiskId.ValueNotSupported", OTHER, FINAL),
                aliyun(400, "DiskCategory.OperationNotSupported", OTHER, FINAL),
                aliyun(403, "IncorrectDiskStatus", CONFLICT, FINAL),
                aliyun(403, "InvalidAccountStatus.NotEnoughBalance", DENIED, FINAL),
                aliyun(403, "InvalidAccountStatus.SnapshotServiceUnavailable", DENIED, FINAL),
                aliyun(404, "InvalidInstanceId.NotFound", NOT_FOUND, FINAL),
                aliyun(403, "IncorrectVolumeStatus", CONFLICT, FINAL),
                aliyun(404, "InvalidVolumeId.NotFound", NOT_FOUND, FINAL),
                aliyun(403, "IdempotentParameterMismatch", CONFLICT, FINAL),
                aliyun(403, "IncorrectDiskStatus.Invalid", CONFLICT, FINAL),
                aliyun(403, "IncorrectDiskType.NotSupport", OTHER, FINAL),
                aliyun(403, "IncorrectDiskStatus.Transferring", CONFLICT, RETRY),
                aliyun(403, "InvalidParameter.KMSKeyId.KMSUnauthorized", DENIED, FINAL),
                aliyun(400, "Duplicate.TagKey", OTHER, FINAL),
                aliyun(400, "InvalidTagKey.Malformed", OTHER, FINAL),
                aliyun(400, "InvalidTagValue.Malformed", OTHER, FINAL),
                aliyun(403, "IdempotentProcessing", CONFLICT, RETRY),
                // Common ECS codes (C.5).
                aliyun(400, "Throttling", THROTTLED, RETRY),
                aliyun(400, "Throttling.User", THROTTLED, RETRY),
                aliyun(400, "Throttling.Api", THROTTLED, RETRY),
                aliyun(400, "Rejected.Throttling", THROTTLED, RETRY),
                aliyun(400, "SignatureNonceUsed", AUTH, FINAL),
                aliyun(400, "IncompleteSignature", AUTH, FINAL),
                aliyun(400, "IllegalTimestamp", AUTH, FINAL),
                aliyun(400, "InvalidAccessKeyId.NotFound", AUTH, FINAL),
                aliyun(400, "MissingParameter", OTHER, FINAL),
                aliyun(400, "InvalidParameter", OTHER, FINAL),
                aliyun(400, "UnsupportedParameter", OTHER, FINAL),
                aliyun(400, "IdempotentParameterMismatch", CONFLICT, FINAL),
                aliyun(400, "SignatureDoesNotMatch", AUTH, FINAL),
                aliyun(400, "InvalidTimeStamp.Expired", AUTH, FINAL),
                aliyun(403, "Forbidden.RAM", DENIED, FINAL),
                aliyun(403, "Forbidden.AccessKeyDisabled", DENIED, FINAL),
                // An action the API does not have is a wrong request, not a missing permission.
                aliyun(403, "InvalidAction", OTHER, FINAL),
                aliyun(403, "LastTokenProcessing", CONFLICT, RETRY),
                aliyun(404, "InvalidSnapshotId.NotFound", NOT_FOUND, FINAL),
                aliyun(404, "InvalidRegionId.NotFound", NOT_FOUND, FINAL),
                aliyun(409, "OperationConflict", CONFLICT, RETRY),
                aliyun(503, "ServiceUnavailable", OTHER, RETRY),
                aliyun(503, "ServiceUnavailable.RegionMaintaining", OTHER, RETRY),
                // DescribeSnapshots (C.4), answering a read.
                aliyun(403, "InvalidSnapshotIds.Malformed", OTHER, FINAL).on(Call.GET),
                // Names a Status filter value that does not exist, not a missing snapshot.
                aliyun(404, "InvalidStatus.NotFound", OTHER, FINAL).on(Call.GET),
                aliyun(400, "InvalidTagCount", OTHER, FINAL).on(Call.GET),
                aliyun(500, "InternalError", OTHER, RETRY).on(Call.GET),
                aliyun(404, "InvalidSnapshotId.NotFound", NOT_FOUND, FINAL).on(Call.GET),
                // DeleteSnapshot's codes (C.4) come from the same mapper; played to a read here,
                // since a delete treats 404 as "already gone".
                aliyun(403, "SnapshotCreatedImage", CONFLICT, FINAL).on(Call.GET),
                aliyun(403, "SnapshotCreatedDisk", CONFLICT, FINAL).on(Call.GET),
                aliyun(403, "Operation.Conflict", CONFLICT, RETRY).on(Call.GET),
                // The seed's XML form of the same body (C.5).
                new Row(Cloud.ALIYUN, Call.CREATE, 400, "text/xml;charset=utf-8", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Error><RequestId>540CFF28-407A-40B5-B6A5-74B0A1B2C3D4</RequestId><HostId>ecs.aliyuncs.com</HostId>\
                        <Code>MissingParameter.CommandId</Code><Message>The input parameter "CommandId" that is mandatory \
                        for processing this request is not supplied.</Message></Error>""",
                        List.of(), "MissingParameter.CommandId", OTHER, FINAL, "540CFF28-407A-40B5-B6A5-74B0A1B2C3D4", 1));
    }

    private static Row aliyun(int status, String code, Class<? extends ServiceException> type, boolean retryable) {
        String requestId = id("aliyun-" + code + status).toUpperCase(Locale.ROOT);
        return new Row(Cloud.ALIYUN, Call.CREATE, status, "application/json;charset=utf-8",
                "{\"RequestId\":\"" + requestId + "\",\"HostId\":\"ecs.cn-hangzhou.aliyuncs.com\",\"Code\":\"" + code
                        + "\",\"Message\":\"Refused with " + code + ".\",\"Recommend\":\"https://api.aliyun.com/troubleshoot?q="
                        + code + "&product=Ecs&requestId=" + requestId + "\"}",
                List.of(), code, type, retryable, requestId, 1);
    }

    // ---- OpenStack: Cinder faults, Rackspace's variants and Keystone (openstack.md C.5, C.7) -------

    static List<Row> openstack() {
        return List.of(
                cinder(400, "badRequest", "Invalid volume: Volume 5aa119a8-d25b-45a7-8d1b-88e127885635 status must be"
                        + " available, but current status is: in-use.", OTHER, FINAL),
                // A 401 makes the client authenticate again and send once more.
                cinder(401, "unauthorized", "This server could not verify that you are authorized.", AUTH, FINAL).sentTwice(),
                cinder(403, "forbidden", "Policy doesn't allow volume:create_snapshot to be performed.", DENIED, FINAL),
                cinder(404, "itemNotFound", "Volume 5aa119a8-d25b-45a7-8d1b-88e127885635 could not be found.", NOT_FOUND, FINAL),
                cinder(404, "itemNotFound", "Snapshot 00000000-0000-0000-0000-000000000404 could not be found.", NOT_FOUND, FINAL)
                        .on(Call.GET),
                cinder(405, "badMethod", "The method is not allowed for this resource.", OTHER, FINAL),
                cinder(406, "computeFault", "Not acceptable.", OTHER, FINAL),
                cinder(409, "conflictingRequest", "Snapshot is busy.", CONFLICT, FINAL),
                cinder(415, "badMediaType", "Unsupported Content-Type.", OTHER, FINAL),
                cinder(500, "computeFault", "The server has either erred or is incapable of performing the requested operation.",
                        OTHER, RETRY),
                cinder(501, "notImplemented", "Not implemented.", OTHER, FINAL),
                cinder(503, "serviceUnavailable", "Service temporarily unavailable.", OTHER, RETRY),
                // Over limit with a positive wait is throttling; with "0" it is a hard quota.
                overLimit("overLimit", 413, "{\"overLimit\":{\"message\":\"sorry\",\"code\":413,\"retryAfter\":\"4\"}}",
                        List.of(), THROTTLED, RETRY),
                overLimit("overLimit", 413, "{\"overLimit\":{\"code\":413,\"message\":\"SnapshotLimitExceeded: Maximum number"
                        + " of snapshots allowed (10) exceeded\",\"retryAfter\":\"0\"}}", List.of("Retry-After", "0"), QUOTA, FINAL),
                overLimit("overLimitFault", 413, "{\"overLimitFault\":{\"code\":413,\"message\":\"This request was rate-limited.\","
                        + "\"details\":\"Only 10 POST request(s) can be made to * every minute.\"}}", List.of("Retry-After", "7"),
                        THROTTLED, RETRY),
                // Rackspace: 429 SnapshotQuotaExceeded, and snake_case fault keys in its examples.
                overLimit("SnapshotQuotaExceeded", 429, "{\"SnapshotQuotaExceeded\":{\"code\":429,\"message\":"
                        + "\"Snapshot quota limit has been exceeded per volume\"}}", List.of(), QUOTA, FINAL),
                overLimit("overLimit", 429, "{\"overLimit\":{\"code\":429,\"message\":\"Too many requests.\"}}",
                        List.of("Retry-After", "3"), THROTTLED, RETRY),
                cinder(400, "badRequest", "Volume 'size' needs to be a positive integer value, -1.0 cannot be accepted.",
                        OTHER, FINAL),
                cinder(404, "item_not_found", "The resource could not be found.", NOT_FOUND, FINAL),
                cinder(500, "instance_fault", "The server has either erred or is incapable of performing the requested operation.",
                        OTHER, RETRY),
                cinder(500, "instanceFault", "The server has either erred or is incapable of performing the requested operation.",
                        OTHER, RETRY),
                cinder(422, "unprocessableEntity", "Unprocessable entity.", OTHER, FINAL),
                // keystonemiddleware's 401 in front of Cinder has Keystone's shape.
                keystone(Call.CREATE, 401, AUTH, FINAL, 2),
                // Keystone's own refusals of the token request (C.7).
                keystone(Call.TOKEN, 400, OTHER, FINAL, 1),
                keystone(Call.TOKEN, 401, AUTH, FINAL, 1),
                keystone(Call.TOKEN, 403, DENIED, FINAL, 1),
                keystone(Call.TOKEN, 404, NOT_FOUND, FINAL, 1),
                keystone(Call.TOKEN, 409, CONFLICT, FINAL, 1),
                keystone(Call.TOKEN, 500, OTHER, RETRY, 1));
    }

    private static Row cinder(int status, String fault, String message, Class<? extends ServiceException> type, boolean retryable) {
        String requestId = "req-" + id("cinder-" + fault + status + message);
        return new Row(Cloud.OPENSTACK, Call.CREATE, status, "application/json",
                "{\"" + fault + "\":{\"code\":" + status + ",\"message\":\"" + message + "\"}}",
                List.of("x-openstack-request-id", requestId, "x-compute-request-id", requestId), fault, type, retryable, requestId, 1);
    }

    private static Row overLimit(String fault, int status, String body, List<String> headers,
            Class<? extends ServiceException> type, boolean retryable) {
        String requestId = "req-" + id("overlimit-" + body);
        List<String> all = new ArrayList<>(headers);
        all.addAll(List.of("x-openstack-request-id", requestId));
        return new Row(Cloud.OPENSTACK, Call.CREATE, status, "application/json", body, all, fault, type, retryable, requestId, 1);
    }

    private static Row keystone(Call call, int status, Class<? extends ServiceException> type, boolean retryable, int sends) {
        String requestId = "req-" + id("keystone-" + call + status);
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            default -> "Internal Server Error";
        };
        List<String> headers = new ArrayList<>(List.of("x-openstack-request-id", requestId));
        if (status == 401) {
            headers.addAll(List.of("WWW-Authenticate", "Keystone uri=\"http://127.0.0.1/identity\""));
        }
        return new Row(Cloud.OPENSTACK, call, status, "application/json",
                "{\"error\":{\"code\":" + status + ",\"title\":\"" + title + "\",\"message\":\"The request you have made"
                        + " requires authentication.\"}}", headers, "error", type, retryable, requestId, sends);
    }

    // ---- the scenarios ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void oneAnswerMapsToTheDocumentedException(Row row) throws Throwable {
        Scoreboard.run(Group.ERRORS, row.cloud(), () -> {
            SnapshotClient client = rig.client(row.cloud(), s -> with(s, "maxAttempts", "1"));
            play(row, 4);

            ServiceException e = refusal(client, row);

            assertThat(e).as(row.toString()).isExactlyInstanceOf(row.type());
            assertThat(e.providerId()).isEqualTo(row.cloud().id);
            assertThat(e.errorCode()).isEqualTo(row.code());
            assertThat(e.httpStatus()).isEqualTo(row.status());
            assertThat(e.requestId()).as("request id").contains(row.requestId());
            assertThat(e.isRetryable()).as("retryable").isEqualTo(row.retryable());
            if (row.call() == Call.TOKEN) {
                assertThat(rig.proxy.journal()).as("nothing sent with refused credentials").noneMatch(call(row.cloud(), Call.CREATE));
            } else {
                assertThat(sends(row)).as("sends of one attempt").isEqualTo(row.sends());
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void onlyRetryableRefusalsAreSentAgain(Row row) throws Throwable {
        Scoreboard.run(Group.ERRORS, row.cloud(), () -> {
            SnapshotClient client = rig.client(row.cloud(), s -> with(s, "maxAttempts", "3"));
            play(row, 12);
            int sleepsBefore = rig.clock.sleeps().size();

            ServiceException e = refusal(client, row);

            int attempts = row.retryable() ? 3 : 1;
            assertThat(e).as(row.toString()).isExactlyInstanceOf(row.type());
            assertThat(e.errorCode()).isEqualTo(row.code());
            assertThat(e.getSuppressed()).as("earlier attempts kept").hasSize(attempts - 1);
            List<Duration> pauses = rig.clock.sleeps().subList(sleepsBefore, rig.clock.sleeps().size());
            if (row.call() != Call.TOKEN) {
                assertThat(sends(row)).as("sends").isEqualTo(attempts * row.sends());
                assertThat(pauses).as("one pause between attempts").hasSize(attempts - 1);
            }
            e.retryAfter().ifPresent(asked -> assertThat(pauses).allSatisfy(p -> assertThat(p).isEqualTo(asked)));
            assertThat(rig.emulator.snapshots(row.cloud().id)).as("no snapshot made").isEmpty();
        });
    }

    private static void play(Row row, int times) {
        Answer[] answers = new Answer[times];
        Arrays.fill(answers, row.answer());
        rig.proxy.on(call(row.cloud(), row.call()), answers);
    }

    private static ServiceException refusal(SnapshotClient client, Row row) {
        return catchThrowableOfType(ServiceException.class, () -> {
            if (row.call() == Call.GET) {
                client.getSnapshot(unknownSnapshotId(row.cloud()));
            } else {
                client.createSnapshot(row.cloud().request(rig.diskId(row.cloud())).build());
            }
        });
    }

    private static long sends(Row row) {
        return rig.proxy.journal().stream().filter(call(row.cloud(), row.call())).count();
    }

    /** Recognises the request of {@code call} on {@code cloud}'s wire. */
    static Predicate<Exchange> call(Cloud cloud, Call call) {
        return e -> switch (call) {
            case CREATE -> switch (cloud) {
                case AZURE -> e.method().equals("PUT") && e.path().contains("/Microsoft.Compute/snapshots/");
                case YANDEX -> e.method().equals("POST") && e.path().endsWith("/compute/v1/snapshots");
                case AWS_SGW -> e.header("x-amz-target").endsWith(".CreateSnapshot");
                case ALIYUN -> e.header("x-acs-action").equals("CreateSnapshot") || e.query().contains("Action=CreateSnapshot");
                case OPENSTACK -> e.method().equals("POST") && e.path().endsWith("/snapshots");
            };
            case GET -> switch (cloud) {
                case AZURE -> e.method().equals("GET") && e.path().contains("/Microsoft.Compute/snapshots/");
                case YANDEX -> e.method().equals("GET") && e.path().contains("/compute/v1/snapshots/");
                case AWS_SGW -> e.path().startsWith("/aws-ec2") && e.text().contains("Action=DescribeSnapshots");
                case ALIYUN -> e.header("x-acs-action").equals("DescribeSnapshots") || e.query().contains("Action=DescribeSnapshots");
                case OPENSTACK -> e.method().equals("GET") && e.path().contains("/snapshots/");
            };
            case TOKEN -> switch (cloud) {
                case AZURE -> e.path().endsWith("/oauth2/v2.0/token");
                case YANDEX -> e.path().endsWith("/iam/v1/tokens");
                case OPENSTACK -> e.path().endsWith("/auth/tokens");
                case AWS_SGW, ALIYUN -> false;
            };
        };
    }

    /** Returns a well-formed id of a snapshot the emulator does not hold. */
    static String unknownSnapshotId(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> rig.diskId(cloud).replace("/disks/data-disk-1", "/snapshots/mySnapshot");
            case YANDEX -> "fd8apannhdo9abcdefgh";
            case AWS_SGW -> "snap-78e22663";
            case ALIYUN -> "s-bp67acfmxazb4p1111";
            case OPENSTACK -> "00000000-0000-0000-0000-000000000404";
        };
    }

    static java.util.Map<String, String> with(java.util.Map<String, String> settings, String key, String value) {
        settings.put(key, value);
        return settings;
    }

    private static Class<? extends ServiceException> type(String name) {
        return switch (name.replace("+RETRY", "")) {
            case "AUTH" -> AUTH;
            case "DENIED" -> DENIED;
            case "NOT_FOUND" -> NOT_FOUND;
            case "CONFLICT" -> CONFLICT;
            case "QUOTA" -> QUOTA;
            default -> OTHER;
        };
    }

    /** A stable request id for a row, so that each row's id is its own. */
    private static String id(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String hex(String seed, int length) {
        return id(seed).replace("-", "").toUpperCase(Locale.ROOT).substring(0, Math.min(length, 32));
    }
}
