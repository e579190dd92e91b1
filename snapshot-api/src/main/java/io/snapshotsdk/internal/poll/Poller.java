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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

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

    /** Returns polls that read the snapshot again by its id with {@code get}. */
    public static PollFunction rereading(Function<String, Snapshot> get) {
        return last -> Poll.of(get.apply(last.id()));
    }

    /**
     * Polls until {@code initial} is ready and returns the ready snapshot.
     *
     * @throws OperationFailedException if it fails, or starts being deleted
     * @throws WaitTimeoutException if the deadline passes first
     */
    public Snapshot await(Snapshot initial, WaitOptions options, PollFunction poll) {
        Wait wait = new Wait(initial, options);
        for (Optional<Duration> pause = wait.nextPause(); pause.isPresent(); pause = wait.nextPause()) {
            pauseFor(pause.get());
            wait.poll(poll);
        }
        return wait.outcome();
    }

    /**
     * Polls like {@link #await} without holding a thread between polls: {@code timer} schedules
     * each poll and {@code workers} runs it. The future completes with the ready snapshot or fails
     * with what {@link #await} would throw; cancelling it stops the polling.
     */
    public CompletableFuture<Snapshot> awaitAsync(Snapshot initial, WaitOptions options, PollFunction poll,
            ScheduledExecutorService timer, Executor workers) {
        AsyncWait w = new AsyncWait(new Wait(initial, options), poll, timer, workers);
        w.next();
        return w.result;
    }

    /** A wait whose polls are scheduled on a timer and run on workers. */
    private static final class AsyncWait implements Runnable {
        final CompletableFuture<Snapshot> result = new CompletableFuture<>();
        private final Wait wait;
        private final PollFunction poll;
        private final ScheduledExecutorService timer;
        private final Executor workers;

        AsyncWait(Wait wait, PollFunction poll, ScheduledExecutorService timer, Executor workers) {
            this.wait = wait;
            this.poll = poll;
            this.timer = timer;
            this.workers = workers;
        }

        @Override
        public void run() {
            if (result.isDone()) {
                return;
            }
            try {
                wait.poll(poll);
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
                return;
            }
            next();
        }

        /** Schedules the next poll, or completes the future when the wait is over. */
        void next() {
            try {
                Optional<Duration> pause = wait.nextPause();
                if (pause.isPresent()) {
                    timer.schedule(() -> workers.execute(this), pause.get().toNanos(), TimeUnit.NANOSECONDS);
                } else {
                    result.complete(wait.outcome());
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }

    /** One wait's state: the snapshot last seen, the next interval, the pause asked for, the deadline. */
    private final class Wait {
        private final WaitOptions options;
        private final Instant deadline;
        private Snapshot last;
        private Duration interval;
        private Optional<Duration> asked = Optional.empty();
        private SnapshotException lastFailure;

        Wait(Snapshot initial, WaitOptions options) {
            this.options = options;
            this.deadline = clock.instant().plus(options.timeout());
            this.last = initial;
            this.interval = options.pollInterval();
        }

        /**
         * Returns the pause before the next poll, or empty when the snapshot has settled (then
         * {@link #outcome()} tells how).
         *
         * @throws WaitTimeoutException if the deadline has passed
         */
        Optional<Duration> nextPause() {
            if (endsWait(last)) {
                return Optional.empty();
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
            interval = min(interval.plus(interval.dividedBy(2)), options.maxPollInterval());
            return Optional.of(min(pause, remaining));
        }

        /**
         * Returns the ready snapshot.
         *
         * @throws OperationFailedException if it failed or is being deleted
         */
        Snapshot outcome() {
            return finish(last);
        }

        /** Polls once; a failure that may pass is kept for the timeout's report. */
        void poll(PollFunction poll) {
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
    public void awaitDone(Snapshot subject, WaitOptions options, Supplier<Check> check) {
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
