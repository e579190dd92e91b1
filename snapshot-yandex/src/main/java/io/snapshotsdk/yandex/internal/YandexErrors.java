package io.snapshotsdk.yandex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapshotsdk.ErrorDetails;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.http.ServiceErrors;
import io.snapshotsdk.internal.http.ServiceErrors.Kind;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.yandex.YandexSnapshotClient;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Maps {@code google.rpc.Status} refusals ({@code {code, message, details}}) by gRPC code; the
 * error code reported is the code's name, such as {@code NOT_FOUND}, and
 * {@code RequestInfo.requestId} from the details is the request id.
 */
final class YandexErrors {
    private static final String ID = YandexSnapshotClient.PROVIDER_ID;

    /** gRPC codes by number, with the kind and retryability this SDK gives them. */
    enum Grpc {
        OK(Kind.OTHER, false), CANCELLED(Kind.OTHER, false), UNKNOWN(Kind.OTHER, true), INVALID_ARGUMENT(Kind.OTHER, false),
        DEADLINE_EXCEEDED(Kind.OTHER, true), NOT_FOUND(Kind.NOT_FOUND, false), ALREADY_EXISTS(Kind.CONFLICT, false),
        PERMISSION_DENIED(Kind.PERMISSION_DENIED, false), RESOURCE_EXHAUSTED(Kind.THROTTLED, true),
        FAILED_PRECONDITION(Kind.CONFLICT, false), ABORTED(Kind.CONFLICT, true), OUT_OF_RANGE(Kind.OTHER, false),
        UNIMPLEMENTED(Kind.OTHER, false), INTERNAL(Kind.OTHER, true), UNAVAILABLE(Kind.OTHER, true), DATA_LOSS(Kind.OTHER, false),
        UNAUTHENTICATED(Kind.AUTHENTICATION, false);

        final Kind kind;
        final boolean retryable;

        Grpc(Kind kind, boolean retryable) {
            this.kind = kind;
            this.retryable = retryable;
        }

        static Optional<Grpc> of(long code) {
            return code >= 0 && code < values().length ? Optional.of(values()[(int) code]) : Optional.empty();
        }
    }

    private YandexErrors() {}

    /** Returns the gRPC code of a Status body, when it is one. */
    static OptionalLong code(byte[] body) {
        return Json.tryReadObject(body).map(n -> Json.int64(n, "code")).orElse(OptionalLong.empty());
    }

    static ServiceException map(Response r, Clock clock) {
        Optional<JsonNode> body = Json.tryReadObject(r.body());
        OptionalLong code = body.map(n -> Json.int64(n, "code")).orElse(OptionalLong.empty());
        Optional<Grpc> grpc = code.isPresent() ? Grpc.of(code.getAsLong()) : Optional.empty();
        if (grpc.isEmpty()) {
            return ServiceErrors.fromStatus(ID, r, clock);
        }
        JsonNode n = body.get();
        ErrorDetails.Builder d = ServiceErrors.details(r, clock)
                .errorCode(grpc.get().name())
                .message(Json.text(n, "message").orElse(""))
                .retryable(grpc.get().retryable)
                .putAttributes("grpcCode", Long.toString(code.getAsLong()));
        requestInfo(n).ifPresent(d::requestId);
        r.header("x-server-trace-id").ifPresent(t -> d.putAttributes("serverTraceId", t));
        return ServiceErrors.create(ID, grpc.get().kind, d.build());
    }

    /** Returns {@code details[@type=google.rpc.RequestInfo].requestId}. */
    static Optional<String> requestInfo(JsonNode status) {
        for (JsonNode detail : status.path("details")) {
            if (Json.text(detail, "@type").filter(t -> t.endsWith("google.rpc.RequestInfo")).isPresent()) {
                return Json.text(detail, "requestId");
            }
        }
        return Optional.empty();
    }
}
