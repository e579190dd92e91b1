package io.snapshotsdk;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cloud received the call and refused it. Carries the HTTP status, the provider's error code
 * and the request id; subclasses name the common kinds of refusal.
 *
 * <pre>{@code
 * try {
 *     client.getSnapshot(id);
 * } catch (NotFoundException e) {
 *     // gone
 * } catch (ServiceException e) {
 *     log.warn(e.errorCode() + " " + e.httpStatus() + " " + e.requestId().orElse("-"));
 * }
 * }</pre>
 */
public class ServiceException extends SnapshotException {
    private static final long serialVersionUID = 1L;

    /** @serial the HTTP status */
    private final int httpStatus;
    /** @serial the provider's error code */
    private final String errorCode;
    /** @serial the provider's message */
    private final String errorMessage;
    /** @serial the request id, or null */
    private final String requestId;
    /** @serial whether the failure is transient */
    private final boolean retryable;
    /** @serial the requested delay, or null */
    private final Duration retryAfter;
    /** @serial provider-specific facts */
    private final LinkedHashMap<String, String> attributes;

    /**
     * Creates an exception from what the provider said.
     *
     * @param providerId the provider id
     * @param details status, code, message and request id
     */
    public ServiceException(String providerId, ErrorDetails details) {
        super(providerId, message(providerId, Objects.requireNonNull(details, "details")), null);
        this.httpStatus = details.httpStatus();
        this.errorCode = details.errorCode();
        this.errorMessage = details.message();
        this.requestId = details.requestId().orElse(null);
        this.retryable = details.retryable();
        this.retryAfter = details.retryAfter().orElse(null);
        this.attributes = new LinkedHashMap<>(details.attributes());
    }

    /**
     * Returns the HTTP status of the refusal, such as {@code 409}.
     *
     * @return the HTTP status
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Returns the provider's error code, such as {@code "IncorrectDiskStatus.CreatingSnapshot"};
     * the HTTP status as text when the provider sent no code.
     *
     * @return the error code
     */
    public String errorCode() {
        return errorCode;
    }

    /**
     * Returns the provider's request id for the refused call, when it sent one.
     *
     * @return the request id
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * Returns whether the same call may succeed later (throttling, server errors). The SDK
     * already retried such calls as far as its retry settings allow.
     *
     * @return {@code true} if the failure is transient
     */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * Returns how long the provider asked the caller to wait, when it said.
     *
     * @return the requested delay
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Returns provider-specific facts about the refusal, such as Alibaba Cloud's
     * {@code recommend} link; see {@link ErrorDetails#attributes()}.
     *
     * @return the attributes; empty when there are none
     */
    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    /**
     * Returns everything the provider said, as one value.
     *
     * @return the error details
     */
    public ErrorDetails details() {
        return ErrorDetails.builder()
                .httpStatus(httpStatus)
                .errorCode(errorCode)
                .message(errorMessage)
                .requestId(requestId())
                .retryable(retryable)
                .retryAfter(retryAfter())
                .attributes(attributes)
                .build();
    }

    private static String message(String providerId, ErrorDetails d) {
        StringBuilder s = new StringBuilder()
                .append(providerId).append(": ").append(d.errorCode())
                .append(" (HTTP ").append(d.httpStatus());
        d.requestId().ifPresent(id -> s.append(", request id ").append(id));
        s.append(')');
        if (!d.message().isEmpty()) {
            s.append(": ").append(d.message());
        }
        return s.toString();
    }
}
