package io.snapshotsdk.benchmarks;

import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotClients;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.benchmarks.StubServer.Reply;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1,000 snapshots awaited at once on one OpenStack client with {@code awaitSnapshotAsync}; the
 * stub answers {@code creating} to a snapshot's first read and {@code available} to the next.
 * Reports the time until all are ready, the SDK's threads and the JVM's peak thread count.
 */
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AwaitBenchmark {
    private static final int SNAPSHOTS = 1_000;
    private static final String PROJECT = "a6944d763bf64ee6a275f1263fae0352";

    private StubServer stub;
    private SnapshotClient client;
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private List<Snapshot> pending;

    /** The SDK's threads while 1,000 waits run, and the JVM's peak: a wait must not cost a thread. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Threads {
        public long sdkThreads;
        public long jvmPeakThreads;
    }

    @Setup(Level.Trial)
    public void setUp() {
        stub = new StubServer();
        Clouds.install(stub);
        String creating = snapshot("creating", "50%");
        String available = snapshot("available", "100%");
        stub.route("GET", "/v3/" + PROJECT + "/snapshots/", e -> true, e -> {
            int n = reads.computeIfAbsent(e.path(), k -> new AtomicInteger()).incrementAndGet();
            String id = e.path().substring(e.path().lastIndexOf('/') + 1);
            return Reply.json(200, (n == 1 ? creating : available).replace("SNAPSHOT_ID", id),
                    "x-openstack-request-id", "req-5e8e2d5c-4c2e-4f8a-9a77-0f6d2b1a3c4d");
        });
        client = SnapshotClients.create("openstack", Clouds.settings("openstack", stub.baseUrl()));
        client.createSnapshot(Clouds.request("openstack"));
    }

    @Setup(Level.Invocation)
    public void newSnapshots() {
        reads.clear();
        pending = new ArrayList<>(SNAPSHOTS);
        for (int i = 0; i < SNAPSHOTS; i++) {
            pending.add(Snapshot.builder().id(UUID.randomUUID().toString()).providerId("openstack").state(SnapshotState.CREATING).build());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        stub.close();
    }

    @Benchmark
    public int awaitAll(Threads threads) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        mx.resetPeakThreadCount();
        WaitOptions fast = WaitOptions.builder().pollInterval(Duration.ofMillis(1)).maxPollInterval(Duration.ofMillis(1))
                .timeout(Duration.ofMinutes(1)).build();
        List<CompletableFuture<Snapshot>> waits = new ArrayList<>(SNAPSHOTS);
        for (Snapshot s : pending) {
            waits.add(client.awaitSnapshotAsync(s, fast));
        }
        threads.sdkThreads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("snapshot-sdk-")).count();
        int ready = 0;
        for (CompletableFuture<Snapshot> w : waits) {
            ready += w.join().state() == SnapshotState.READY ? 1 : 0;
        }
        threads.jvmPeakThreads = mx.getPeakThreadCount();
        if (ready != SNAPSHOTS) {
            throw new IllegalStateException(ready + " of " + SNAPSHOTS + " ready");
        }
        return ready;
    }

    private static String snapshot(String status, String progress) {
        return "{\"snapshot\":{\"id\":\"SNAPSHOT_ID\",\"status\":\"" + status + "\",\"size\":10,"
                + "\"volume_id\":\"5aa119a8-d25b-45a7-8d1b-88e127885635\",\"name\":\"nightly\",\"description\":null,"
                + "\"created_at\":\"2019-03-11T16:24:34.469003\",\"updated_at\":null,\"metadata\":{},"
                + "\"os-extended-snapshot-attributes:progress\":\"" + progress + "\","
                + "\"os-extended-snapshot-attributes:project_id\":\"" + PROJECT + "\"}}";
    }
}
