package io.snapshotsdk;

import io.snapshotsdk.spi.ValueStyle;
import java.time.Duration;
import java.util.function.Consumer;
import org.immutables.value.Value;

/**
 * How {@link SnapshotClient#awaitSnapshot} waits: for how long in all, how often it asks, and
 * whom it tells about progress.
 *
 * <p>It polls first after {@link #pollInterval()}, then backs off by half each time up to
 * {@link #maxPollInterval()}. When the provider asks for a longer pause ({@code Retry-After}),
 * it waits that long instead. It never waits past the deadline.
 *
 * <pre>{@code
 * WaitOptions wait = WaitOptions.builder()
 *         .timeout(Duration.ofMinutes(30))
 *         .onProgress(s -> System.out.println(s.progressPercent()))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe when the listener is.
 */
@Value.Immutable
@ValueStyle
public abstract class WaitOptions {
    WaitOptions() {}

    /**
     * Returns how long to wait in all before giving up with {@link WaitTimeoutException}.
     *
     * @return the timeout; 30 minutes by default
     */
    @Value.Default
    public Duration timeout() {
        return Duration.ofMinutes(30);
    }

    /**
     * Returns the pause before the first poll.
     *
     * @return the first poll interval; 2 seconds by default
     */
    @Value.Default
    public Duration pollInterval() {
        return Duration.ofSeconds(2);
    }

    /**
     * Returns the longest pause between polls that backoff reaches.
     *
     * @return the longest poll interval; 30 seconds by default
     */
    @Value.Default
    public Duration maxPollInterval() {
        return Duration.ofSeconds(30);
    }

    /**
     * Returns the listener told about the snapshot after every poll, on the waiting thread.
     *
     * @return the progress listener; does nothing by default
     */
    @Value.Default
    @Value.Auxiliary
    public Consumer<Snapshot> onProgress() {
        return snapshot -> {};
    }

    /**
     * Returns the options every default stands for: 30 minutes, polls from 2 to 30 seconds apart,
     * no listener.
     *
     * @return the default options
     */
    public static WaitOptions defaults() {
        return builder().build();
    }

    /**
     * Returns a new builder.
     *
     * @return a builder with every default in place
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link WaitOptions}; every attribute has a default. */
    public static final class Builder extends ImmutableWaitOptions.Builder {
        Builder() {}
    }

    @Value.Check
    void check() {
        if (timeout().isNegative() || timeout().isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout());
        }
        if (pollInterval().isNegative() || pollInterval().isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval());
        }
        if (maxPollInterval().compareTo(pollInterval()) < 0) {
            throw new IllegalArgumentException("maxPollInterval " + maxPollInterval()
                    + " must not be shorter than pollInterval " + pollInterval());
        }
    }
}
