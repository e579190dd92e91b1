package io.snapshotsdk.benchmarks;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotClients;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One synchronous {@code createSnapshot} per provider against the loopback stub, beside its floor:
 * the same request (method, URL, headers, body, captured from the SDK) sent by a bare
 * {@code HttpClient.send} with the JDK's defaults and a precomputed body.
 *
 * <p>The warm-up is long because both the SDK and the bare JDK client reach their steady time
 * only after about 10 s of calls on two cores, where the JIT compiles client, stub and SDK on the
 * cores they run on.
 */
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CreateBenchmark {
    @Param({"azure", "yandex", "aws-sgw", "aliyun", "openstack"})
    public String provider;

    private StubServer stub;
    private SnapshotClient client;
    private CreateSnapshotRequest request;
    private HttpClient raw;
    private HttpClient tuned;
    private HttpRequest rawRequest;

    @Setup(Level.Trial)
    public void setUp() {
        stub = new StubServer();
        Clouds.install(stub);
        client = SnapshotClients.create(provider, Clouds.settings(provider, stub.baseUrl()));
        request = Clouds.request(provider);
        client.createSnapshot(request);
        String[] route = Clouds.createRoute(provider);
        StubServer.Exchange sent = stub.last(route[0], route[1]);
        rawRequest = Clouds.replay(stub.baseUrl(), sent);
        raw = HttpClient.newHttpClient();
        tuned = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        stub.close();
    }

    /** The SDK: validation, body, signing or token, the call, and the parsed snapshot. */
    @Benchmark
    public Snapshot sdk() {
        return client.createSnapshot(request);
    }

    /** The same bytes through a JDK client set up as the SDK's is: what the SDK adds is the rest. */
    @Benchmark
    public byte[] tunedRaw() throws IOException, InterruptedException {
        return tuned.send(rawRequest, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** The floor: the same bytes through a default JDK client, the answer read as bytes. */
    @Benchmark
    public byte[] raw() throws IOException, InterruptedException {
        return raw.send(rawRequest, HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
