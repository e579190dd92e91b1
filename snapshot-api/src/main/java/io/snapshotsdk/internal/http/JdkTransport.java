package io.snapshotsdk.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends requests with the JDK's {@link HttpClient}. The attempt's deadline covers the whole
 * exchange, body included (the JDK's own request timeout stops at the response headers), and
 * the body is read up to a size bound.
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

    /** Returns a new JDK client: HTTP/1.1, no redirects, the given connect timeout. */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    @Override
    public Response execute(Request request) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .timeout(requestTimeout)
                .method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        Headers h = request.headers();
        for (int i = 0; i < h.size(); i++) {
            if (!RESTRICTED.contains(h.name(i).toLowerCase(java.util.Locale.ROOT))) {
                b.header(h.name(i), h.value(i));
            }
        }
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(b.build(), info -> bounded(info));
        try {
            HttpResponse<byte[]> r = call.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Response(r.statusCode(), Headers.of(r.headers().map()), r.body(), request);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new HttpTimeoutException("no complete response within " + requestTimeout);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the response");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
    }

    private HttpResponse.BodySubscriber<byte[]> bounded(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        return new BoundedSubscriber(maxBodyBytes, declared > maxBodyBytes);
    }

    /** Collects the body and gives up as soon as it passes the bound. */
    private static final class BoundedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final List<ByteBuffer> parts = new ArrayList<>();
        private final long limit;
        private final boolean tooLargeAlready;
        private Flow.Subscription subscription;
        private long size;

        BoundedSubscriber(long limit, boolean tooLargeAlready) {
            this.limit = limit;
            this.tooLargeAlready = tooLargeAlready;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (tooLargeAlready) {
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
