package io.snapshotsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotClients;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.ThrottledException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.testing.ManualClock;
import io.snapshotsdk.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The provider contract, end to end: the real client of each provider, found by
 * {@link ServiceLoader}, against the emulator. A provider's test extends this class and names its
 * disks, its error codes and its wrong credentials; everything else is shared.
 *
 * <p>Clients run on a {@link ManualClock} set to the real time (signatures are checked against
 * it), so retries and polling take no wall-clock time.
 */
@ExtendWith(SnapshotEmulatorExtension.class)
abstract class EmulatorContract {
    /** What the client must report for a refusal of the emulated cloud. */
    record Expected(int httpStatus, String errorCode) {}

    protected SnapshotEmulator emulator;
    protected ManualClock clock;
    private final List<SnapshotClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(SnapshotEmulator emulator) {
        this.emulator = emulator.reset();
        this.clock = new ManualClock(Instant.now());
        emulator.addDisk(providerId(), diskId(), 40);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SnapshotClient::close);
    }

    // ---- hooks ---------------------------------------------------------------------------

    /** Returns the provider's id. */
    protected abstract String providerId();

    /** Returns a disk id the provider's client accepts; the emulator holds it in each test. */
    protected abstract String diskId();

    /** Returns a well-formed disk id the emulator does not hold. */
    protected abstract String unknownDiskId();

    /** Returns a well-formed snapshot id the emulator does not hold. */
    protected abstract String unknownSnapshotId();

    /** Returns the refusal of a read of an unknown snapshot. */
    protected abstract Expected notFound();

    /** Returns the refusal of a create on an unknown disk. */
    protected abstract Expected unknownDisk();

    /** Returns the refusal of a throttled call. */
    protected abstract Expected throttled();

    /** Returns the refusal of a call that meets an internal server error. */
    protected abstract Expected serverError();

    /** Returns the emulator's settings with a credential it does not accept. */
    protected abstract Map<String, String> wrongCredentials(Map<String, String> settings);

    /** Returns the refusal of a call made with {@link #wrongCredentials}. */
    protected abstract Expected wrongCredentialsRefusal();

    /** Returns whether the provider reports progress in percent while a snapshot is made. */
    protected boolean reportsProgressPercent() {
        return true;
    }

    /** Returns whether the cloud's throttling answer names a wait ({@code Retry-After} or its own header). */
    protected boolean sendsRetryAfter() {
        return true;
    }

    /** Returns the settings of the contract's clients; the emulator's own by default. */
    protected Map<String, String> settings() {
        return emulator.settings(providerId());
    }

    /** Returns a create request the provider accepts, for {@code sourceId}. */
    protected CreateSnapshotRequest.Builder request(String sourceId) {
        return CreateSnapshotRequest.builder().sourceId(sourceId).name("nightly-backup-1").description("before the upgrade")
                .putTags("team", "storage");
    }

    // ---- the contract --------------------------------------------------------------------

    @Test
    void isFoundThroughServiceLoaderAndMadeFromTheEmulatorsSettings() {
        try (SnapshotClient c = SnapshotClients.create(providerId(), settings())) {
            assertThat(c.providerId()).isEqualTo(providerId());
            Snapshot s = c.createSnapshot(request(diskId()).build());
            assertThat(emulator.snapshots(providerId())).extracting(EmulatedSnapshot::id).containsExactly(s.id());
        }
    }

    @Test
    void createsAwaitsWithProgressAndEndsReady() {
        SnapshotClient client = client();

        Snapshot created = client.createSnapshot(request(diskId()).build());
        assertThat(created.providerId()).isEqualTo(providerId());
        assertThat(created.state()).isIn(SnapshotState.CREATING, SnapshotState.UNKNOWN);

        List<Snapshot> seen = new CopyOnWriteArrayList<>();
        Snapshot ready = client.awaitSnapshot(created, WaitOptions.builder().onProgress(seen::add).build());

        assertThat(ready.state()).isEqualTo(SnapshotState.READY);
        assertThat(ready.id()).isEqualTo(created.id());
        assertThat(seen).anyMatch(s -> s.state() == SnapshotState.CREATING);
        if (reportsProgressPercent()) {
            assertThat(seen).anyMatch(s -> s.state() == SnapshotState.CREATING && s.progressPercent().isPresent());
        }
        assertThat(emulator.snapshots(providerId())).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(created.id());
            assertThat(e.sourceId()).isEqualTo(diskId());
            assertThat(e.state()).isEqualTo(SnapshotState.READY);
        });
    }

    @Test
    void manyAsynchronousWaitsShareTheClientsFewThreads() {
        SnapshotClient client = client();
        // Ready at the first read, so that Alibaba's one-snapshot-at-a-time rule lets all 20 in.
        emulator.readsUntilReady(0);
        List<CompletableFuture<Snapshot>> waits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Snapshot created = client.createSnapshot(request(diskId()).name("nightly-backup-" + i).build());
            waits.add(client.awaitSnapshotAsync(created, WaitOptions.builder().pollInterval(Duration.ofMillis(5))
                    .maxPollInterval(Duration.ofMillis(5)).build()));
        }

        assertThat(waits).allSatisfy(w -> assertThat(w.join().state()).isEqualTo(SnapshotState.READY));
        assertThat(emulator.snapshots(providerId())).hasSize(20).allSatisfy(s -> assertThat(s.state()).isEqualTo(SnapshotState.READY));
    }

    @Test
    void readsWhatItCreated() {
        SnapshotClient client = client();
        emulator.readsUntilReady(0);
        Snapshot created = client.createSnapshot(request(diskId()).build());

        Snapshot read = client.getSnapshot(created.id());

        assertThat(read.id()).isEqualTo(created.id());
        assertThat(read.providerId()).isEqualTo(providerId());
        assertThat(read.state()).isEqualTo(SnapshotState.READY);
        assertThat(read.sourceId()).contains(diskId());
    }

    @Test
    void deletesAndThenNoLongerFindsIt() {
        SnapshotClient client = client();
        emulator.readsUntilReady(0);
        Snapshot created = client.awaitSnapshot(client.createSnapshot(request(diskId()).build()), WaitOptions.defaults());

        client.deleteSnapshot(created.id());

        assertThat(emulator.snapshots(providerId())).isEmpty();
        assertThat(catchThrowableOfType(NotFoundException.class, () -> client.getSnapshot(created.id()))).isNotNull();
    }

    @Test
    void anUnknownSnapshotIsNotFound() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client().getSnapshot(unknownSnapshotId()));
        assertRefusal(e, notFound());
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void aSnapshotOfAnUnknownDiskIsNotFound() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class,
                () -> client().createSnapshot(request(unknownDiskId()).build()));
        assertRefusal(e, unknownDisk());
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    @Test
    void theSameIdempotencyTokenReturnsTheFirstSnapshot() {
        SnapshotClient client = client();
        CreateSnapshotRequest request = request(diskId()).idempotencyToken("nightly-2026-12-01").build();

        Snapshot first = client.createSnapshot(request);
        Snapshot again = client.createSnapshot(request);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(emulator.snapshots(providerId())).hasSize(1);
    }

    @Test
    void aThrottledCreateIsRetriedWithoutASecondSnapshot() {
        emulator.inject(providerId(), Fault.throttle(Duration.ofSeconds(2)));

        Snapshot created = client().createSnapshot(request(diskId()).build());

        assertThat(emulator.snapshots(providerId())).extracting(EmulatedSnapshot::id).containsExactly(created.id());
        if (sendsRetryAfter()) {
            assertThat(clock.sleeps()).as("waited as asked").singleElement().isEqualTo(Duration.ofSeconds(2));
        } else {
            assertThat(clock.sleeps()).as("its own backoff").singleElement().satisfies(d -> assertThat(d).isPositive());
        }
    }

    @Test
    void throttlingThatOutlastsTheAttemptsIsAThrottledException() {
        String id = createdSnapshotId();
        emulator.inject(providerId(), Fault.throttle(Duration.ofSeconds(1)).times(3));

        ThrottledException e = catchThrowableOfType(ThrottledException.class, () -> client().getSnapshot(id));

        assertRefusal(e, throttled());
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getSuppressed()).hasSize(2);
    }

    @Test
    void aServerErrorIsRetried() {
        String id = createdSnapshotId();
        emulator.inject(providerId(), Fault.serverError());
        assertThat(client().getSnapshot(id).id()).isEqualTo(id);
    }

    @Test
    void serverErrorsThatOutlastTheAttemptsAreAServiceException() {
        String id = createdSnapshotId();
        emulator.inject(providerId(), Fault.serverError().times(3));

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client().getSnapshot(id));

        assertRefusal(e, serverError());
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getSuppressed()).hasSize(2);
    }

    @Test
    void aDroppedConnectionOnAReadIsRetried() {
        String id = createdSnapshotId();
        emulator.inject(providerId(), Fault.dropConnection());
        assertThat(client().getSnapshot(id).id()).isEqualTo(id);
    }

    @Test
    void connectionsDroppedOnEveryAttemptAreATransportException() {
        String id = createdSnapshotId();
        // The JDK's client itself sends a GET once more when the connection closes without an
        // answer, so two drops per attempt cover the three attempts whatever the read's method.
        emulator.inject(providerId(), Fault.dropConnection().times(2 * 3));

        TransportException e = catchThrowableOfType(TransportException.class, () -> client().getSnapshot(id));

        assertThat(e).isNotNull();
        assertThat(e.providerId()).isEqualTo(providerId());
    }

    @Test
    void aDelayShorterThanTheRequestTimeoutIsWaitedOut() {
        String id = createdSnapshotId();
        emulator.inject(providerId(), Fault.delay(Duration.ofMillis(100)));
        assertThat(client().getSnapshot(id).id()).isEqualTo(id);
    }

    @Test
    void aDelayLongerThanTheRequestTimeoutTimesTheAttemptOut() {
        String id = createdSnapshotId();
        Map<String, String> settings = new HashMap<>(settings());
        settings.put("requestTimeout", "PT0.2S");
        settings.put("maxAttempts", "1");
        SnapshotClient client = client(settings);
        client.getSnapshot(id); // authenticates first, so that the delay meets the read
        emulator.inject(providerId(), Fault.delay(Duration.ofSeconds(1)));

        assertThat(catchThrowableOfType(TransportException.class, () -> client.getSnapshot(id))).isNotNull();
    }

    @Test
    void aFailedSnapshotEndsInTheProvidersErrorState() {
        SnapshotClient client = client();
        emulator.inject(providerId(), Fault.failSnapshot());
        Snapshot created = client.createSnapshot(request(diskId()).build());

        OperationFailedException e = catchThrowableOfType(OperationFailedException.class,
                () -> client.awaitSnapshot(created, WaitOptions.defaults()));

        assertThat(e).isNotNull();
        assertThat(e.providerId()).isEqualTo(providerId());
        assertThat(emulator.snapshots(providerId())).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(SnapshotState.FAILED));
    }

    @Test
    void wrongCredentialsAreRefusedAsTheCloudRefusesThem() {
        SnapshotClient client = client(wrongCredentials(settings()));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client.createSnapshot(request(diskId()).build()));

        assertRefusal(e, wrongCredentialsRefusal());
        assertThat(emulator.snapshots(providerId())).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------

    /** Returns the id of a snapshot created, and ready, before the test's own calls. */
    protected String createdSnapshotId() {
        emulator.readsUntilReady(0);
        return client().createSnapshot(request(diskId()).build()).id();
    }

    /** Checks that {@code e} carries the emulated cloud's status, code and a request id. */
    protected void assertRefusal(ServiceException e, Expected expected) {
        assertThat(e).isNotNull();
        assertThat(e.providerId()).isEqualTo(providerId());
        assertThat(e.httpStatus()).isEqualTo(expected.httpStatus());
        assertThat(e.errorCode()).isEqualTo(expected.errorCode());
        assertThat(e.requestId()).as("the request id").isPresent();
    }

    /** Returns a client of the provider pointed at the emulator, on the test clock. */
    protected SnapshotClient client() {
        return client(settings());
    }

    /** Returns a client with {@code settings}, on the test clock; closed after the test. */
    protected SnapshotClient client(Map<String, String> settings) {
        SnapshotClient c = TestClients.create(providerId(), settings, clock);
        clients.add(c);
        return c;
    }
}
