package io.snapshotsdk.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A byte-exact HTTP/1.1 proxy in front of the emulator that can answer in its place with any
 * fault, down to the socket: resets, silence, malformed chunks, random bytes, a dribbling body.
 * Requests pass through untouched but for a {@code Connection: close} toward the emulator (a
 * hop-by-hop header no signature covers), so every signature the client made still holds and the
 * emulator builds its URLs from the proxy's {@code Host}.
 *
 * <p>Every request is kept in the {@link #journal()}, whoever answered it.
 */
final class FaultProxy implements AutoCloseable {
    /** A request as the client sent it. */
    record Exchange(String method, String target, Map<String, String> headers, byte[] body) {
        /** Returns the path, without the query. */
        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        /** Returns the query, or "". */
        String query() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }

        /** Returns a header's value (names are case-insensitive), or "". */
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        /** Returns the body as UTF-8 text. */
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How the proxy answers one request. */
    @FunctionalInterface
    interface Answer {
        /**
         * Answers {@code request} on {@code client}. {@code forward} sends it to the emulator and
         * returns the emulator's answer as raw bytes.
         */
        void play(Exchange request, Socket client, Forward forward) throws IOException;
    }

    /** Sends a request to the emulator. */
    @FunctionalInterface
    interface Forward {
        /** Returns the emulator's raw answer to {@code request}. */
        byte[] send(Exchange request) throws IOException;
    }

    private static final class Rule {
        final Predicate<Exchange> when;
        final List<Answer> answers;

        Rule(Predicate<Exchange> when, List<Answer> answers) {
            this.when = when;
            this.answers = new ArrayList<>(answers);
        }
    }

    private final ServerSocket socket;
    private final URI upstream;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Exchange> journal = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    FaultProxy(URI upstream) {
        this.upstream = upstream;
        try {
            socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    /** Returns {@code http://127.0.0.1:port}. */
    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /**
     * Plays {@code answers}, one per matching request and in order, before passing matching
     * requests through again. Rules added earlier are tried first.
     */
    FaultProxy on(Predicate<Exchange> when, Answer... answers) {
        rules.add(new Rule(when, List.of(answers)));
        return this;
    }

    /** Returns every request received, in order. */
    List<Exchange> journal() {
        return List.copyOf(journal);
    }

    /** Forgets every rule and the journal. */
    void reset() {
        rules.clear();
        journal.clear();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                open.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            while (true) {
                Exchange request = read(in);
                if (request == null) {
                    return;
                }
                journal.add(request);
                answerFor(request).play(request, client, this::forward);
                if (client.isClosed() || client.isOutputShutdown()) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away or a fault closed the connection.
        } finally {
            open.remove(client);
        }
    }

    private Answer answerFor(Exchange request) {
        for (Rule rule : rules) {
            if (rule.when.test(request)) {
                synchronized (rule) {
                    if (!rule.answers.isEmpty()) {
                        return rule.answers.remove(0);
                    }
                }
            }
        }
        return Answers.PASS;
    }

    private byte[] forward(Exchange request) throws IOException {
        try (Socket s = new Socket(upstream.getHost(), upstream.getPort())) {
            s.setTcpNoDelay(true);
            StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.target())
                    .append(" HTTP/1.1\r\n");
            request.headers().forEach((k, v) -> {
                if (!k.equals("connection")) {
                    head.append(k).append(": ").append(v).append("\r\n");
                }
            });
            head.append("connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.body());
            out.flush();
            return s.getInputStream().readAllBytes();
        }
    }

    /** Reads one request, or returns null at the end of the stream. */
    private static Exchange read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Exchange(parts[0], parts[1], headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (SocketException e) {
                // already gone
            } catch (IOException e) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }
}
