package io.snapshotsdk.benchmarks;

import io.snapshotsdk.Snapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The JSON work of one call per provider, through the clients' own code: the create body built and
 * written from a request, and a snapshot read from the provider's documented answer. Alibaba's
 * create is an RPC call whose "body" is its parameter map; its answer is JSON like the others'.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JsonBenchmark {
    @Param({"azure", "yandex", "aws-sgw", "aliyun", "openstack"})
    public String provider;

    private WireCodec codec;

    @Setup
    public void setUp() {
        codec = WireCodec.of(provider);
    }

    /** The create request's body. */
    @Benchmark
    public Object request() {
        return codec.writeCreate();
    }

    /** The answer parsed into a {@link Snapshot}. */
    @Benchmark
    public Snapshot response() {
        return codec.readSnapshot();
    }

    /** Both, as one call does them. */
    @Benchmark
    public void requestAndResponse(Blackhole bh) {
        bh.consume(codec.writeCreate());
        bh.consume(codec.readSnapshot());
    }
}
