package io.snapshotsdk;

import io.snapshotsdk.spi.ValueStyle;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A snapshot as the provider last reported it. Values are immutable snapshots in time: read it
 * again with {@link SnapshotClient#getSnapshot} or wait for it with
 * {@link SnapshotClient#awaitSnapshot}.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
@ValueStyle
public abstract class Snapshot {
    Snapshot() {}

    /**
     * Returns the provider's id of the snapshot, such as {@code "s-bp17441ohwka0yuh"} or an ARM
     * resource id.
     *
     * @return the snapshot id
     */
    public abstract String id();

    /**
     * Returns the id of the provider that holds the snapshot, such as {@code "aliyun"}.
     *
     * @return the provider id
     */
    public abstract String providerId();

    /**
     * Returns the snapshot's name, when it has one.
     *
     * @return the name
     */
    public abstract Optional<String> name();

    /**
     * Returns the snapshot's description, when it has one.
     *
     * @return the description
     */
    public abstract Optional<String> description();

    /**
     * Returns the id of the disk or volume the snapshot was taken of, when the provider said.
     *
     * @return the source id
     */
    public abstract Optional<String> sourceId();

    /**
     * Returns where the snapshot is in its life.
     *
     * @return the state
     */
    public abstract SnapshotState state();

    /**
     * Returns the provider's own word for the state, such as {@code "progressing"}, when it sent
     * one.
     *
     * @return the provider's state
     */
    public abstract Optional<String> providerState();

    /**
     * Returns how far the snapshot has got, 0 to 100, where the provider reports it.
     *
     * @return the progress in percent
     */
    public abstract OptionalInt progressPercent();

    /**
     * Returns when the provider started the snapshot, when it said.
     *
     * @return the creation time
     */
    public abstract Optional<Instant> createdAt();

    /**
     * Returns the snapshot's size in bytes, when the provider reports it.
     *
     * @return the size in bytes
     */
    public abstract OptionalLong sizeBytes();

    /**
     * Returns the snapshot's tags (Azure tags, Yandex labels, Cinder metadata).
     *
     * @return the tags; empty when there are none
     */
    public abstract Map<String, String> tags();

    /**
     * Returns the provider's request id of the call that produced this value, when it sent one.
     *
     * @return the request id
     */
    public abstract Optional<String> requestId();

    /**
     * Returns provider-specific facts that have no common field, such as a Yandex operation id
     * or an Azure polling URL. Each provider documents its keys.
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

    /** Builds {@link Snapshot}s; {@code id}, {@code providerId} and {@code state} are required. */
    public static final class Builder extends ImmutableSnapshot.Builder {
        Builder() {}
    }

    @Value.Check
    void check() {
        if (id().isBlank()) {
            throw new IllegalStateException("id must not be blank");
        }
        progressPercent().ifPresent(p -> {
            if (p < 0 || p > 100) {
                throw new IllegalStateException("progressPercent must be 0..100, was " + p);
            }
        });
        sizeBytes().ifPresent(n -> {
            if (n < 0) {
                throw new IllegalStateException("sizeBytes must not be negative, was " + n);
            }
        });
    }
}
