package io.snapshotsdk.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The JSON work of one call per provider, through the clients' own code: the create body built and
 * written from a request, and a snapshot read from the provider's documented answer. Alibaba's
 * create is an RPC call whose "body" is its parameter map; its answer is JSON like the others'.
 *
 * <p>The warm-up is long because some of the parser's code is compiled late: on two cores the
 * time drops for the last time after 8–10 s.
 */
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 3, time = 1)
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

    /** The create body written and a snapshot read, as one call does both. */
    @Benchmark
    public void requestAndResponse(Blackhole bh) {
        bh.consume(codec.writeCreate());
        bh.consume(codec.readSnapshot());
    }
}
