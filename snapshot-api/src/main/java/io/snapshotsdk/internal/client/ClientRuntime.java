package io.snapshotsdk.internal.client;

import io.snapshotsdk.CommonSettings;
import io.snapshotsdk.internal.http.HttpPipeline;
import io.snapshotsdk.internal.http.JdkTransport;
import io.snapshotsdk.internal.http.RetryPolicy;
import io.snapshotsdk.internal.poll.Poller;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.Sleeper;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.WaitOptions;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one provider client owns and shares between its pipelines: the JDK HTTP client (created
 * here and closed with the client, unless the context passed one in), the clock, the sleeper,
 * the retry policy and the poller, and, from the first asynchronous wait on, one timer thread
 * and a few workers that run the polls of every such wait.
 */
public final class ClientRuntime implements AutoCloseable {
    /** The largest response body read: 1 MiB. */
    public static final long MAX_BODY_BYTES = 1 << 20;
    /** The threads that run the polls of asynchronous waits; a poll is one short HTTP call. */
    static final int POLL_WORKERS = 4;

    private final String providerId;
    private final HttpClient httpClient;
    private final boolean ownsHttpClient;
    private final CommonSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Poller poller;
    private final RetryPolicy retryPolicy;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<CompletableFuture<Snapshot>> waiting = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;
    private ExecutorService workers;

    private ClientRuntime(String providerId, CommonSettings settings, ProviderContext context) {
        this.providerId = providerId;
        this.settings = settings;
        this.ownsHttpClient = context.httpClient().isEmpty();
        this.httpClient = context.httpClient().orElseGet(() -> JdkTransport.newClient(settings.connectTimeout()));
        this.clock = context.clock();
        this.sleeper = context.sleeper();
        this.poller = new Poller(providerId, clock, sleeper);
        this.retryPolicy = RetryPolicy.defaults(settings.maxAttempts()).withRandom(context.jitter());
    }

    /** Creates the runtime of one client. */
    public static ClientRuntime create(String providerId, CommonSettings settings, ProviderContext context) {
        return new ClientRuntime(providerId, settings, context);
    }

    /** Returns a pipeline builder with this client's transport, retry policy, clock and sleeper set. */
    public HttpPipeline.Builder pipeline() {
        return HttpPipeline.builder(providerId)
                .transport(new JdkTransport(httpClient, settings.requestTimeout(), MAX_BODY_BYTES))
                .retryPolicy(retryPolicy)
                .clock(clock)
                .sleeper(sleeper);
    }

    /** Returns the provider id. */
    public String providerId() {
        return providerId;
    }

    /** Returns the clock. */
    public Clock clock() {
        return clock;
    }

    /** Returns the sleeper. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** Returns the retry policy every pipeline of this client uses. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Returns the poller for {@code awaitSnapshot}. */
    public Poller poller() {
        return poller;
    }

    /**
     * Waits for {@code snapshot} with {@code poll} without holding a thread between polls. Closing
     * the client fails the waits still running with {@link IllegalStateException}.
     */
    public CompletableFuture<Snapshot> awaitAsync(Snapshot snapshot, WaitOptions options, Poller.PollFunction poll) {
        ensureOpen();
        CompletableFuture<Snapshot> wait;
        synchronized (this) {
            if (timer == null) {
                timer = new ScheduledThreadPoolExecutor(1, daemons("timer"));
                ((ScheduledThreadPoolExecutor) timer).setRemoveOnCancelPolicy(true);
                ThreadPoolExecutor pool = new ThreadPoolExecutor(POLL_WORKERS, POLL_WORKERS, 30, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), daemons("poll"));
                pool.allowCoreThreadTimeOut(true);
                workers = pool;
            }
            wait = poller.awaitAsync(snapshot, options, poll, timer, workers);
        }
        waiting.add(wait);
        wait.whenComplete((s, e) -> waiting.remove(wait));
        if (closed.get()) {
            wait.completeExceptionally(closedException());
        }
        return wait;
    }

    private ThreadFactory daemons(String role) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "snapshot-sdk-" + providerId + "-" + role + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("the " + providerId + " snapshot client is closed");
    }

    /** Throws if the client was closed. */
    public void ensureOpen() {
        if (closed.get()) {
            throw closedException();
        }
    }

    /**
     * Fails the asynchronous waits still running, stops their threads, and closes the HTTP client
     * if this runtime created it (Java 21 and later release it at once).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        waiting.forEach(w -> w.completeExceptionally(closedException()));
        synchronized (this) {
            if (timer != null) {
                timer.shutdownNow();
                workers.shutdownNow();
            }
        }
        if (ownsHttpClient && httpClient instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing only releases threads and sockets; nothing is lost if it fails.
            }
        }
    }
}
