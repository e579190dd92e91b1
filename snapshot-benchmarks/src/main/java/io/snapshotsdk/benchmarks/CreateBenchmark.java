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
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One synchronous {@code createSnapshot} per provider against the loopback stub, beside its floor:
 * the same request (method, URL, headers, body, captured from the SDK) sent by a bare
 * {@code HttpClient.send} with the JDK's defaults and a precomputed body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CreateBenchmark {
    // About 12 us on the machine the README names: the SDK's own time per call, in memory.
    private static final long WORK_TOKENS = 6_000;

    @Param({"azure", "yandex", "aws-sgw", "aliyun", "openstack"})
    public String provider;

    private StubServer stub;
    private SnapshotClient client;
    private CreateSnapshotRequest request;
    private HttpClient raw;
    private HttpClient tuned;
    private HttpRequest rawRequest;
    private io.snapshotsdk.internal.http.JdkTransport transport;
    private io.snapshotsdk.internal.http.Request transportRequest;

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
        transport = new io.snapshotsdk.internal.http.JdkTransport(
                io.snapshotsdk.internal.http.JdkTransport.newClient(java.time.Duration.ofSeconds(10)), java.time.Duration.ofSeconds(60), 1 << 20);
        io.snapshotsdk.internal.http.Request.Builder tb = io.snapshotsdk.internal.http.Request.builder(sent.method(),
                java.net.URI.create(stub.baseUrl() + sent.target())).operation("Create");
        sent.headers().forEach((name, value) -> {
            if (!Clouds.isRestricted(name) && !name.equalsIgnoreCase("content-type")) {
                tb.header(name, value);
            }
        });
        transportRequest = tb.body(sent.body(), sent.header("content-type")).build();
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

    /**
     * A control for the gap between {@link #sdk} and {@link #tunedRaw}: the tuned call after as much
     * plain CPU work as the SDK does per call ({@link #work} alone), to show whether work between
     * calls costs more than itself on the wire.
     */
    @Benchmark
    public byte[] tunedRawAfterWork() throws IOException, InterruptedException {
        Blackhole.consumeCPU(WORK_TOKENS);
        return tuned.send(rawRequest, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** A control: the same bytes through the SDK's own transport alone, no pipeline stage before it. */
    @Benchmark
    public Object transportOnly() throws IOException {
        return transport.execute(transportRequest).body();
    }

    /** The work {@link #tunedRawAfterWork} adds, alone. */
    @Benchmark
    public void work() {
        Blackhole.consumeCPU(WORK_TOKENS);
    }

    /** The floor: the same bytes through a default JDK client, the answer read as bytes. */
    @Benchmark
    public byte[] raw() throws IOException, InterruptedException {
        return raw.send(rawRequest, HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
