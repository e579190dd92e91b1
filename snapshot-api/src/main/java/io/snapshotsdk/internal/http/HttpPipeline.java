package io.snapshotsdk.internal.http;

import io.snapshotsdk.SnapshotException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.spi.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends a provider's requests through the stages every provider shares, in this fixed order:
 *
 * <ol>
 *   <li>identity: {@code User-Agent} and the client request id, the same on every attempt;</li>
 *   <li>retry: up to {@link RetryPolicy#maxAttempts()} attempts, errors mapped by the provider's
 *       {@link ErrorMapper};</li>
 *   <li>authenticate or sign, once per attempt, so a retry has a fresh date and signature;</li>
 *   <li>the origin check: nothing goes to a host the pipeline was not built for;</li>
 *   <li>redacting log, after signing, so it sees what is sent and masks the secrets;</li>
 *   <li>the transport.</li>
 * </ol>
 *
 * <p>{@link #send} returns only answers the error mapper accepts; everything else is thrown as a
 * {@link SnapshotException}. Thread-safe.
 */
public final class HttpPipeline {
    private static final Interceptor PASS_THROUGH = chain -> chain.proceed(chain.request());

    private final String providerId;
    private final String userAgent;
    private final Optional<String> clientRequestIdHeader;
    private final List<String> requestIdHeaders;
    private final RetryStage retry;
    private final Interceptor authenticator;
    private final List<URI> allowedOrigins;
    private final HttpLog log;
    private final Transport transport;

    private HttpPipeline(Builder b) {
        this.providerId = b.providerId;
        this.userAgent = UserAgent.of(b.providerId);
        this.clientRequestIdHeader = Optional.ofNullable(b.clientRequestIdHeader);
        this.requestIdHeaders = List.copyOf(b.requestIdHeaders);
        this.retry = new RetryStage(b.providerId, b.retryPolicy, b.errorMapper, b.clock, b.sleeper);
        this.authenticator = b.authenticator;
        this.allowedOrigins = List.copyOf(b.allowedOrigins);
        this.log = new HttpLog(b.providerId, b.redactor, b.clock);
        this.transport = Objects.requireNonNull(b.transport, "transport");
    }

    /** Starts a pipeline for {@code providerId}. */
    public static Builder builder(String providerId) {
        return new Builder(providerId);
    }

    /** Returns the provider this pipeline sends for. */
    public String providerId() {
        return providerId;
    }

    /**
     * Sends {@code request} and returns the provider's answer.
     *
     * @throws io.snapshotsdk.ServiceException if the provider refused it
     * @throws TransportException if no usable answer came back
     */
    public Response send(Request request) {
        Request.Builder identified = request.toBuilder().setHeader("User-Agent", userAgent);
        clientRequestIdHeader.ifPresent(name -> {
            if (!request.headers().contains(name)) {
                identified.setHeader(name, UUID.randomUUID().toString());
            }
        });
        return retry.send(identified.build(), this::attempt);
    }

    private Response attempt(Request request, int attempt) throws IOException {
        return new Stage(request, attempt).proceedFrom(authenticator);
    }

    private Response afterAuthentication(Request request, int attempt) throws IOException {
        if (!allowedOrigins.isEmpty() && allowedOrigins.stream().noneMatch(o -> Endpoints.sameOrigin(o, request.uri()))) {
            // Reached only by a provider bug: poll URLs are checked where they are read.
            throw new TransportException(providerId, "refusing to send " + request + ": not an origin of this client", null);
        }
        Response response = log.exchange(request, attempt, transport);
        return response.withRequestId(requestId(response));
    }

    private Optional<String> requestId(Response response) {
        for (String name : requestIdHeaders) {
            Optional<String> id = response.header(name);
            if (id.isPresent() && !id.get().isBlank()) {
                return id;
            }
        }
        return Optional.empty();
    }

    /** The chain as the authenticate stage sees it: proceeding runs the rest once. */
    private final class Stage implements Interceptor.Chain {
        private final Request request;
        private final int attempt;

        Stage(Request request, int attempt) {
            this.request = request;
            this.attempt = attempt;
        }

        Response proceedFrom(Interceptor interceptor) throws IOException {
            return interceptor.intercept(this);
        }

        @Override
        public Request request() {
            return request;
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public Response proceed(Request next) throws IOException {
            return afterAuthentication(next, attempt);
        }
    }

    /** Builds {@link HttpPipeline}s. */
    public static final class Builder {
        private final String providerId;
        private Transport transport;
        private RetryPolicy retryPolicy = RetryPolicy.defaults(3);
        private ErrorMapper errorMapper;
        private Interceptor authenticator = PASS_THROUGH;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private String clientRequestIdHeader;
        private final List<String> requestIdHeaders = new ArrayList<>();
        private final List<URI> allowedOrigins = new ArrayList<>();
        private Redactor redactor = Redactor.DEFAULT;

        private Builder(String providerId) {
            this.providerId = Objects.requireNonNull(providerId, "providerId");
            this.errorMapper = response -> ServiceErrors.fromStatus(providerId, response, clock);
        }

        /** Sets the last stage. Required. */
        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        /** Sets the retry policy; {@link RetryPolicy#defaults} with 3 attempts by default. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** Sets the error mapper; by status alone by default. */
        public Builder errorMapper(ErrorMapper errorMapper) {
            this.errorMapper = errorMapper;
            return this;
        }

        /** Sets the authenticate-or-sign stage, run once per attempt. */
        public Builder authenticator(Interceptor authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /** Sets the clock for retry budgets, {@code Retry-After} dates and log timings. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Sets the sleeper for backoff. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Sends a fresh UUID in {@code name} on each call, the same on all its attempts. */
        public Builder clientRequestIdHeader(String name) {
            this.clientRequestIdHeader = name;
            return this;
        }

        /** Reads the provider's request id from the first of these response headers present. */
        public Builder requestIdHeaders(String... names) {
            requestIdHeaders.addAll(List.of(names));
            return this;
        }

        /** Permits requests to {@code origin}; when none is given, any origin is permitted. */
        public Builder allowOrigin(URI origin) {
            allowedOrigins.add(origin);
            return this;
        }

        /** Sets the redactor of the log; {@link Redactor#DEFAULT} by default. */
        public Builder redactor(Redactor redactor) {
            this.redactor = redactor;
            return this;
        }

        /** Returns the pipeline. */
        public HttpPipeline build() {
            return new HttpPipeline(this);
        }
    }
}
