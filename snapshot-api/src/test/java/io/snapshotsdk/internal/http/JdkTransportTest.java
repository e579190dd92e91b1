package io.snapshotsdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InterruptedIOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/** A JDK client that never answers cannot hold a caller past the timeout and its grace. */
class JdkTransportTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final Request GET = Request.builder("GET", URI.create("http://127.0.0.1:1/x")).operation("Get").build();

    @Test
    void aClientStuckInSendIsInterruptedAndTheCallTimesOut() {
        StuckClient stuck = new StuckClient();
        JdkTransport transport = new JdkTransport(stuck, Duration.ofMillis(100), 1 << 20);

        Throwable thrown = assertTimeoutPreemptively(HANG_GUARD, () -> catchThrowable(() -> transport.execute(GET)));

        assertThat(thrown).isInstanceOf(HttpTimeoutException.class).hasMessage("no response within PT0.1S");
        assertThat(stuck.wasInterrupted).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("the watch's interrupt is not left behind").isFalse();
    }

    @Test
    void anInterruptByTheCallerStaysTheCallers() throws InterruptedException {
        StuckClient stuck = new StuckClient();
        JdkTransport transport = new JdkTransport(stuck, Duration.ofMinutes(5), 1 << 20);
        Throwable[] thrown = new Throwable[1];
        boolean[] interrupted = new boolean[1];
        Thread caller = new Thread(() -> {
            thrown[0] = catchThrowable(() -> transport.execute(GET));
            interrupted[0] = Thread.currentThread().isInterrupted();
        });
        caller.start();
        stuck.entered.await();
        caller.interrupt();
        caller.join(HANG_GUARD.toMillis());

        assertThat(thrown[0]).isInstanceOf(InterruptedIOException.class);
        assertThat(interrupted[0]).as("the caller's own interrupt is kept").isTrue();
    }

    /** A client whose {@code send} blocks until its thread is interrupted, as a stalled JDK client would. */
    private static final class StuckClient extends HttpClient {
        final CountDownLatch entered = new CountDownLatch(1);
        volatile boolean wasInterrupted;

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws InterruptedException {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
                throw new AssertionError("unreachable");
            } catch (InterruptedException e) {
                wasInterrupted = true;
                throw e;
            }
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return new CompletableFuture<>();
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                HttpResponse.PushPromiseHandler<T> push) {
            return new CompletableFuture<>();
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
            throw new UnsupportedOperationException();
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
}
