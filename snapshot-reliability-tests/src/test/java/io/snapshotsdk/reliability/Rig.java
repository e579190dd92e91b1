package io.snapshotsdk.reliability;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.testing.ManualClock;
import io.snapshotsdk.testing.TestClients;
import io.snapshotsdk.testkit.SnapshotEmulator;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The emulator of the five clouds with a {@link FaultProxy} in front of it. Clients talk to the
 * proxy, which passes every call through unless a test tells it to answer with a fault. The
 * emulator's store is the ground truth for duplicates; the proxy's journal shows every attempt.
 *
 * <p>Clients run on a {@link ManualClock} set to the real time, so retries and polls take no
 * wall-clock time while signatures and timestamps stay acceptable to the emulator.
 */
final class Rig implements AutoCloseable {
    final SnapshotEmulator emulator;
    final FaultProxy proxy;
    final ManualClock clock = new ManualClock(Instant.now());
    private final List<SnapshotClient> clients = new CopyOnWriteArrayList<>();

    private Rig() {
        emulator = SnapshotEmulator.start();
        proxy = new FaultProxy(emulator.baseUri());
    }

    /** Starts the emulator and its proxy. */
    static Rig start() {
        return new Rig();
    }

    /** Forgets every snapshot, fault, proxy rule and journal entry, and adds each cloud's disk. */
    Rig reset() {
        emulator.reset();
        proxy.reset();
        for (Cloud c : Cloud.values()) {
            emulator.addDisk(c.id, diskId(c), 40);
        }
        return this;
    }

    /** Returns the disk of {@code cloud} the emulator holds after {@link #reset}. */
    String diskId(Cloud cloud) {
        return cloud.diskId(emulator.settings(cloud.id));
    }

    /** Returns the settings of {@code cloud} pointed at the proxy. */
    Map<String, String> settings(Cloud cloud) {
        String direct = emulator.baseUri().toString();
        String proxied = proxy.baseUrl();
        Map<String, String> out = new HashMap<>();
        emulator.settings(cloud.id).forEach((k, v) -> out.put(k, v.replace(direct, proxied)));
        return out;
    }

    /** Returns a client of {@code cloud} through the proxy, closed with the rig. */
    SnapshotClient client(Cloud cloud) {
        return client(cloud, s -> s);
    }

    /** Returns a client of {@code cloud} through the proxy with changed settings, closed with the rig. */
    SnapshotClient client(Cloud cloud, UnaryOperator<Map<String, String>> change) {
        SnapshotClient c = TestClients.create(cloud.id, change.apply(settings(cloud)), clock);
        clients.add(c);
        return c;
    }

    @Override
    public void close() {
        clients.forEach(SnapshotClient::close);
        proxy.close();
        emulator.close();
    }
}
