package io.snapshotsdk.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A small HTTP/1.1 server on {@code 127.0.0.1} with precomputed answers, so that what a benchmark
 * measures is the client, not the server: one thread per kept-alive connection, requests read
 * with their {@code Content-Length} body, answers written in one piece.
 */
final class StubServer implements AutoCloseable {
    /** A request as received. */
    record Exchange(String method, String target, Map<String, String> headers, byte[] body) {
        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    /** An answer, encoded once. */
    static final class Reply {
        final int status;
        final Map<String, List<String>> headers;
        final byte[] body;
        final byte[] bytes;

        private Reply(int status, Map<String, List<String>> headers, byte[] body, byte[] bytes) {
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.bytes = bytes;
        }

        static Reply of(int status, String contentType, String body, String... headers) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            Map<String, List<String>> h = new LinkedHashMap<>();
            h.put("Content-Type", List.of(contentType));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                h.put(headers[i], List.of(headers[i + 1]));
            }
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(status < 300 ? " OK" : " Error").append("\r\n")
                    .append("Content-Length: ").append(b.length).append("\r\n");
            h.forEach((name, values) -> head.append(name).append(": ").append(values.get(0)).append("\r\n"));
            byte[] hb = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[hb.length + b.length];
            System.arraycopy(hb, 0, all, 0, hb.length);
            System.arraycopy(b, 0, all, hb.length, b.length);
            return new Reply(status, h, b, all);
        }

        static Reply json(int status, String body, String... headers) {
            return of(status, "application/json", body, headers);
        }
    }

    private record Route(String method, String pathPrefix, Predicate<Exchange> when, Function<Exchange, Reply> answer) {}

    private static final Reply NOT_FOUND = Reply.of(404, "text/plain", "no route");

    private final ServerSocket socket;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Exchange> lastByRoute = new ConcurrentHashMap<>();
    private final Thread acceptor;
    private volatile boolean closed;

    StubServer() {
        try {
            socket = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::accept, "stub-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Answers {@code method} on paths starting with {@code pathPrefix} that match {@code when}. */
    synchronized StubServer route(String method, String pathPrefix, Predicate<Exchange> when, Function<Exchange, Reply> answer) {
        routes.add(new Route(method, pathPrefix, when, answer));
        return this;
    }

    StubServer route(String method, String pathPrefix, Reply reply) {
        return route(method, pathPrefix, e -> true, e -> reply);
    }

    /** Returns the last request a route answered, keyed by its method and path prefix. */
    Exchange last(String method, String pathPrefix) {
        Exchange e = lastByRoute.get(method + " " + pathPrefix);
        if (e == null) {
            throw new IllegalStateException("no " + method + " " + pathPrefix + " was received");
        }
        return e;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "stub-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024); OutputStream out = s.getOutputStream()) {
            while (true) {
                Exchange e = read(in);
                if (e == null) {
                    return;
                }
                out.write(answer(e).bytes);
                out.flush();
            }
        } catch (IOException e) {
            // The client closed the connection.
        }
    }

    private Reply answer(Exchange e) {
        List<Route> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(routes);
        }
        for (Route r : snapshot) {
            if (r.method.equals(e.method) && e.path().startsWith(r.pathPrefix) && r.when.test(e)) {
                lastByRoute.put(r.method + " " + r.pathPrefix, e);
                return r.answer.apply(e);
            }
        }
        return NOT_FOUND;
    }

    private static Exchange read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Exchange(parts[0], parts[1], headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
