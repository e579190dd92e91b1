package io.snapshotsdk.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@link HttpClient} that answers from memory instead of a socket. A provider client given
 * one through its {@code ProviderContext} runs its whole pipeline (signing, tokens, retries, error
 * mapping, parsing) exactly as on the wire, but a call takes microseconds, so tens of thousands
 * of response bodies can be fed to the parsers in seconds.
 *
 * <p>The body reaches the SDK's body subscriber the way the JDK delivers it: in buffers, with a
 * {@code Content-Length}, and a subscriber's failure surfaces as an {@link IOException} wrapping
 * it, as {@link HttpClient#send} does.
 */
final class InMemoryHttpClient extends HttpClient {
    /** A request as the SDK sent it. */
    record Call(String method, URI uri, HttpHeaders headers, byte[] body) {
        /** Returns the raw path. */
        String path() {
            return uri.getRawPath() == null ? "" : uri.getRawPath();
        }

        /** Returns the raw query, or "". */
        String query() {
            return uri.getRawQuery() == null ? "" : uri.getRawQuery();
        }

        /** Returns the body as UTF-8 text. */
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Returns a header's first value, or "". */
        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    /** An answer: status, headers (the {@code Content-Length} is added unless {@code chunked}) and body. */
    record Canned(int status, Map<String, List<String>> headers, byte[] body, boolean chunked) {
        static Canned of(int status, String contentType, byte[] body, String... headers) {
            Map<String, List<String>> h = new LinkedHashMap<>();
            if (contentType != null) {
                h.put("Content-Type", List.of(contentType));
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                h.computeIfAbsent(headers[i], k -> new ArrayList<>()).add(headers[i + 1]);
            }
            return new Canned(status, h, body, false);
        }

        static Canned json(int status, String body, String... headers) {
            return of(status, "application/json", body.getBytes(StandardCharsets.UTF_8), headers);
        }

        static Canned xml(int status, String body, String... headers) {
            return of(status, "text/xml;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    private static final int BUFFER = 16 * 1024;

    private final Function<Call, Canned> answers;

    InMemoryHttpClient(Function<Call, Canned> answers) {
        this.answers = answers;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        Call call = new Call(request.method(), request.uri(), request.headers(), bodyOf(request));
        Canned canned = answers.apply(call);
        Map<String, List<String>> headerMap = new LinkedHashMap<>(canned.headers());
        if (!canned.chunked()) {
            headerMap.put("Content-Length", List.of(Integer.toString(canned.body().length)));
        }
        HttpHeaders headers = HttpHeaders.of(headerMap, (k, v) -> true);
        HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return canned.status();
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public Version version() {
                return Version.HTTP_1_1;
            }
        };
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
        boolean[] cancelled = {false};
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                // Everything is at hand; delivery below does not wait for demand.
            }

            @Override
            public void cancel() {
                cancelled[0] = true;
            }
        });
        byte[] body = canned.body();
        for (int at = 0; at < body.length && !cancelled[0]; at += BUFFER) {
            int n = Math.min(BUFFER, body.length - at);
            subscriber.onNext(List.of(ByteBuffer.wrap(body, at, n)));
        }
        if (!cancelled[0]) {
            subscriber.onComplete();
        }
        T value;
        try {
            value = subscriber.getBody().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // As HttpClient.send reports a body subscriber's failure.
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the body subscriber never completed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Answered<>(request, canned.status(), headers, value);
    }

    private record Answered<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body) implements HttpResponse<T> {
        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }
    }

    private static byte[] bodyOf(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] b = new byte[item.remaining()];
                item.get(b);
                out.write(b, 0, b.length);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(out.toByteArray());
            }
        });
        try {
            return done.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new UncheckedIOException(new IOException("could not read the request body", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CompletableFuture.completedFuture(send(request, handler));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SSLParameters sslParameters() {
        return new SSLParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.empty();
    }
}
