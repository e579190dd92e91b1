package io.snapshotsdk;

/**
 * Where a snapshot is in its life, the same for every provider. The provider's own word for it
 * is {@link Snapshot#providerState()}.
 */
public enum SnapshotState {
    /** Accepted and being made; not usable yet. */
    CREATING,
    /** Complete and usable. */
    READY,
    /** The provider gave up making it. */
    FAILED,
    /** Being deleted. */
    DELETING,
    /** The provider reported a state this SDK does not know. */
    UNKNOWN;

    /**
     * Returns whether the snapshot will not change state on its own any more: {@link #READY} or
     * {@link #FAILED}.
     *
     * @return {@code true} for {@code READY} and {@code FAILED}
     */
    public boolean isTerminal() {
        return this == READY || this == FAILED;
    }
}
