package io.snapshotsdk.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapshotsdk.ErrorDetails;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.azure.AzureSnapshotClient;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.http.RetryAfter;
import io.snapshotsdk.internal.http.ServiceErrors;
import io.snapshotsdk.internal.http.ServiceErrors.Kind;
import io.snapshotsdk.internal.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps ARM refusals by code. Bodies come wrapped ({@code {"error": {…}}}) or not (Compute's
 * throttling answer), with {@code code}, {@code message}, {@code target} and {@code details} in
 * any letter case; the details' codes are kept as attributes and can reveal throttling.
 */
final class AzureErrors {
    private static final String ID = AzureSnapshotClient.PROVIDER_ID;

    /** The codes of the ARM error table, by kind; anything else maps by status. */
    static final Map<String, Kind> CODES = Map.ofEntries(
            Map.entry("invalidparameter", Kind.OTHER), Map.entry("badrequest", Kind.OTHER),
            Map.entry("invalidrequestcontent", Kind.OTHER), Map.entry("invalidrequestformat", Kind.OTHER),
            Map.entry("linkedinvalidpropertyid", Kind.OTHER), Map.entry("propertychangenotallowed", Kind.OTHER),
            Map.entry("invalidresourcetype", Kind.OTHER), Map.entry("noregisteredproviderfound", Kind.OTHER),
            Map.entry("missingsubscriptionregistration", Kind.OTHER),
            Map.entry("expiredauthenticationtoken", Kind.AUTHENTICATION), Map.entry("invalidauthenticationtoken", Kind.AUTHENTICATION),
            Map.entry("invalidauthenticationtokentenant", Kind.AUTHENTICATION),
            Map.entry("authenticationfailed", Kind.AUTHENTICATION),
            Map.entry("authorizationfailed", Kind.PERMISSION_DENIED), Map.entry("linkedauthorizationfailed", Kind.PERMISSION_DENIED),
            Map.entry("requestdisallowedbypolicy", Kind.PERMISSION_DENIED),
            Map.entry("resourcenotfound", Kind.NOT_FOUND), Map.entry("resourcegroupnotfound", Kind.NOT_FOUND),
            Map.entry("subscriptionnotfound", Kind.NOT_FOUND), Map.entry("notfound", Kind.NOT_FOUND),
            Map.entry("parentresourcenotfound", Kind.NOT_FOUND),
            Map.entry("conflict", Kind.CONFLICT), Map.entry("anotheroperationinprogress", Kind.CONFLICT),
            Map.entry("operationnotallowed", Kind.QUOTA_EXCEEDED), Map.entry("resourcequotaexceeded", Kind.QUOTA_EXCEEDED),
            Map.entry("toomanyrequests", Kind.THROTTLED), Map.entry("subscriptionrequeststhrottled", Kind.THROTTLED),
            Map.entry("internalservererror", Kind.OTHER));

    private AzureErrors() {}

    /** Returns the code of an ARM error body, when it has one. */
    static Optional<String> code(Response r) {
        return errorObject(r.body()).flatMap(e -> field(e, "code"));
    }

    static ServiceException map(Response r, Clock clock) {
        Optional<JsonNode> error = errorObject(r.body());
        Optional<String> code = error.flatMap(e -> field(e, "code"));
        if (code.isEmpty()) {
            return ServiceErrors.fromStatus(ID, r, clock);
        }
        JsonNode e = error.get();
        List<String> detailCodes = new ArrayList<>();
        JsonNode details = fieldNode(e, "details");
        if (details != null && details.isArray()) {
            for (JsonNode d : details) {
                field(d, "code").ifPresent(detailCodes::add);
            }
        }
        String key = code.get().toLowerCase(Locale.ROOT);
        Kind kind = CODES.getOrDefault(key, Kind.ofStatus(r.status()));
        // Compute throttles with a top-level OperationNotAllowed whose detail says TooManyRequests.
        if (r.status() == 429 || detailCodes.stream().anyMatch(c -> c.equalsIgnoreCase("TooManyRequests"))) {
            kind = Kind.THROTTLED;
        }
        boolean retryable = kind == Kind.THROTTLED || ServiceErrors.isRetryableStatus(r.status())
                || key.equals("anotheroperationinprogress") || (key.equals("conflict") && r.status() == 409)
                || key.equals("internalservererror");
        ErrorDetails.Builder d = ServiceErrors.details(r, clock)
                .errorCode(code.get())
                .message(field(e, "message").orElse(""))
                .retryable(retryable);
        retryAfter(r, clock.instant()).ifPresent(d::retryAfter);
        field(e, "target").ifPresent(t -> d.putAttributes("target", t));
        for (int i = 0; i < detailCodes.size(); i++) {
            d.putAttributes("details." + i + ".code", detailCodes.get(i));
        }
        return ServiceErrors.create(ID, kind, d.build());
    }

    /** Returns the error object: the {@code error} member when present, else the body itself when it has a code. */
    static Optional<JsonNode> errorObject(byte[] body) {
        return Json.tryReadObject(body).flatMap(b -> {
            JsonNode wrapped = fieldNode(b, "error");
            if (wrapped != null && wrapped.isObject()) {
                return Optional.of(wrapped);
            }
            return field(b, "code").isPresent() ? Optional.of(b) : Optional.empty();
        });
    }

    private static Optional<String> field(JsonNode n, String name) {
        JsonNode v = fieldNode(n, name);
        return v == null || !v.isValueNode() || v.isNull() ? Optional.empty() : Optional.of(v.asText()).filter(s -> !s.isBlank());
    }

    // ARM's own SDKs match error keys without regard to case.
    private static JsonNode fieldNode(JsonNode n, String name) {
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * Returns the wait an ARM answer asks for: {@code retry-after-ms} or {@code x-ms-retry-after-ms}
     * (milliseconds, the more precise, as Azure's own clients read them) before {@code Retry-After}.
     */
    static Optional<Duration> retryAfter(Response r, Instant now) {
        return r.header("retry-after-ms").or(() -> r.header("x-ms-retry-after-ms")).flatMap(RetryAfter::parseMillis)
                .or(() -> RetryAfter.of(r, now));
    }
}
