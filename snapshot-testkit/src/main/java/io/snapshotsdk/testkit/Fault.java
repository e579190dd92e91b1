package io.snapshotsdk.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure the emulator plays for the next calls to one provider, in that provider's own words:
 * throttling with {@code Retry-After}, a server error, a dropped connection, a delay, or a snapshot
 * that ends in the provider's error state.
 *
 * <pre>{@code
 * emulator.inject("aliyun", Fault.throttle(Duration.ofSeconds(1)).times(2), Fault.serverError());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Fault {
    /** What goes wrong. */
    public enum Kind {
        /** The provider's throttling answer, with a {@code Retry-After}. */
        THROTTLE,
        /** The provider's internal server error. */
        SERVER_ERROR,
        /** The connection is closed without an answer. */
        DROP_CONNECTION,
        /** The answer comes after a pause. */
        DELAY,
        /** The next snapshot created ends in the provider's error state. */
        FAIL_SNAPSHOT
    }

    private final Kind kind;
    private final Duration duration;
    private final int times;

    private Fault(Kind kind, Duration duration, int times) {
        this.kind = kind;
        this.duration = duration;
        this.times = times;
    }

    /**
     * Returns throttling that asks the client to wait {@code retryAfter}.
     *
     * @param retryAfter the wait to ask for
     * @return the fault, for one call
     */
    public static Fault throttle(Duration retryAfter) {
        return new Fault(Kind.THROTTLE, Objects.requireNonNull(retryAfter, "retryAfter"), 1);
    }

    /**
     * Returns the provider's internal server error.
     *
     * @return the fault, for one call
     */
    public static Fault serverError() {
        return new Fault(Kind.SERVER_ERROR, Duration.ZERO, 1);
    }

    /**
     * Returns a connection closed without an answer, after the request was read.
     *
     * @return the fault, for one call
     */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, Duration.ZERO, 1);
    }

    /**
     * Returns an answer that comes {@code delay} late.
     *
     * @param delay the pause before answering
     * @return the fault, for one call
     */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, Objects.requireNonNull(delay, "delay"), 1);
    }

    /**
     * Returns a snapshot that is accepted and then ends in the provider's error state.
     *
     * @return the fault, for the next create
     */
    public static Fault failSnapshot() {
        return new Fault(Kind.FAIL_SNAPSHOT, Duration.ZERO, 1);
    }

    /**
     * Returns this fault for the next {@code n} calls.
     *
     * @param n how many calls, at least 1
     * @return the fault
     */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + n);
        }
        return new Fault(kind, duration, n);
    }

    /**
     * Returns what goes wrong.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the wait asked for by throttling, or the pause of a delay.
     *
     * @return the duration, when the kind has one
     */
    public Optional<Duration> duration() {
        return kind == Kind.THROTTLE || kind == Kind.DELAY ? Optional.of(duration) : Optional.empty();
    }

    /**
     * Returns for how many calls the fault plays.
     *
     * @return the count
     */
    public int times() {
        return times;
    }

    @Override
    public String toString() {
        return kind + duration().map(d -> "(" + d + ")").orElse("") + " x" + times;
    }
}
