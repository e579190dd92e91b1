package io.snapshotsdk.internal.poll;

import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotException;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.WaitTimeoutException;
import io.snapshotsdk.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waits for a snapshot to become ready, for every provider: polls after
 * {@link WaitOptions#pollInterval()}, backs off by half up to {@link WaitOptions#maxPollInterval()},
 * waits longer when the provider asks, never past the deadline, and tells
 * {@link WaitOptions#onProgress()} after every poll. A failed poll that may pass (throttling, a
 * server error, no answer) is kept and polling goes on until the deadline.
 */
public final class Poller {
    private final String providerId;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Creates a poller on {@code clock} and {@code sleeper}. */
    public Poller(String providerId, Clock clock, Sleeper sleeper) {
        this.providerId = providerId;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** One poll: the snapshot as read now, and the pause the provider asked for, if any. */
    public record Poll(Snapshot snapshot, Optional<Duration> retryAfter) {
        /** Returns a poll with no requested pause. */
        public static Poll of(Snapshot snapshot) {
            return new Poll(snapshot, Optional.empty());
        }
    }

    /** Reads the current state of the snapshot last seen. */
    @FunctionalInterface
    public interface PollFunction {
        /** Returns the snapshot as it is now; {@code last} is the latest value seen. */
        Poll poll(Snapshot last);
    }

    /**
     * Polls until {@code initial} is ready and returns the ready snapshot.
     *
     * @throws OperationFailedException if it fails, or starts being deleted
     * @throws WaitTimeoutException if the deadline passes first
     */
    public Snapshot await(Snapshot initial, WaitOptions options, PollFunction poll) {
        Instant deadline = clock.instant().plus(options.timeout());
        Snapshot last = initial;
        Duration interval = options.pollInterval();
        Optional<Duration> asked = Optional.empty();
        SnapshotException lastFailure = null;
        while (true) {
            if (endsWait(last)) {
                return finish(last);
            }
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                WaitTimeoutException timeout = new WaitTimeoutException(providerId, last, options.timeout());
                if (lastFailure != null) {
                    timeout.addSuppressed(lastFailure);
                }
                throw timeout;
            }
            Duration pause = asked.isPresent() && asked.get().compareTo(interval) > 0 ? asked.get() : interval;
            pauseFor(min(pause, remaining));
            interval = min(interval.plus(interval.dividedBy(2)), options.maxPollInterval());
            try {
                Poll p = poll.poll(last);
                last = p.snapshot();
                asked = p.retryAfter();
                lastFailure = null;
                options.onProgress().accept(last);
            } catch (ServiceException e) {
                if (!e.isRetryable()) {
                    throw e;
                }
                lastFailure = e;
                asked = e.retryAfter();
            } catch (TransportException e) {
                lastFailure = e;
                asked = Optional.empty();
            }
        }
    }

    /** One look at an operation that ends without a snapshot, such as a delete. */
    public record Check(boolean done, Optional<Duration> retryAfter) {}

    /**
     * Polls {@code check} until it reports done, with the pauses of {@link #await}.
     *
     * @param subject the snapshot the operation is about, reported if the wait runs out
     * @throws WaitTimeoutException if the deadline passes first
     */
    public void awaitDone(Snapshot subject, WaitOptions options, java.util.function.Supplier<Check> check) {
        Instant deadline = clock.instant().plus(options.timeout());
        Duration interval = options.pollInterval();
        Optional<Duration> asked = Optional.empty();
        while (true) {
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                throw new WaitTimeoutException(providerId, subject, options.timeout());
            }
            Duration pause = asked.isPresent() && asked.get().compareTo(interval) > 0 ? asked.get() : interval;
            pauseFor(min(pause, remaining));
            interval = min(interval.plus(interval.dividedBy(2)), options.maxPollInterval());
            Check c = check.get();
            if (c.done()) {
                return;
            }
            asked = c.retryAfter();
        }
    }

    private static boolean endsWait(Snapshot s) {
        return s.state() == SnapshotState.READY || s.state() == SnapshotState.FAILED || s.state() == SnapshotState.DELETING;
    }

    private Snapshot finish(Snapshot s) {
        String provider = s.providerState().map(p -> " (" + p + ")").orElse("");
        return switch (s.state()) {
            case READY -> s;
            case FAILED -> throw new OperationFailedException(providerId,
                    "snapshot " + s.id() + " failed" + provider, s.id(), s.providerState(), Optional.of(s));
            default -> throw new OperationFailedException(providerId,
                    "snapshot " + s.id() + " is being deleted" + provider, s.id(), s.providerState(), Optional.of(s));
        };
    }

    private void pauseFor(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException(providerId, "interrupted while waiting for a snapshot", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
