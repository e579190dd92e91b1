package io.snapshotsdk;

import java.util.Objects;

/**
 * The root of every exception snapshot-sdk throws. All are unchecked and all name the provider
 * that raised them.
 *
 * <p>Messages never contain credentials, tokens or signatures.
 */
public class SnapshotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @serial the provider id */
    private final String providerId;

    /**
     * Creates an exception for {@code providerId}.
     *
     * @param providerId the provider id, such as {@code "aliyun"}
     * @param message what went wrong
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public SnapshotException(String providerId, String message, Throwable cause) {
        super(message, cause);
        this.providerId = Objects.requireNonNull(providerId, "providerId");
    }

    /**
     * Returns the id of the provider that raised this exception, such as {@code "azure"}.
     *
     * @return the provider id
     */
    public String providerId() {
        return providerId;
    }
}
