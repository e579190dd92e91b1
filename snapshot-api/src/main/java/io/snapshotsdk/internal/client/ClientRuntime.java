package io.snapshotsdk.internal.client;

import io.snapshotsdk.CommonSettings;
import io.snapshotsdk.internal.http.HttpPipeline;
import io.snapshotsdk.internal.http.JdkTransport;
import io.snapshotsdk.internal.http.RetryPolicy;
import io.snapshotsdk.internal.poll.Poller;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one provider client owns and shares between its pipelines: the JDK HTTP client (created
 * here and closed with the client, unless the context passed one in), the clock, the sleeper,
 * the retry policy and the poller.
 */
public final class ClientRuntime implements AutoCloseable {
    /** The largest response body read: 1 MiB. */
    public static final long MAX_BODY_BYTES = 1 << 20;

    private final String providerId;
    private final HttpClient httpClient;
    private final boolean ownsHttpClient;
    private final CommonSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Poller poller;
    private final RetryPolicy retryPolicy;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClientRuntime(String providerId, CommonSettings settings, ProviderContext context) {
        this.providerId = providerId;
        this.settings = settings;
        this.ownsHttpClient = context.httpClient().isEmpty();
        this.httpClient = context.httpClient().orElseGet(() -> JdkTransport.newClient(settings.connectTimeout()));
        this.clock = context.clock();
        this.sleeper = context.sleeper();
        this.poller = new Poller(providerId, clock, sleeper);
        this.retryPolicy = RetryPolicy.defaults(settings.maxAttempts());
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

    /** Throws if the client was closed. */
    public void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the " + providerId + " snapshot client is closed");
        }
    }

    /** Closes the HTTP client if this runtime created it; Java 21 and later release it at once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsHttpClient && httpClient instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing only releases threads and sockets; nothing is lost if it fails.
            }
        }
    }
}
