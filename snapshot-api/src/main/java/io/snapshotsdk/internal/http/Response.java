package io.snapshotsdk.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP response with its whole body, as read within the size bound, and the request that
 * produced it (as finally sent, signature included). Immutable.
 */
public final class Response {
    private final int status;
    private final Headers headers;
    private final byte[] body;
    private final Request request;
    private final String requestId;

    /** Creates a response with no request id extracted yet. */
    public Response(int status, Headers headers, byte[] body, Request request) {
        this(status, headers, body, request, null);
    }

    private Response(int status, Headers headers, byte[] body, Request request, String requestId) {
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
        this.request = Objects.requireNonNull(request, "request");
        this.requestId = requestId;
    }

    /** Returns the HTTP status. */
    public int status() {
        return status;
    }

    /** Returns whether the status is 2xx. */
    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /** Returns the headers. */
    public Headers headers() {
        return headers;
    }

    /** Returns the first value of header {@code name}. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** Returns the body; empty for none. Callers must not modify it. */
    public byte[] body() {
        return body;
    }

    /** Returns the body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Returns the request this responds to. */
    public Request request() {
        return request;
    }

    /** Returns the provider's request id from the response headers, when the pipeline found one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Returns this response carrying {@code requestId}. */
    public Response withRequestId(Optional<String> requestId) {
        return new Response(status, headers, body, request, requestId.orElse(null));
    }

    @Override
    public String toString() {
        return status + " for " + request;
    }
}
