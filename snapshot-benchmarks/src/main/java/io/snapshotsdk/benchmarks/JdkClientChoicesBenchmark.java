package io.snapshotsdk.benchmarks;

import io.snapshotsdk.benchmarks.StubServer.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * The JDK client's own choices, one at a time, on one small POST: the evidence behind the
 * transport's settings (HTTP/1.1, tasks on the selector thread, the blocking {@code send}).
 */
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JdkClientChoicesBenchmark {
    private StubServer stub;
    private HttpClient defaults;
    private HttpClient http11;
    private HttpClient http11Direct;
    private HttpRequest post;
    private HttpRequest postWithTimeout;

    @Setup(Level.Trial)
    public void setUp() {
        stub = new StubServer();
        stub.route("POST", "/", Reply.json(200, Clouds.fixture("ecs-createsnapshot-response.json")));
        defaults = HttpClient.newHttpClient();
        http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        http11Direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run).build();
        byte[] body = new byte[600];
        java.util.Arrays.fill(body, (byte) 'a');
        post = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        postWithTimeout = HttpRequest.newBuilder(post, (n, v) -> true).timeout(Duration.ofSeconds(60)).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        stub.close();
    }

    @Benchmark
    public byte[] defaultsSend() throws IOException, InterruptedException {
        return defaults.send(post, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    @Benchmark
    public byte[] http11Send() throws IOException, InterruptedException {
        return http11.send(post, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    @Benchmark
    public byte[] http11DirectSend() throws IOException, InterruptedException {
        return http11Direct.send(post, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    @Benchmark
    public byte[] http11DirectSendWithTimeout() throws IOException, InterruptedException {
        return http11Direct.send(postWithTimeout, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    @Benchmark
    public byte[] http11DirectSendAsyncThenGet() throws InterruptedException, ExecutionException, TimeoutException {
        return http11Direct.sendAsync(post, HttpResponse.BodyHandlers.ofByteArray()).get(60, TimeUnit.SECONDS).body();
    }
}
