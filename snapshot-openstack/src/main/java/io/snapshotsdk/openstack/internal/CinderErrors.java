package io.snapshotsdk.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapshotsdk.ErrorDetails;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.http.RetryAfter;
import io.snapshotsdk.internal.http.ServiceErrors;
import io.snapshotsdk.internal.http.ServiceErrors.Kind;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.openstack.OpenStackSnapshotClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Maps Cinder and Keystone faults: a single top-level object, whatever its key
 * ({@code badRequest}, {@code itemNotFound}, {@code item_not_found}, {@code overLimit},
 * {@code computeFault}, {@code instance_fault}, Keystone's {@code error}, …), with {@code code} and
 * {@code message}. The key is the error code. Over-limit answers (413 and 429) are throttling when
 * they ask for a positive wait and a hard quota otherwise.
 */
final class CinderErrors {
    private static final String ID = OpenStackSnapshotClient.PROVIDER_ID;

    private CinderErrors() {}

    static ServiceException map(Response r, Clock clock) {
        Optional<JsonNode> body = Json.tryReadObject(r.body());
        Optional<Map.Entry<String, JsonNode>> fault = body.flatMap(CinderErrors::singleFault);
        ErrorDetails.Builder d = ServiceErrors.details(r, clock);
        Optional<Duration> wait = RetryAfter.of(r, clock.instant());
        if (fault.isPresent()) {
            JsonNode f = fault.get().getValue();
            d.errorCode(fault.get().getKey()).message(Json.text(f, "message").orElse(""));
            Json.text(f, "title").ifPresent(t -> d.putAttributes("title", t));
            if (wait.isEmpty()) {
                wait = Json.text(f, "retryAfter").flatMap(v -> RetryAfter.parse(v, clock.instant()));
                wait.ifPresent(d::retryAfter);
            }
        }
        Kind kind = Kind.ofStatus(r.status());
        boolean retryable = ServiceErrors.isRetryableStatus(r.status());
        if (r.status() == 413 || r.status() == 429) {
            boolean waitHelps = wait.filter(w -> !w.isZero()).isPresent();
            kind = waitHelps ? Kind.THROTTLED : Kind.QUOTA_EXCEEDED;
            retryable = waitHelps;
        }
        return ServiceErrors.create(ID, kind, d.retryable(retryable).build());
    }

    private static Optional<Map.Entry<String, JsonNode>> singleFault(JsonNode body) {
        Iterator<Map.Entry<String, JsonNode>> fields = body.properties().iterator();
        if (!fields.hasNext()) {
            return Optional.empty();
        }
        Map.Entry<String, JsonNode> first = fields.next();
        // The key is the error code, so an empty one names no fault.
        return !fields.hasNext() && first.getValue().isObject() && !first.getKey().isBlank() ? Optional.of(first) : Optional.empty();
    }
}
