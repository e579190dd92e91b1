package io.snapshotsdk.aliyun.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapshotsdk.ErrorDetails;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.aliyun.AliyunSnapshotClient;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.http.RetryAfter;
import io.snapshotsdk.internal.http.ServiceErrors;
import io.snapshotsdk.internal.http.ServiceErrors.Kind;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.internal.xml.Xml;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamException;

/**
 * Maps ECS refusals ({@code {RequestId, HostId, Code, Message, Recommend}}, or the same as XML) to
 * exceptions by {@code Code}; the HTTP status only decides when the code is unknown. The
 * {@code recommend} link and {@code hostId} are kept as attributes.
 */
final class AliyunErrors {
    private static final String ID = AliyunSnapshotClient.PROVIDER_ID;

    /** The kind and retryability of each code the seed and the ECS docs name. */
    record Rule(Kind kind, boolean retryable) {}

    static final Map<String, Rule> CODES = Map.ofEntries(
            // CreateSnapshot's error table (seed 003), row by row.
            Map.entry("InvalidDiskId.NotFound", new Rule(Kind.NOT_FOUND, false)),
            Map.entry("InvalidSnapshotName.Malformed", new Rule(Kind.OTHER, false)),
            Map.entry("InvalidDescription.Malformed", new Rule(Kind.OTHER, false)),
            Map.entry("IncorrectInstanceStatus", new Rule(Kind.CONFLICT, false)),
            Map.entry("IncorrectDiskStatus.CreatingSnapshot", new Rule(Kind.CONFLICT, true)),
            Map.entry("InstanceLockedForSecurity", new Rule(Kind.PERMISSION_DENIED, false)),
            Map.entry("IncorrectDiskStatus.NeverAttached", new Rule(Kind.CONFLICT, false)),
            Map.entry("QuotaExceed.Snapshot", new Rule(Kind.QUOTA_EXCEEDED, false)),
            Map.entry("IncorrectDiskStatus.NeverUsed", new Rule(Kind.CONFLICT, false)),
            Map.entry("CreateSnapshot.Failed", new Rule(Kind.OTHER, false)),
            Map.entry("DiskInArrears", new Rule(Kind.PERMISSION_DENIED, false)),
            Map.entry("InternalError", new Rule(Kind.OTHER, true)),
            Map.entry("DiskId.ValueNotSupported", new Rule(Kind.OTHER, false)),
            Map.entry("DiskCategory.OperationNotSupported", new Rule(Kind.OTHER, false)),
            Map.entry("IncorrectDiskStatus", new Rule(Kind.CONFLICT, false)),
            Map.entry("InvalidAccountStatus.NotEnoughBalance", new Rule(Kind.PERMISSION_DENIED, false)),
            Map.entry("InvalidAccountStatus.SnapshotServiceUnavailable", new Rule(Kind.PERMISSION_DENIED, false)),
            Map.entry("InvalidInstanceId.NotFound", new Rule(Kind.NOT_FOUND, false)),
            Map.entry("IncorrectVolumeStatus", new Rule(Kind.CONFLICT, false)),
            Map.entry("InvalidVolumeId.NotFound", new Rule(Kind.NOT_FOUND, false)),
            Map.entry("IdempotentParameterMismatch", new Rule(Kind.CONFLICT, false)),
            Map.entry("IncorrectDiskStatus.Invalid", new Rule(Kind.CONFLICT, false)),
            Map.entry("IncorrectDiskType.NotSupport", new Rule(Kind.OTHER, false)),
            Map.entry("IncorrectDiskStatus.Transferring", new Rule(Kind.CONFLICT, true)),
            Map.entry("InvalidParameter.KMSKeyId.KMSUnauthorized", new Rule(Kind.PERMISSION_DENIED, false)),
            Map.entry("Duplicate.TagKey", new Rule(Kind.OTHER, false)),
            Map.entry("InvalidTagKey.Malformed", new Rule(Kind.OTHER, false)),
            Map.entry("InvalidTagValue.Malformed", new Rule(Kind.OTHER, false)),
            Map.entry("IdempotentProcessing", new Rule(Kind.CONFLICT, true)),
            // Common ECS codes and those of DescribeSnapshots and DeleteSnapshot.
            Map.entry("Throttling", new Rule(Kind.THROTTLED, true)),
            Map.entry("Rejected.Throttling", new Rule(Kind.THROTTLED, true)),
            Map.entry("ServiceUnavailable", new Rule(Kind.OTHER, true)),
            Map.entry("LastTokenProcessing", new Rule(Kind.CONFLICT, true)),
            Map.entry("OperationConflict", new Rule(Kind.CONFLICT, true)),
            Map.entry("Operation.Conflict", new Rule(Kind.CONFLICT, true)),
            Map.entry("SnapshotCreatedImage", new Rule(Kind.CONFLICT, false)),
            Map.entry("SnapshotCreatedDisk", new Rule(Kind.CONFLICT, false)),
            Map.entry("InvalidSnapshotId.NotFound", new Rule(Kind.NOT_FOUND, false)),
            Map.entry("SignatureNonceUsed", new Rule(Kind.AUTHENTICATION, false)),
            Map.entry("SignatureDoesNotMatch", new Rule(Kind.AUTHENTICATION, false)),
            Map.entry("IncompleteSignature", new Rule(Kind.AUTHENTICATION, false)),
            Map.entry("IllegalTimestamp", new Rule(Kind.AUTHENTICATION, false)),
            Map.entry("InvalidTimeStamp.Expired", new Rule(Kind.AUTHENTICATION, false)),
            Map.entry("InvalidAccessKeyId.NotFound", new Rule(Kind.AUTHENTICATION, false)),
            Map.entry("InvalidAccessKeyId.Inactive", new Rule(Kind.AUTHENTICATION, false)),
            Map.entry("InvalidSecurityToken.Expired", new Rule(Kind.AUTHENTICATION, false)),
            Map.entry("InvalidSecurityToken.Malformed", new Rule(Kind.AUTHENTICATION, false)),
            Map.entry("Forbidden.RAM", new Rule(Kind.PERMISSION_DENIED, false)),
            Map.entry("Forbidden.AccessKeyDisabled", new Rule(Kind.PERMISSION_DENIED, false)),
            Map.entry("Forbidden", new Rule(Kind.PERMISSION_DENIED, false)),
            // Named by the docs too; by status alone a 403 or 404 among them would read as a missing
            // permission or resource when the request itself is wrong.
            Map.entry("MissingParameter", new Rule(Kind.OTHER, false)),
            Map.entry("InvalidParameter", new Rule(Kind.OTHER, false)),
            Map.entry("UnsupportedParameter", new Rule(Kind.OTHER, false)),
            Map.entry("InvalidAction", new Rule(Kind.OTHER, false)),
            Map.entry("InvalidRegionId.NotFound", new Rule(Kind.NOT_FOUND, false)),
            Map.entry("InvalidSnapshotIds.Malformed", new Rule(Kind.OTHER, false)),
            Map.entry("InvalidStatus.NotFound", new Rule(Kind.OTHER, false)),
            Map.entry("InvalidTagCount", new Rule(Kind.OTHER, false)));

