package io.snapshotsdk.benchmarks;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotClients;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 64 creates in flight at once against the loopback stub, in calls per second: the SDK's
 * synchronous {@code createSnapshot} from 64 caller threads sharing one client, beside 64 raw
 * {@code HttpClient.sendAsync} calls of the same request on a default JDK client.
 *
 * <p>The warm-up is as long as {@link CreateBenchmark}'s, for the same reason: on two cores
 * calls per second still climb after 5 s.
 */
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InFlightBenchmark {
    static final int IN_FLIGHT = 64;

    @Param({"azure", "yandex", "aws-sgw", "aliyun", "openstack"})
    public String provider;

    private StubServer stub;
    private SnapshotClient client;
    private List<Callable<Object>> creates;
    private ExecutorService callers;
    private HttpClient raw;
    private HttpRequest rawRequest;

    @Setup(Level.Trial)
    public void setUp() {
        stub = new StubServer();
        Clouds.install(stub);
        client = SnapshotClients.create(provider, Clouds.settings(provider, stub.baseUrl()));
        CreateSnapshotRequest request = Clouds.request(provider);
        client.createSnapshot(request);
        String[] route = Clouds.createRoute(provider);
        rawRequest = Clouds.replay(stub.baseUrl(), stub.last(route[0], route[1]));
        raw = HttpClient.newHttpClient();
        callers = Executors.newFixedThreadPool(IN_FLIGHT);
        creates = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            creates.add(() -> client.createSnapshot(request));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        callers.shutdownNow();
        client.close();
        stub.close();
    }

    /** 64 SDK creates at once, each on its own caller thread. */
    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public int sdk() throws InterruptedException, ExecutionException {
        int done = 0;
        for (Future<Object> f : callers.invokeAll(creates)) {
            f.get();
            done++;
        }
        return done;
    }

    /** The floor: 64 raw {@code sendAsync} calls of the same bytes on a default JDK client. */
    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public int rawSendAsync() {
        CompletableFuture<?>[] calls = new CompletableFuture<?>[IN_FLIGHT];
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls[i] = raw.sendAsync(rawRequest, HttpResponse.BodyHandlers.ofByteArray());
        }
        CompletableFuture.allOf(calls).join();
        return calls.length;
    }
}
