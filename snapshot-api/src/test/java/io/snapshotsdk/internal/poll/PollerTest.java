package io.snapshotsdk.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.ErrorDetails;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.ThrottledException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.WaitTimeoutException;
import io.snapshotsdk.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poller on a manual clock: exact pauses, no wall-clock time. */
class PollerTest {
    private ManualClock clock;
    private Poller poller;

    @BeforeEach
    void setUp() {
        clock = ManualClock.start();
        poller = new Poller("test", clock, clock.sleeper());
    }

    private static Snapshot snap(SnapshotState state, Integer progress) {
        Snapshot.Builder b = Snapshot.builder().id("s-1").providerId("test").state(state).providerState(state.name().toLowerCase());
        if (progress != null) {
            b.progressPercent(progress);
        }
        return b.build();
    }

    /** Answers polls from a script; each entry is a snapshot or an exception to throw. */
    private static Poller.PollFunction script(Object... answers) {
        Deque<Object> q = new ArrayDeque<>(List.of(answers));
        return last -> {
            Object next = q.isEmpty() ? last : q.pop();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return next instanceof Poller.Poll p ? p : Poller.Poll.of((Snapshot) next);
        };
    }

    @Test
    void backsOffByHalfUpToTheMaximumAndReportsEveryPoll() {
        List<Integer> progress = new ArrayList<>();
        WaitOptions options = WaitOptions.builder().pollInterval(Duration.ofSeconds(2)).maxPollInterval(Duration.ofSeconds(5))
                .onProgress(s -> progress.add(s.progressPercent().orElse(-1))).build();

        Snapshot ready = poller.await(snap(SnapshotState.CREATING, 0), options, script(
                snap(SnapshotState.CREATING, 10), snap(SnapshotState.CREATING, 30), snap(SnapshotState.CREATING, 60),
                snap(SnapshotState.CREATING, 90), snap(SnapshotState.READY, 100)));

        assertThat(ready.state()).isEqualTo(SnapshotState.READY);
        assertThat(progress).containsExactly(10, 30, 60, 90, 100);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofMillis(4500), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void aReadySnapshotIsReturnedWithoutPolling() {
        Snapshot ready = snap(SnapshotState.READY, 100);
        assertThat(poller.await(ready, WaitOptions.defaults(), last -> { throw new AssertionError("no poll"); })).isSameAs(ready);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void honoursALongerPauseTheProviderAsksFor() {
        poller.await(snap(SnapshotState.CREATING, null), WaitOptions.defaults(), script(
                new Poller.Poll(snap(SnapshotState.CREATING, null), Optional.of(Duration.ofSeconds(20))),
                snap(SnapshotState.READY, null)));
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    @Test
    void failedEndsInOperationFailed() {
        OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
                () -> poller.await(snap(SnapshotState.CREATING, 5), WaitOptions.defaults(), script(snap(SnapshotState.FAILED, null))));
        assertThat(e.snapshotId()).isEqualTo("s-1");
        assertThat(e.snapshot()).map(Snapshot::state).contains(SnapshotState.FAILED);
        assertThat(e.providerId()).isEqualTo("test");
    }

    @Test
    void deletingEndsInOperationFailed() {
        OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
                () -> poller.await(snap(SnapshotState.CREATING, 5), WaitOptions.defaults(), script(snap(SnapshotState.DELETING, null))));
        assertThat(e.getMessage()).contains("being deleted");
    }

    @Test
    void timesOutAtTheDeadlineWithTheLastSnapshotSeen() {
        WaitOptions options = WaitOptions.builder().timeout(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(4))
                .maxPollInterval(Duration.ofSeconds(4)).build();
        WaitTimeoutException e = catchThrowableOfType(WaitTimeoutException.class,
                () -> poller.await(snap(SnapshotState.CREATING, 0), options, script(
                        snap(SnapshotState.CREATING, 20), snap(SnapshotState.CREATING, 40), snap(SnapshotState.CREATING, 55))));
        assertThat(e.lastSeen()).flatMap(s -> s.progressPercent().stream().boxed().findFirst()).contains(55);
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(10));
        // Never past the deadline: the last pause is cut to what was left.
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(2));
    }

    @Test
    void toleratesTransientPollFailuresUntilReady() {
        ThrottledException throttled = new ThrottledException("test", ErrorDetails.builder().httpStatus(429)
                .errorCode("Throttling").retryable(true).retryAfter(Duration.ofSeconds(9)).build());
        Snapshot ready = poller.await(snap(SnapshotState.CREATING, 0), WaitOptions.defaults(), script(
                throttled, new TransportException("test", "reset", null), snap(SnapshotState.READY, 100)));
        assertThat(ready.state()).isEqualTo(SnapshotState.READY);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(9), Duration.ofMillis(4500));
    }

    @Test
    void aRefusalThatWillNotPassEndsTheWait() {
        NotFoundException gone = new NotFoundException("test", ErrorDetails.builder().httpStatus(404).errorCode("NotFound").build());
        assertThat(catchThrowableOfType(NotFoundException.class,
                () -> poller.await(snap(SnapshotState.CREATING, 0), WaitOptions.defaults(), script(gone)))).isSameAs(gone);
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheFlag() {
        Poller interrupted = new Poller("test", clock, d -> { throw new InterruptedException(); });
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> interrupted.await(snap(SnapshotState.CREATING, 0), WaitOptions.defaults(), script()))
                    .isInstanceOf(io.snapshotsdk.SnapshotException.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    // ---- without holding a thread -------------------------------------------------------

    private static final WaitOptions FAST = WaitOptions.builder().pollInterval(Duration.ofMillis(1)).maxPollInterval(Duration.ofMillis(1))
            .build();

    /** Runs {@code body} with a real timer and counts the polls handed to the workers. */
    private static <T> T withTimer(java.util.function.BiFunction<ScheduledExecutorService, Executor, T> body) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            return body.apply(timer, Runnable::run);
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void asyncWaitsCompleteWithTheReadySnapshot() throws Exception {
        List<Integer> progress = new ArrayList<>();
        WaitOptions options = WaitOptions.builder().from(FAST).onProgress(s -> progress.add(s.progressPercent().orElse(-1))).build();
        Snapshot ready = withTimer((timer, workers) -> {
            try {
                return poller.awaitAsync(snap(SnapshotState.CREATING, 0), options,
                        script(snap(SnapshotState.CREATING, 40), snap(SnapshotState.READY, 100)), timer, workers).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(ready.state()).isEqualTo(SnapshotState.READY);
        assertThat(progress).containsExactly(40, 100);
    }

    @Test
    void anAsyncWaitOnAReadySnapshotCompletesWithoutPolling() {
        CompletableFuture<Snapshot> f = withTimer((timer, workers) ->
                poller.awaitAsync(snap(SnapshotState.READY, 100), FAST, last -> {
                    throw new AssertionError("no poll expected");
                }, timer, workers));
        assertThat(f).isCompletedWithValueMatching(s -> s.state() == SnapshotState.READY);
    }

    @Test
    void asyncWaitsFailAsTheBlockingOnesThrow() {
        Throwable failed = withTimer((timer, workers) -> catchThrowableOfType(ExecutionException.class, () -> poller.awaitAsync(
                snap(SnapshotState.CREATING, 0), FAST, script(snap(SnapshotState.FAILED, null)), timer, workers)
                .get(10, TimeUnit.SECONDS)).getCause());
        assertThat(failed).isInstanceOf(OperationFailedException.class);

        Throwable refused = withTimer((timer, workers) -> catchThrowableOfType(ExecutionException.class, () -> poller.awaitAsync(
                snap(SnapshotState.CREATING, 0), FAST, script(new NotFoundException("test", ErrorDetails.builder().httpStatus(404)
                        .errorCode("NotFound").message("gone").build())), timer, workers).get(10, TimeUnit.SECONDS)).getCause());
        assertThat(refused).isInstanceOf(NotFoundException.class);

        Throwable late = withTimer((timer, workers) -> catchThrowableOfType(ExecutionException.class, () -> poller.awaitAsync(
                snap(SnapshotState.CREATING, 0), FAST, last -> {
                    clock.advance(Duration.ofHours(1));
                    return Poller.Poll.of(last);
                }, timer, workers).get(10, TimeUnit.SECONDS)).getCause());
        assertThat(late).isInstanceOf(WaitTimeoutException.class);
    }

    @Test
    void cancellingAnAsyncWaitStopsItsPolls() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            CompletableFuture<Snapshot> f = poller.awaitAsync(snap(SnapshotState.CREATING, 0), FAST, last -> {
                polls.incrementAndGet();
                first.countDown();
                return Poller.Poll.of(last);
            }, timer, Runnable::run);
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            f.cancel(false);
            int seen = polls.get();
            Thread.sleep(50);
            assertThat(polls.get()).isLessThanOrEqualTo(seen + 1);
            assertThat(f).isCancelled();
        } finally {
            timer.shutdownNow();
        }
    }
}
