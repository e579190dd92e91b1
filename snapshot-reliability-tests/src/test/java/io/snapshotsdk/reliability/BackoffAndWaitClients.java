package io.snapshotsdk.reliability;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.SnapshotProvider;
import io.snapshotsdk.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;

/**
 * Clients of the backoff and wait scenarios: through the rig's proxy like {@link Rig#client}, but
 * each scenario on a clock of its own set to the real time, since these scenarios move the clock
 * by minutes and the emulator checks signatures and token times against the real one; and with
 * the jitter source the scenario chooses.
 */
final class BackoffAndWaitClients implements AutoCloseable {
    private final Rig rig;
    private final List<SnapshotClient> clients = new CopyOnWriteArrayList<>();
    private ManualClock clock = new ManualClock(Instant.now());

    BackoffAndWaitClients(Rig rig) {
        this.rig = rig;
    }

    /** Starts a new scenario: a fresh clock at the real time. */
    void freshClock() {
        clock = new ManualClock(Instant.now());
    }

    /** Returns the clock of the current scenario. */
    ManualClock clock() {
        return clock;
    }

    /** Returns the pauses asked for since {@code before} sleeps. */
    List<Duration> pausesSince(int before) {
        List<Duration> all = clock.sleeps();
        return all.subList(before, all.size());
    }

    /** Returns a client of {@code cloud} with changed settings and the default jitter. */
    SnapshotClient client(Cloud cloud, UnaryOperator<Map<String, String>> change) {
        return client(cloud, () -> ThreadLocalRandom.current().nextDouble(), change);
    }

    /** Returns a client of {@code cloud} through the proxy, drawing its backoff jitter from {@code jitter}. */
    SnapshotClient client(Cloud cloud, DoubleSupplier jitter, UnaryOperator<Map<String, String>> change) {
        SnapshotProvider provider = ServiceLoader.load(SnapshotProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(cloud.id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no provider " + cloud.id));
        SnapshotClient c = provider.create(ProviderContext.builder()
                .settings(change.apply(rig.settings(cloud)))
                .clock(clock)
                .sleeper(clock.sleeper())
                .environment(name -> Optional.empty())
                .jitter(jitter)
                .build());
        clients.add(c);
        return c;
    }

    /** Closes the clients made so far. */
    @Override
    public void close() {
        clients.forEach(SnapshotClient::close);
        clients.clear();
    }
}
