package io.snapshotsdk.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Sends requests with the JDK's {@link HttpClient}. The attempt's deadline covers the whole
 * exchange, body included (the JDK's own request timeout stops at the response headers), and
 * the body is read up to a size bound.
 *
 * <p>Calls go through the blocking {@link HttpClient#send}, which the JDK runs partly on the
 * calling thread: on loopback it answers in about a third of the time of {@code sendAsync}
 * followed by a blocking {@code get}.
 */
public final class JdkTransport implements Transport {
    // The JDK sets these itself and refuses them from callers.
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpClient client;
    private final Duration requestTimeout;
    private final long maxBodyBytes;

    /** Creates a transport over {@code client}. */
    public JdkTransport(HttpClient client, Duration requestTimeout, long maxBodyBytes) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Returns a new JDK client: HTTP/1.1, no redirects, the given connect timeout. Its tasks run
     * on the JDK's own selector thread instead of a pool: the only callbacks are this transport's
     * body subscribers, which never block, and handing each response to a pool thread costs more
     * than the rest of the call.
     */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Response execute(Request request) throws IOException {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .timeout(requestTimeout)
                .method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        Headers h = request.headers();
        for (int i = 0; i < h.size(); i++) {
            if (!RESTRICTED.contains(h.name(i).toLowerCase(Locale.ROOT))) {
                b.header(h.name(i), h.value(i));
            }
        }
        BoundedSubscriber[] body = new BoundedSubscriber[1];
        try {
            HttpResponse<byte[]> r = client.send(b.build(), info -> body[0] = bounded(info, deadline));
            if (r.statusCode() < 100 || r.statusCode() > 599) {
                // The JDK passes any three digits; past 599 no status means anything.
                throw new ProtocolException("invalid HTTP status " + r.statusCode());
            }
            return new Response(r.statusCode(), Headers.of(r.headers().map()), r.body(), request);
        } catch (IOException e) {
            // send() wraps what a body subscriber failed with in a plain IOException.
            if (e.getCause() instanceof BodyTooLargeException tooLarge) {
                throw tooLarge;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the response");
        } finally {
            if (body[0] != null) {
                body[0].done();
            }
        }
    }

    private BoundedSubscriber bounded(HttpResponse.ResponseInfo info, long deadline) {
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        BoundedSubscriber s = new BoundedSubscriber(maxBodyBytes, declared > maxBodyBytes, deadline, requestTimeout);
        BodyDeadlines.SHARED.add(s);
        return s;
    }

    /** Collects the body and gives up as soon as it passes the bound. */
    private static final class BoundedSubscriber implements HttpResponse.BodySubscriber<byte[]>, BodyDeadlines.Expirable {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final List<ByteBuffer> parts = new ArrayList<>();
        private final long limit;
        private final boolean tooLargeAlready;
        private volatile Flow.Subscription subscription;
        private long size;
        private final long deadline;
        private final Duration timeout;

        BoundedSubscriber(long limit, boolean tooLargeAlready, long deadline, Duration timeout) {
            this.limit = limit;
            this.tooLargeAlready = tooLargeAlready;
            this.deadline = deadline;
            this.timeout = timeout;
        }

        @Override
        public long deadline() {
            return deadline;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        /** Gives up on a body still arriving at the deadline. */
        @Override
        public void expire() {
            if (result.completeExceptionally(new HttpTimeoutException("no complete response within " + timeout))) {
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel();
                }
            }
        }

        /** Leaves the deadlines once the exchange is over. */
        void done() {
            BodyDeadlines.SHARED.remove(this);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (result.isDone()) {
                s.cancel();
            } else if (tooLargeAlready) {
                s.cancel();
                result.completeExceptionally(new BodyTooLargeException(limit));
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                size += item.remaining();
                parts.add(item);
            }
            if (size > limit) {
                subscription.cancel();
                parts.clear();
                result.completeExceptionally(new BodyTooLargeException(limit));
            }
        }

        @Override
        public void onError(Throwable t) {
            parts.clear();
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            byte[] body = new byte[(int) size];
            int at = 0;
            for (ByteBuffer part : parts) {
                int n = part.remaining();
                part.get(body, at, n);
                at += n;
            }
            parts.clear();
            result.complete(body);
        }
    }
}
