package io.snapshotsdk;

import io.snapshotsdk.spi.ValueStyle;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a cloud said when it refused a call: HTTP status, the provider's error code and message,
 * and the request id to quote to the provider's support. Carried by {@link ServiceException}.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
@ValueStyle
public abstract class ErrorDetails {
    ErrorDetails() {}

    /**
     * Returns the HTTP status of the response, such as {@code 404}.
     *
     * @return the status, 100 to 599
     */
    public abstract int httpStatus();

    /**
     * Returns the provider's error code, such as {@code "InvalidDiskId.NotFound"}; when the body
     * carried none, the HTTP status as text, such as {@code "503"}.
     *
     * @return the error code, never empty
     */
    public abstract String errorCode();

    /**
     * Returns the provider's error message, or an empty string when it sent none.
     *
     * @return the message
     */
    @Value.Default
    public String message() {
        return "";
    }

    /**
     * Returns the request id the provider assigned to the failed call, when it sent one.
     *
     * @return the request id
     */
    public abstract Optional<String> requestId();

    /**
     * Returns whether sending the same call again may succeed (throttling, server errors).
     *
     * @return {@code true} if the failure is transient
     */
    @Value.Default
    public boolean retryable() {
        return false;
    }

    /**
     * Returns how long the provider asked the caller to wait before trying again, when it said.
     *
     * @return the requested delay
     */
    public abstract Optional<Duration> retryAfter();

    /**
     * Returns provider-specific facts about the refusal that have no common field, such as
     * Alibaba Cloud's {@code recommend} troubleshooting link or Storage Gateway's
     * {@code errorType}. Each provider documents its keys.
     *
     * @return the attributes; empty when there are none
     */
    public abstract Map<String, String> attributes();

    /**
     * Returns a new builder.
     *
     * @return a builder with no attribute set
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ErrorDetails}; {@code httpStatus} and {@code errorCode} are required. */
    public static final class Builder extends ImmutableErrorDetails.Builder {
        Builder() {}
    }

    @Value.Check
    void check() {
        if (httpStatus() < 100 || httpStatus() > 599) {
            throw new IllegalStateException("httpStatus must be 100..599, was " + httpStatus());
        }
        if (errorCode().isEmpty()) {
            throw new IllegalStateException("errorCode must not be empty");
        }
        if (retryAfter().filter(Duration::isNegative).isPresent()) {
            throw new IllegalStateException("retryAfter must not be negative");
        }
    }
}
