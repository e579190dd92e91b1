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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    // Compared ignoring case on every header of every call, hence a list and no lower-casing.
    private static final List<String> RESTRICTED = List.of("host", "content-length", "connection", "expect", "upgrade");

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
            if (!isRestricted(h.name(i))) {
                b.header(h.name(i), h.value(i));
            }
        }
        Call call = new Call(Thread.currentThread(), deadline, requestTimeout);
        BodyDeadlines.SHARED.add(call);
        try {
            HttpResponse<byte[]> r = client.send(b.build(), info -> call.body = bounded(info));
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
            if (call.endedByDeadline()) {
                throw new HttpTimeoutException("no response within " + requestTimeout);
            }
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the response");
        } finally {
            BodyDeadlines.SHARED.remove(call);
            call.finish();
        }
    }

    private static boolean isRestricted(String name) {
        for (String r : RESTRICTED) {
            if (r.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private BoundedSubscriber bounded(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        return new BoundedSubscriber(maxBodyBytes, declared > maxBodyBytes, requestTimeout);
    }

    /**
     * One call in flight, watched until it ends. At its deadline a body still arriving is ended;
     * the JDK ends a call still waiting for headers itself. Should the call outlive both by
     * {@link #GRACE}, the thread blocked in {@code send} is interrupted, so that no state of the
     * JDK client (a stalled selector thread included) can hold a caller past its timeout.
     */
    static final class Call implements BodyDeadlines.Expirable {
        static final long GRACE = TimeUnit.SECONDS.toNanos(1);
        private static final int RUNNING = 0;
        private static final int DONE = 1;
        private static final int INTERRUPTING = 2;
        private static final int INTERRUPTED = 3;

        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private final Thread caller;
        private final Duration timeout;
        private volatile long deadline;
        private volatile boolean bodyEnded;
        volatile BoundedSubscriber body;

        Call(Thread caller, long deadline, Duration timeout) {
            this.caller = caller;
            this.deadline = deadline;
            this.timeout = timeout;
        }

        @Override
        public long deadline() {
            return deadline;
        }

        @Override
        public void expire() {
            if (!bodyEnded) {
                bodyEnded = true;
                BoundedSubscriber b = body;
                if (b != null) {
                    b.expire();
                }
                deadline += GRACE;
                BodyDeadlines.SHARED.add(this);
            } else if (state.compareAndSet(RUNNING, INTERRUPTING)) {
                caller.interrupt();
                state.set(INTERRUPTED);
            }
        }

        /** Returns whether the caller was interrupted because the call outlived its deadline. */
        boolean endedByDeadline() {
            return state.get() >= INTERRUPTING;
        }

        /** Ends the watch; clears an interrupt the watch sent as the call was ending anyway. */
        void finish() {
            if (state.compareAndSet(RUNNING, DONE)) {
                return;
            }
            while (state.get() != INTERRUPTED) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
        }

        @Override
        public String toString() {
            return "call with a timeout of " + timeout;
        }
    }

    /** Collects the body and gives up as soon as it passes the bound. */
    private static final class BoundedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final List<ByteBuffer> parts = new ArrayList<>();
        private final long limit;
        private final boolean tooLargeAlready;
        private volatile Flow.Subscription subscription;
        private long size;
        private final Duration timeout;

        BoundedSubscriber(long limit, boolean tooLargeAlready, Duration timeout) {
            this.limit = limit;
            this.tooLargeAlready = tooLargeAlready;
            this.timeout = timeout;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        /** Gives up on a body still arriving at the deadline. */
        void expire() {
            if (result.completeExceptionally(new HttpTimeoutException("no complete response within " + timeout))) {
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel();
                }
            }
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
