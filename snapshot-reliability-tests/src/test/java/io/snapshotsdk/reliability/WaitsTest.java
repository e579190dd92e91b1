package io.snapshotsdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.WaitTimeoutException;
import io.snapshotsdk.reliability.ErrorCoverageTest.Call;
import io.snapshotsdk.reliability.FaultProxy.Exchange;
import io.snapshotsdk.reliability.Scoreboard.Group;
import io.snapshotsdk.testkit.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every wait ends. A snapshot that never becomes ready ends in {@link WaitTimeoutException} at
 * the deadline, after exactly the polls the wait's schedule allows (2 s, then half as long again
 * each time up to 30 s, the last one cut to the deadline); a snapshot the cloud fails ends the
 * wait in {@link OperationFailedException} on the first poll that shows it. The same holds for
 * {@code awaitSnapshotAsync}. Polls are counted in the proxy's journal. Per provider.
 */
class WaitsTest extends RigScenarios {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Duration FIRST_POLL = Duration.ofSeconds(2);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(30);

    private static BackoffAndWaitClients clients;

    @BeforeAll
    static void startClients() {
        clients = new BackoffAndWaitClients(rig);
    }

    @BeforeEach
    void freshClock() {
        clients.freshClock();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void aSnapshotThatNeverFinishesTimesOutAfterTheScheduledPolls(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.WAITS, cloud, () -> {
            rig.emulator.readsUntilReady(Integer.MAX_VALUE);
            SnapshotClient client = clients.client(cloud, s -> s);
            Snapshot created = client.createSnapshot(cloud.request(rig.diskId(cloud)).build());
            int pollsBefore = polls(cloud);
            int before = clients.clock().sleeps().size();
            Instant start = clients.clock().instant();
            List<Snapshot> seen = new ArrayList<>();

            WaitTimeoutException e = catchThrowableOfType(WaitTimeoutException.class, () -> client.awaitSnapshot(created,
                    WaitOptions.builder().timeout(TIMEOUT).pollInterval(FIRST_POLL).maxPollInterval(LONGEST_POLL)
                            .onProgress(seen::add).build()));

            List<Duration> expected = schedule();
            assertThat(e).isNotNull();
            assertThat(e.timeout()).isEqualTo(TIMEOUT);
            assertThat(e.lastSeen()).hasValueSatisfying(s -> {
                assertThat(s.id()).isEqualTo(created.id());
                assertThat(s.state()).isEqualTo(SnapshotState.CREATING);
            });
            assertThat(clients.pausesSince(before)).as("the pauses of the schedule").isEqualTo(expected);
            assertThat(Duration.between(start, clients.clock().instant())).as("ends at the deadline").isEqualTo(TIMEOUT);
            assertThat(polls(cloud) - pollsBefore).as("one poll after each pause").isEqualTo(expected.size());
            assertThat(seen).hasSize(expected.size()).allSatisfy(s -> assertThat(s.state()).isEqualTo(SnapshotState.CREATING));
        });
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void aFailedSnapshotEndsTheWaitOnTheFirstPollThatShowsIt(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.WAITS, cloud, () -> {
            rig.emulator.readsUntilReady(Integer.MAX_VALUE);
            rig.emulator.inject(cloud.id, Fault.failSnapshot());
            SnapshotClient client = clients.client(cloud, s -> s);
            Snapshot created = client.createSnapshot(cloud.request(rig.diskId(cloud)).build());
            int pollsBefore = polls(cloud);
            int before = clients.clock().sleeps().size();

            OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
                    () -> client.awaitSnapshot(created, WaitOptions.builder().timeout(TIMEOUT).build()));

            assertFailed(cloud, created, e);
            assertThat(clients.pausesSince(before)).as("one pause, then the failing poll").containsExactly(FIRST_POLL);
            assertThat(polls(cloud) - pollsBefore).as("the failing poll only").isEqualTo(1);
        });
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void anAsynchronousWaitOnASnapshotThatNeverFinishesTimesOut(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.WAITS, cloud, () -> {
            rig.emulator.readsUntilReady(Integer.MAX_VALUE);
            SnapshotClient client = clients.client(cloud, s -> s);
            Snapshot created = client.createSnapshot(cloud.request(rig.diskId(cloud)).build());
            int pollsBefore = polls(cloud);
            // Asynchronous polls pause on the client's timer in real time; each poll moves the test
            // clock on by a second, so the 10-second deadline passes after exactly ten polls.
            List<Snapshot> seen = new ArrayList<>();
            WaitOptions options = WaitOptions.builder().timeout(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(5)).maxPollInterval(Duration.ofMillis(5))
                    .onProgress(s -> {
                        seen.add(s);
                        clients.clock().advance(Duration.ofSeconds(1));
                    })
                    .build();

            CompletableFuture<Snapshot> wait = client.awaitSnapshotAsync(created, options);

            Throwable failure = failureOf(wait);
            assertThat(failure).isInstanceOf(WaitTimeoutException.class);
            assertThat(((WaitTimeoutException) failure).lastSeen()).hasValueSatisfying(s ->
                    assertThat(s.state()).isEqualTo(SnapshotState.CREATING));
            assertThat(seen).hasSize(10);
            assertThat(polls(cloud) - pollsBefore).as("polls").isEqualTo(10);
        });
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void anAsynchronousWaitOnAFailedSnapshotEndsOnTheFirstPollThatShowsIt(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.WAITS, cloud, () -> {
            rig.emulator.readsUntilReady(Integer.MAX_VALUE);
            rig.emulator.inject(cloud.id, Fault.failSnapshot());
            SnapshotClient client = clients.client(cloud, s -> s);
            Snapshot created = client.createSnapshot(cloud.request(rig.diskId(cloud)).build());
            int pollsBefore = polls(cloud);

            CompletableFuture<Snapshot> wait = client.awaitSnapshotAsync(created, WaitOptions.builder().timeout(TIMEOUT)
                    .pollInterval(Duration.ofMillis(5)).maxPollInterval(Duration.ofMillis(5)).build());

            Throwable failure = failureOf(wait);
            assertThat(failure).isInstanceOf(OperationFailedException.class);
            assertFailed(cloud, created, (OperationFailedException) failure);
            assertThat(polls(cloud) - pollsBefore).as("the failing poll only").isEqualTo(1);
        });
    }

    private static void assertFailed(Cloud cloud, Snapshot created, OperationFailedException e) {
        assertThat(e).isNotNull();
        assertThat(e.providerId()).isEqualTo(cloud.id);
        assertThat(e.snapshotId()).isEqualTo(created.id());
        assertThat(e.errorCode()).as("the provider's word for the failure").isPresent();
        assertThat(rig.emulator.snapshots(cloud.id)).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(SnapshotState.FAILED));
    }

    /** Returns the wait's pauses: 2 s growing by half up to 30 s, the last cut to the deadline. */
    private static List<Duration> schedule() {
        List<Duration> out = new ArrayList<>();
        Duration elapsed = Duration.ZERO;
        Duration interval = FIRST_POLL;
        while (elapsed.compareTo(TIMEOUT) < 0) {
            Duration remaining = TIMEOUT.minus(elapsed);
            Duration pause = interval.compareTo(remaining) <= 0 ? interval : remaining;
            out.add(pause);
            elapsed = elapsed.plus(pause);
            Duration grown = interval.plus(interval.dividedBy(2));
            interval = grown.compareTo(LONGEST_POLL) <= 0 ? grown : LONGEST_POLL;
        }
        return out;
    }

    private static Throwable failureOf(CompletableFuture<Snapshot> wait) throws Exception {
        try {
            Snapshot s = wait.get(30, TimeUnit.SECONDS);
            throw new AssertionError("the wait ended with " + s);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Returns how many status reads of a snapshot or its operation the proxy has seen. */
    private static int polls(Cloud cloud) {
        Predicate<Exchange> read = ErrorCoverageTest.call(cloud, Call.GET)
                .or(e -> cloud == Cloud.AZURE && e.method().equals("GET") && e.path().contains("/DiskOperations/"))
                .or(e -> cloud == Cloud.YANDEX && e.method().equals("GET") && e.path().contains("/operations/"));
        return (int) rig.proxy.journal().stream().filter(read).count();
    }
}
