package io.snapshotsdk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SnapshotClient#awaitSnapshot} ran out of time before the snapshot became ready. The
 * snapshot itself is unaffected and may still become ready; {@link #lastSeen()} is its state at
 * the last poll.
 */
public class WaitTimeoutException extends SnapshotException {
    private static final long serialVersionUID = 1L;

    private final transient Snapshot lastSeen;
    /** @serial the wait that ran out */
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param providerId the provider id
     * @param lastSeen the snapshot as it was at the last poll
     * @param timeout the wait that ran out
     */
    public WaitTimeoutException(String providerId, Snapshot lastSeen, Duration timeout) {
        super(providerId, "snapshot " + lastSeen.id() + " was still " + lastSeen.state()
                + lastSeen.progressPercent().stream().mapToObj(p -> " (" + p + "%)").findFirst().orElse("")
                + " after " + timeout, null);
        this.lastSeen = lastSeen;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Returns the snapshot as it was at the last poll. Not kept when the exception is serialized.
     *
     * @return the last snapshot seen, empty only after deserialization
     */
    public Optional<Snapshot> lastSeen() {
        return Optional.ofNullable(lastSeen);
    }

    /**
     * Returns the wait that ran out.
     *
     * @return the timeout of the {@link WaitOptions}
     */
    public Duration timeout() {
        return timeout;
    }
}
