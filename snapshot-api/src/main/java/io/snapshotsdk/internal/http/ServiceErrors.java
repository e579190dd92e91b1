package io.snapshotsdk.internal.http;

import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.ConflictException;
import io.snapshotsdk.ErrorDetails;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.PermissionDeniedException;
import io.snapshotsdk.QuotaExceededException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.ThrottledException;
import java.time.Clock;

/** What every provider's {@link ErrorMapper} shares: the kinds of refusal and their defaults. */
public final class ServiceErrors {
    private ServiceErrors() {}

    /** The kinds of refusal, one per {@link ServiceException} subclass. */
    public enum Kind {
        AUTHENTICATION, PERMISSION_DENIED, NOT_FOUND, CONFLICT, QUOTA_EXCEEDED, THROTTLED, OTHER;

        /** Returns the kind an HTTP status means when the body names no known code. */
        public static Kind ofStatus(int status) {
            return switch (status) {
                case 401 -> AUTHENTICATION;
                case 403 -> PERMISSION_DENIED;
                case 404, 410 -> NOT_FOUND;
                case 409 -> CONFLICT;
                case 429 -> THROTTLED;
                default -> OTHER;
            };
        }
    }

    /** Returns whether a status is worth retrying: 429, 500, 502, 503 and 504. */
    public static boolean isRetryableStatus(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /**
     * Returns details prefilled from the response: status, request id, {@code Retry-After}, the
     * status as error code, and retryable for the retryable statuses. Mappers override the code,
     * message and retryability from the body.
     */
    public static ErrorDetails.Builder details(Response response, Clock clock) {
        ErrorDetails.Builder b = ErrorDetails.builder()
                .httpStatus(response.status())
                .errorCode(Integer.toString(response.status()))
                .requestId(response.requestId())
                .retryable(isRetryableStatus(response.status()));
        RetryAfter.of(response, clock.instant()).ifPresent(b::retryAfter);
        return b;
    }

    /** Returns the exception of {@code kind}; throttling is always retryable. */
    public static ServiceException create(String providerId, Kind kind, ErrorDetails details) {
        return switch (kind) {
            case AUTHENTICATION -> new AuthenticationException(providerId, details);
            case PERMISSION_DENIED -> new PermissionDeniedException(providerId, details);
            case NOT_FOUND -> new NotFoundException(providerId, details);
            case CONFLICT -> new ConflictException(providerId, details);
            case QUOTA_EXCEEDED -> new QuotaExceededException(providerId, details);
            case THROTTLED -> new ThrottledException(providerId,
                    details.retryable() ? details : ErrorDetails.builder().from(details).retryable(true).build());
            case OTHER -> new ServiceException(providerId, details);
        };
    }

    /** Returns the exception for a refusal whose body says nothing usable: by status alone. */
    public static ServiceException fromStatus(String providerId, Response response, Clock clock) {
        return create(providerId, Kind.ofStatus(response.status()), details(response, clock).build());
    }
}