    // Families matched by prefix: Throttling.User, Throttling.Api, ServiceUnavailable.RegionMaintaining, ...
    private static final Set<String> RETRYABLE_FAMILIES = Set.of("Throttling.", "ServiceUnavailable.");

    private AliyunErrors() {}

    static ServiceException map(Response r, Clock clock) {
        Optional<Map<String, String>> body = fields(r.body());
        Optional<String> code = body.map(b -> b.get("code")).filter(c -> !c.isBlank());
        if (code.isEmpty()) {
            return ServiceErrors.fromStatus(ID, r, clock);
        }
        Map<String, String> b = body.get();
        Rule rule = rule(code.get(), r.status());
        String message = b.getOrDefault("message", "");
        if (code.get().equals("IdempotentParameterMismatch")) {
            message = "the ClientToken (idempotency token) was already used for a create with other parameters; "
                    + "use a new token for a different request. " + message;
        }
        ErrorDetails.Builder d = ServiceErrors.details(r, clock)
                .errorCode(code.get())
                .message(message.trim())
                .retryable(rule.retryable());
        Optional.ofNullable(b.get("requestid")).filter(x -> !x.isBlank()).ifPresent(d::requestId);
        Optional.ofNullable(b.get("recommend")).filter(x -> !x.isBlank()).ifPresent(x -> d.putAttributes("recommend", x));
        Optional.ofNullable(b.get("hostid")).filter(x -> !x.isBlank()).ifPresent(x -> d.putAttributes("hostId", x));
        // The gateway's throttling hint, in milliseconds.
        r.header("x-acs-retry-after").flatMap(RetryAfter::parseMillis).filter(w -> !w.isZero()).ifPresent(d::retryAfter);
        return ServiceErrors.create(ID, rule.kind(), d.build());
    }

    static Rule rule(String code, int status) {
        Rule known = CODES.get(code);
        if (known != null) {
            return known;
        }
        for (String family : RETRYABLE_FAMILIES) {
            if (code.startsWith(family)) {
                return new Rule(family.startsWith("Throttling") ? Kind.THROTTLED : Kind.OTHER, true);
            }
        }
        if (code.startsWith("Forbidden")) {
            return new Rule(Kind.PERMISSION_DENIED, false);
        }
        Kind byStatus = Kind.ofStatus(status);
        return new Rule(byStatus, byStatus == Kind.THROTTLED || ServiceErrors.isRetryableStatus(status));
    }

    /** Reads the error fields, lower-cased names, from a JSON or XML body. */
    private static Optional<Map<String, String>> fields(byte[] body) {
        Optional<JsonNode> json = Json.tryReadObject(body);
        if (json.isPresent()) {
            Map<String, String> out = new java.util.HashMap<>();
            json.get().properties().forEach(e -> {
                if (e.getValue().isValueNode()) {
                    out.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue().asText());
                }
            });
            return Optional.of(out);
        }
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            Xml root = Xml.parse(body);
            if (!root.name().equals("Error")) {
                return Optional.empty();
            }
            Map<String, String> out = new java.util.HashMap<>();
            for (String name : new String[] {"RequestId", "HostId", "Code", "Message", "Recommend"}) {
                root.text(name).ifPresent(v -> out.put(name.toLowerCase(java.util.Locale.ROOT), v));
            }
            return Optional.of(out);
        } catch (XMLStreamException e) {
            return Optional.empty();
        }
    }

}
