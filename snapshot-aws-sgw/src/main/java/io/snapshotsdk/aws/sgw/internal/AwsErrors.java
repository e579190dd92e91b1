package io.snapshotsdk.aws.sgw.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapshotsdk.ErrorDetails;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.aws.sgw.AwsSgwSnapshotClient;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.http.ServiceErrors;
import io.snapshotsdk.internal.http.ServiceErrors.Kind;
import io.snapshotsdk.internal.json.Json;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import io.snapshotsdk.internal.xml.Xml;
import javax.xml.stream.XMLStreamException;

/**
 * Maps Storage Gateway (AWS JSON 1.1) and EC2 (Query XML) refusals to exceptions, by code.
 * Storage Gateway sends every error as HTTP 400, so the status says nothing: the {@code __type}
 * and, for {@code InvalidGatewayRequestException}, the nested {@code error.errorCode} decide.
 */
final class AwsErrors {
    private static final String ID = AwsSgwSnapshotClient.PROVIDER_ID;

    /** Codes AWS SDKs treat as throttling. */
    static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
            "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
            "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException");

    /** Codes that say the request's time was too far from the server's. */
    static final Set<String> CLOCK_SKEW = Set.of("RequestTimeTooSkewed", "RequestExpired", "InvalidSignatureException",
            "SignatureDoesNotMatch", "RequestInTheFuture", "AuthFailure");

    private static final Set<String> AUTHENTICATION = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
            "MissingAuthenticationToken", "MissingAuthenticationTokenException", "IncompleteSignature", "IncompleteSignatureException",
            "InvalidSignatureException", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException",
            "RequestExpired", "RequestTimeTooSkewed", "RequestInTheFuture", "AuthFailure", "InvalidAccessKeyId",
            "AuthenticationFailure");
    private static final Set<String> PERMISSION = Set.of("AccessDeniedException", "AccessDenied",
            "UnauthorizedOperation", "OptInRequired", "Blocked");
    private static final Set<String> TRANSIENT = Set.of("InternalServerError", "ServiceUnavailableError",
            "ServiceUnavailable", "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException",
            "InternalFailure", "InternalError", "Unavailable");
    private static final Set<String> NOT_FOUND = Set.of("VolumeNotFound", "GatewayNotFound", "SnapshotNotFound",
            "SnapshotDeleted", "TargetNotFound", "DiskDoesNotExist", "EndpointNotFound", "InitiatorNotFound",
            "ChapCredentialNotFound", "SnapshotScheduleNotFound", "TapeCartridgeNotFound",
            "BandwidthThrottleScheduleNotFound", "ActivationKeyNotFound", "InvalidSnapshot.NotFound",
            "InvalidVolume.NotFound");
    private static final Set<String> CONFLICT = Set.of("SnapshotInProgress", "VolumeInUse", "VolumeNotReady",
            "JoinDomainInProgress", "OperationAborted", "VolumeAlreadyExists", "TargetAlreadyExists",
            "InvalidSnapshot.InUse", "IncorrectState", "ConcurrentSnapshotLimitExceeded");
    private static final Set<String> QUOTA = Set.of("MaximumVolumeCountExceeded", "MaximumTapeCartridgeCountExceeded",
            "LocalStorageLimitExceeded", "StagingAreaFull", "SnapshotLimitExceeded", "ResourceLimitExceeded");

    private AwsErrors() {}

    /** Returns the error code of a JSON 1.1 refusal, or empty when the response names none. */
    static Optional<String> jsonErrorCode(Response r) {
        Optional<String> header = r.header("X-Amzn-Errortype").filter(v -> !v.isBlank());
        if (header.isPresent()) {
            return header.map(AwsErrors::sanitize);
        }
        return Json.tryReadObject(r.body()).flatMap(body -> Json.text(body, "__type").or(() -> Json.text(body, "code")))
                .map(AwsErrors::sanitize).filter(c -> !c.isEmpty());
    }

    /** Strips a {@code :…} suffix and a {@code …#} namespace, as the awsJson1_1 protocol says. */
    static String sanitize(String raw) {
        String code = raw;
        int colon = code.indexOf(':');
        if (colon >= 0) {
            code = code.substring(0, colon);
        }
        int hash = code.indexOf('#');
        if (hash >= 0) {
            code = code.substring(hash + 1);
        }
        return code.trim();
    }

    /** Maps a Storage Gateway refusal. */
    static ServiceException storageGateway(Response r, Clock clock) {
        Optional<String> type = jsonErrorCode(r);
        if (type.isEmpty()) {
            return ServiceErrors.fromStatus(ID, r, clock);
        }
        Optional<JsonNode> body = Json.tryReadObject(r.body());
        String message = body.flatMap(b -> Json.text(b, "message").or(() -> Json.text(b, "Message"))).orElse("");
        Optional<JsonNode> error = body.map(b -> b.get("error")).filter(JsonNode::isObject);
        Optional<String> nested = error.flatMap(e -> Json.text(e, "errorCode")).map(String::trim).filter(c -> !c.isEmpty());
        Map<String, String> details = error.map(e -> Json.stringMap(e, "errorDetails")).orElse(Map.of());

        String code = nested.orElse(type.get());
        StringBuilder text = new StringBuilder(type.get());
        if (!message.isEmpty()) {
            text.append(": ").append(message);
        }
        if (!details.isEmpty()) {
            text.append(" (").append(details.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "))).append(')');
        }
        Kind kind = kind(type.get(), r.status());
        boolean retryable = TRANSIENT.contains(type.get()) || kind == Kind.THROTTLED;
        if (type.get().equals("InvalidGatewayRequestException") && nested.isPresent()) {
            kind = kind(nested.get(), r.status());
            retryable = nested.get().equals("ServiceUnavailable") || nested.get().equals("RequestTimeout");
        }
        ErrorDetails.Builder d = ServiceErrors.details(r, clock)
                .errorCode(code)
                .message(text.toString())
                .retryable(retryable || (kind == Kind.OTHER && r.status() >= 500))
                .putAttributes("errorType", type.get());
        details.forEach((k, val) -> d.putAttributes("errorDetails." + k, val));
        return ServiceErrors.create(ID, kind, d.build());
    }

    /** Returns the code of an EC2 XML refusal, when the body is one. */
    static Optional<String> ec2ErrorCode(Response r) {
        return ec2Error(r).flatMap(e -> e.text("Code"));
    }

    /** Maps an EC2 refusal. */
    static ServiceException ec2(Response r, Clock clock) {
        Optional<Xml> root = parse(r.body());
        Optional<Xml> error = root.flatMap(x -> x.child("Errors")).flatMap(x -> x.child("Error"));
        Optional<String> code = error.flatMap(e -> e.text("Code"));
        if (code.isEmpty()) {
            return ServiceErrors.fromStatus(ID, r, clock);
        }
        Kind kind = kind(code.get(), r.status());
        ErrorDetails.Builder d = ServiceErrors.details(r, clock)
                .errorCode(code.get())
                .message(error.flatMap(e -> e.text("Message")).orElse(""))
                .retryable(TRANSIENT.contains(code.get()) || kind == Kind.THROTTLED
                        || (kind == Kind.OTHER && ServiceErrors.isRetryableStatus(r.status())));
        root.flatMap(x -> x.text("RequestID").or(() -> x.text("RequestId"))).ifPresent(d::requestId);
        return ServiceErrors.create(ID, kind, d.build());
    }

    private static Optional<Xml> ec2Error(Response r) {
        return parse(r.body()).flatMap(x -> x.child("Errors")).flatMap(x -> x.child("Error"));
    }

    private static Optional<Xml> parse(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Xml.parse(body));
        } catch (XMLStreamException e) {
            return Optional.empty();
        }
    }

    private static Kind kind(String code, int status) {
        if (THROTTLING.contains(code)) {
            return Kind.THROTTLED;
        }
        if (AUTHENTICATION.contains(code)) {
            return Kind.AUTHENTICATION;
        }
        if (PERMISSION.contains(code)) {
            return Kind.PERMISSION_DENIED;
        }
        // EC2 names every missing resource Invalid<Resource>.NotFound, at HTTP 400.
        if (NOT_FOUND.contains(code) || code.endsWith(".NotFound")) {
            return Kind.NOT_FOUND;
        }
        if (CONFLICT.contains(code)) {
            return Kind.CONFLICT;
        }
        if (QUOTA.contains(code)) {
            return Kind.QUOTA_EXCEEDED;
        }
        // Storage Gateway answers everything with 400, so its status is no signal; EC2's is.
        return status == 400 ? Kind.OTHER : Kind.ofStatus(status);
    }
}
