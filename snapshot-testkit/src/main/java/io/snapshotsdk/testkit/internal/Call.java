package io.snapshotsdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.snapshotsdk.internal.codec.Rfc3986;
import io.snapshotsdk.internal.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request to the emulator, read whole, and the ways to answer it. */
final class Call {
    final HttpExchange exchange;
    final String method;
    final String rawPath;
    /** The path after the provider's prefix, such as {@code /compute/v1/snapshots}. */
    final String path;
    final String rawQuery;
    final byte[] body;
    private boolean answered;

    Call(HttpExchange exchange, String prefix) throws IOException {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod();
        this.rawPath = exchange.getRequestURI().getRawPath();
        String p = rawPath.substring(prefix.length() + 1);
        this.path = p.isEmpty() ? "/" : p;
        this.rawQuery = exchange.getRequestURI().getRawQuery();
        this.body = exchange.getRequestBody().readAllBytes();
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    List<String> headers(String name) {
        return exchange.getRequestHeaders().getOrDefault(name, List.of());
    }

    Map<String, String> query() {
        return decodeForm(rawQuery);
    }

    Map<String, String> form() {
        return decodeForm(new String(body, StandardCharsets.UTF_8));
    }

    Optional<JsonNode> json() {
        return Json.tryReadObject(body);
    }

    static Map<String, String> decodeForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(Rfc3986.decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : Rfc3986.decode(pair.substring(eq + 1)));
        }
        return out;
    }

    void respond(int status, String contentType, String body, String... headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        if (bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        answered = true;
        exchange.close();
    }

    void json(int status, Object body, String... headers) throws IOException {
        respond(status, "application/json", body.toString(), headers);
    }

    void xml(int status, String body, String... headers) throws IOException {
        respond(status, "text/xml;charset=UTF-8", body, headers);
    }

    void empty(int status, String... headers) throws IOException {
        respond(status, "application/json", "", headers);
    }

    /** Closes the connection without an answer. */
    void drop() {
        answered = true;
        exchange.close();
    }

    boolean answered() {
        return answered;
    }
}
