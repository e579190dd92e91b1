package io.snapshotsdk.internal.client;

import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotException;
import io.snapshotsdk.ThrottledException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.internal.http.RetryPolicy;
import io.snapshotsdk.spi.Sleeper;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Exactly-once create for clouds without an idempotency token (Storage Gateway, Cinder v2/v3):
 * the create carries a marker tag with the token, and after an ambiguous failure (a timeout, a
 * reset after sending, a server error) the snapshot is first looked up by that marker and
 * returned instead of being created again. Throttling proves nothing was made and is re-sent
 * without a lookup; when the lookup itself fails, nothing is re-sent. Pauses follow the policy,
 * and no attempt starts after its {@link RetryPolicy#maxElapsed()}.
 */
public final class MarkedCreate {
    private MarkedCreate() {}

    /**
     * Runs {@code create} up to {@link RetryPolicy#maxAttempts()} times.
     *
     * @param create sends the create once (its request must not be retried by the pipeline)
     * @param findByMarker looks the snapshot up by the create's marker
     * @param tokenFromCaller whether the caller chose the token: then an earlier call, perhaps in
     *     another process, may have made the snapshot, so the marker is looked up before the first
     *     send too
     */
    public static Snapshot run(RetryPolicy policy, Clock clock, Sleeper sleeper, Supplier<Snapshot> create,
            Supplier<Optional<Snapshot>> findByMarker, boolean tokenFromCaller) {
        if (tokenFromCaller) {
            Optional<Snapshot> made = findByMarker.get();
            if (made.isPresent()) {
                return made.get();
            }
        }
        return run(policy, clock, sleeper, create, Optional.of(findByMarker), failure -> failure);
    }

    /**
     * Runs {@code create} for a cloud that offers no marker: throttling is re-sent, but after an
     * ambiguous failure nothing is, and {@code outcomeUnknown} turns the failure into the
     * exception thrown.
     */
    public static Snapshot runWithoutMarker(RetryPolicy policy, Clock clock, Sleeper sleeper, Supplier<Snapshot> create,
            Function<SnapshotException, SnapshotException> outcomeUnknown) {
        return run(policy, clock, sleeper, create, Optional.empty(), outcomeUnknown);
    }

    private static Snapshot run(RetryPolicy policy, Clock clock, Sleeper sleeper, Supplier<Snapshot> create,
            Optional<Supplier<Optional<Snapshot>>> marker, Function<SnapshotException, SnapshotException> outcomeUnknown) {
        List<SnapshotException> earlier = new ArrayList<>();
        Instant start = clock.instant();
        for (int attempt = 1; ; attempt++) {
            SnapshotException failure;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                return create.get();
            } catch (ServiceException e) {
                if (!e.isRetryable()) {
                    throw withEarlier(e, earlier);
                }
                failure = e;
                retryAfter = e.retryAfter();
            } catch (TransportException e) {
                if (notSent(e)) {
                    // The pipeline has already retried a refused connection as far as it may.
                    throw withEarlier(e, earlier);
                }
                failure = e;
            }
            if (!(failure instanceof ThrottledException)) {
                if (marker.isEmpty()) {
                    SnapshotException unknown = outcomeUnknown.apply(failure);
                    throw withEarlier(unknown, earlier);
                }
                Optional<Snapshot> made;
                try {
                    made = marker.get().get();
                } catch (SnapshotException lookupFailed) {
                    // Unable to tell whether the create took effect: re-sending could make a second
                    // snapshot, so give up and say both.
                    failure.addSuppressed(lookupFailed);
                    throw withEarlier(failure, earlier);
                }
                if (made.isPresent()) {
                    return made.get();
                }
            }
            Optional<Duration> delay = attempt < policy.maxAttempts() ? policy.delayAfter(attempt, retryAfter) : Optional.empty();
            if (delay.isPresent()
                    && Duration.between(start, clock.instant()).plus(delay.get()).compareTo(policy.maxElapsed()) > 0) {
                delay = Optional.empty();
            }
            if (delay.isEmpty()) {
                throw withEarlier(failure, earlier);
            }
            earlier.add(failure);
            try {
                sleeper.sleep(delay.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                earlier.remove(earlier.size() - 1);
                throw withEarlier(failure, earlier);
            }
        }
    }

    private static boolean notSent(TransportException e) {
        return e.getCause() instanceof ConnectException || e.getCause() instanceof HttpConnectTimeoutException;
    }

    private static SnapshotException withEarlier(SnapshotException e, List<SnapshotException> earlier) {
        earlier.forEach(e::addSuppressed);
        return e;
    }
}
