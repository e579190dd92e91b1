package io.snapshotsdk;

import java.util.Objects;
import java.util.Optional;

/**
 * The cloud accepted the snapshot and then failed to make it, or it went away while being
 * awaited. Thrown by {@link SnapshotClient#awaitSnapshot}.
 */
public class OperationFailedException extends SnapshotException {
    private static final long serialVersionUID = 1L;

    /** @serial the snapshot id */
    private final String snapshotId;
    /** @serial the provider's error code, or null */
    private final String errorCode;
    private final transient Snapshot snapshot;

    /**
     * Creates the exception.
     *
     * @param providerId the provider id
     * @param message what the provider said about the failure
     * @param snapshotId the id of the failed snapshot
     * @param errorCode the provider's error code for the failure, when it gave one
     * @param snapshot the last state of the snapshot, when it was read
     */
    public OperationFailedException(
            String providerId, String message, String snapshotId, Optional<String> errorCode, Optional<Snapshot> snapshot) {
        super(providerId, message, null);
        this.snapshotId = Objects.requireNonNull(snapshotId, "snapshotId");
        this.errorCode = errorCode.orElse(null);
        this.snapshot = snapshot.orElse(null);
    }

    /**
     * Returns the id of the snapshot that failed.
     *
     * @return the snapshot id
     */
    public String snapshotId() {
        return snapshotId;
    }

    /**
     * Returns the provider's error code for the failure, such as Yandex's gRPC code
     * {@code "INTERNAL"}, when it gave one.
     *
     * @return the error code
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * Returns the last state of the snapshot that was read, when one was. Not kept when the
     * exception is serialized.
     *
     * @return the snapshot
     */
    public Optional<Snapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }
}
