package io.snapshotsdk.testkit;

import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.spi.ValueStyle;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A snapshot as the emulator holds it, for assertions in tests.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
@ValueStyle
public abstract class EmulatedSnapshot {
    EmulatedSnapshot() {}

    /**
     * Returns the provider id.
     *
     * @return such as {@code aliyun}
     */
    public abstract String providerId();

    /**
     * Returns the snapshot id, as the client sees it.
     *
     * @return the id
     */
    public abstract String id();

    /**
     * Returns the disk or volume it was taken of.
     *
     * @return the source id
     */
    public abstract String sourceId();

    /**
     * Returns the name, when it has one.
     *
     * @return the name
     */
    public abstract Optional<String> name();

    /**
     * Returns where it is in its life.
     *
     * @return the state
     */
    public abstract SnapshotState state();

    /**
     * Returns how far it has got.
     *
     * @return 0 to 100
     */
    public abstract int progressPercent();

    /**
     * Returns its tags, labels or metadata.
     *
     * @return the tags
     */
    public abstract Map<String, String> tags();

    /**
     * Returns how many times its status has been read.
     *
     * @return the status reads
     */
    public abstract int statusReads();

    /**
     * Returns a new builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link EmulatedSnapshot}s. */
    public static final class Builder extends ImmutableEmulatedSnapshot.Builder {
        Builder() {}
    }
}
