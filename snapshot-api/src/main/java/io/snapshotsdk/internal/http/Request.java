package io.snapshotsdk.internal.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One HTTP call as the pipeline carries it: method, absolute URI, headers and the whole body.
 * Signers read the body bytes, which the JDK's request type does not expose. Immutable; the
 * body array is never handed out for writing.
 */
public final class Request {
    private static final byte[] NO_BODY = new byte[0];

    private final String method;
    private final URI uri;
    private final Headers headers;
    private final byte[] body;
    private final String operation;
    private final boolean retrySafe;

    private Request(Builder b) {
        this.method = Objects.requireNonNull(b.method, "method");
        this.uri = Objects.requireNonNull(b.uri, "uri");
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("request URI must be absolute with a host");
        }
        this.headers = b.headers.build();
        this.body = b.body;
        this.operation = b.operation == null ? method : b.operation;
        this.retrySafe = b.retrySafe;
    }

    /** Starts a request. {@code retrySafe} defaults to true for GET, HEAD, PUT and DELETE. */
    public static Builder builder(String method, URI uri) {
        return new Builder(method, uri);
    }

    /** Returns the HTTP method, such as {@code POST}. */
    public String method() {
        return method;
    }

    /** Returns the absolute request URI, query included. */
    public URI uri() {
        return uri;
    }

    /** Returns the headers, {@code Host} and {@code Content-Length} excepted (the JDK sets them). */
    public Headers headers() {
        return headers;
    }

    /** Returns the body; empty for none. Callers must not modify it. */
    public byte[] body() {
        return body;
    }

    /** Returns the body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Returns the provider's name for the call, such as {@code CreateSnapshot}, for logs and errors. */
    public String operation() {
        return operation;
    }

    /**
     * Returns whether sending this request twice has the effect of sending it once: reads,
     * deletes, PUT by name, and creates that carry an idempotency token or a duplicate marker.
     * Only such requests are retried after a response or after a failure mid-call.
     */
    public boolean retrySafe() {
        return retrySafe;
    }

    /** Returns a builder holding this request. */
    public Builder toBuilder() {
        Builder b = new Builder(method, uri);
        b.headers = headers.toBuilder();
        b.body = body;
        b.operation = operation;
        b.retrySafe = retrySafe;
        return b;
    }

    @Override
    public String toString() {
        return operation + " " + method + " " + Redactor.DEFAULT.uri(uri);
    }

    /** Builds {@link Request}s. */
    public static final class Builder {
        private final String method;
        private URI uri;
        private Headers.Builder headers = Headers.builder();
        private byte[] body = NO_BODY;
        private String operation;
        private boolean retrySafe;

        private Builder(String method, URI uri) {
            this.method = Objects.requireNonNull(method, "method");
            this.uri = uri;
            this.retrySafe = switch (method) {
                case "GET", "HEAD", "PUT", "DELETE" -> true;
                default -> false;
            };
        }

        /** Replaces the URI. */
        public Builder uri(URI uri) {
            this.uri = uri;
            return this;
        }

        /** Adds a header. */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** Replaces every header named {@code name} with one. */
        public Builder setHeader(String name, String value) {
            headers.set(name, value);
            return this;
        }

        /** Removes every header named {@code name}. */
        public Builder removeHeader(String name) {
            headers.remove(name);
            return this;
        }

        /**
         * Sets the body and its {@code Content-Type}. The request keeps {@code body} itself, not a
         * copy (bodies are built for one request): the caller must not modify it afterwards.
         */
        public Builder body(byte[] body, String contentType) {
            this.body = body;
            headers.set("Content-Type", contentType);
            return this;
        }

        /** Sets the provider's name for the call, for logs and errors. */
        public Builder operation(String operation) {
            this.operation = operation;
            return this;
        }

        /** Marks the request as safe, or not, to send more than once. */
        public Builder retrySafe(boolean retrySafe) {
            this.retrySafe = retrySafe;
            return this;
        }

        /** Returns the request. */
        public Request build() {
            return new Request(this);
        }
    }
}
