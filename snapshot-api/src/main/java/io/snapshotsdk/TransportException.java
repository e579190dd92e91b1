package io.snapshotsdk;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * No usable answer came back: the connection failed or was reset, the call timed out, or the
 * response could not be read as the provider documents it. The SDK already retried where that
 * was safe; earlier attempts' failures are attached as {@linkplain #getSuppressed() suppressed}
 * exceptions.
 */
public class TransportException extends SnapshotException {
    private static final long serialVersionUID = 1L;

    /** @serial the HTTP status, or 0 when no response arrived */
    private final int httpStatus;
    /** @serial the request id, or null */
    private final String requestId;

    /**
     * Creates an exception for a call that got no response at all.
     *
     * @param providerId the provider id
     * @param message what went wrong
     * @param cause the I/O failure, or {@code null}
     */
    public TransportException(String providerId, String message, Throwable cause) {
        super(providerId, message, cause);
        this.httpStatus = 0;
        this.requestId = null;
    }

    /**
     * Creates an exception for a response that arrived but could not be used.
     *
     * @param providerId the provider id
     * @param message what was wrong with the response
     * @param httpStatus the response's HTTP status
     * @param requestId the response's request id, when it had one
     * @param cause the parse failure, or {@code null}
     */
    public TransportException(
            String providerId, String message, int httpStatus, Optional<String> requestId, Throwable cause) {
        super(providerId, message, cause);
        this.httpStatus = httpStatus;
        this.requestId = requestId.orElse(null);
    }

    /**
     * Returns the HTTP status of the unusable response, when one arrived.
     *
     * @return the status, or empty when no response arrived
     */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /**
     * Returns the request id of the unusable response, when it had one.
     *
     * @return the request id
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
