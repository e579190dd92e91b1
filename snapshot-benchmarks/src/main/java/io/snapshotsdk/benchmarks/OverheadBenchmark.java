package io.snapshotsdk.benchmarks;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.SnapshotProvider;
import java.util.ServiceLoader;
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

/**
 * What the SDK itself costs per create, the network taken away: the real client over an
 * in-memory JDK client that answers with the stub's bytes on the calling thread. Validation,
 * body, signing or token, pipeline, response parsing and the snapshot value, nothing else.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OverheadBenchmark {
    @Param({"azure", "yandex", "aws-sgw", "aliyun", "openstack"})
    public String provider;

    private StubServer stub;
    private SnapshotClient client;
    private CreateSnapshotRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        stub = new StubServer();
        Clouds.install(stub);
        SnapshotProvider p = ServiceLoader.load(SnapshotProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.id().equals(provider)).findFirst().orElseThrow();
        client = p.create(ProviderContext.builder().settings(Clouds.settings(provider, stub.baseUrl()))
                .httpClient(InMemoryHttpClient.answering(stub)).build());
        request = Clouds.request(provider);
        client.createSnapshot(request);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        stub.close();
    }

    @Benchmark
    public Snapshot create() {
        return client.createSnapshot(request);
    }
}
