package io.snapshotsdk.reliability;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.snapshotsdk.reliability.FaultProxy.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The servers the pinning scenarios stand up: a foreign host that counts every connection made to
 * it, an HTTPS server whose certificate no one trusts, and an answer that rewrites what the
 * emulator said.
 */
final class PinningServers {
    private PinningServers() {}

    /** A server that stands in for a foreign host: it counts connections and answers {@code 200 {}}. */
    static final class Foreign implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor;

        /** Listens on {@code address}:{@code port} (0 for a free one). */
        Foreign(InetAddress address, int port) throws IOException {
            socket = new ServerSocket(port, 50, address);
            acceptor = new Thread(this::accept, "foreign-host");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        /** Listens on a free loopback port. */
        static Foreign onLoopback() {
            try {
                return new Foreign(InetAddress.getLoopbackAddress(), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        String host() {
            return socket.getInetAddress().getHostAddress();
        }

        /** Returns how many connections were made to this host. */
        int connections() {
            return connections.get();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    s.setSoTimeout(500);
                    InputStream in = s.getInputStream();
                    byte[] some = new byte[4096];
                    in.read(some);
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // closed, or the caller went away
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** An HTTPS server on loopback whose certificate is self-signed: no client trusts it. */
    static final class Untrusted implements AutoCloseable {
        private final HttpsServer server;
        private final AtomicInteger requests = new AtomicInteger();

        Untrusted(Path workDir) throws IOException, GeneralSecurityException, InterruptedException {
            char[] password = "changeit".toCharArray();
            Path store = workDir.resolve("untrusted.p12");
            Files.deleteIfExists(store);
            // keytool makes the key and the self-signed certificate; the SAN names the loopback IP, so
            // only the trust can fail.
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "untrusted", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(password), "-keypass", new String(password))
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, password);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{}".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        /** Returns {@code https://127.0.0.1:port}. */
        String baseUrl() {
            return "https://127.0.0.1:" + server.getAddress().getPort();
        }

        /** Returns how many requests got through the handshake. */
        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Passes the request to the emulator and its answer back with the body changed by {@code change}. */
    static Answer rewriting(UnaryOperator<String> change) {
        return (request, client, forward) -> {
            byte[] answer = rewrite(forward.send(request), change);
            OutputStream out = client.getOutputStream();
            out.write(answer);
            out.flush();
        };
    }

    /** Returns a raw HTTP/1.1 answer with a fixed-length body changed by {@code change}. */
    static byte[] rewrite(byte[] raw, UnaryOperator<String> change) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        String head = text.substring(0, split);
        String body = new String(raw, split + 4, raw.length - split - 4, StandardCharsets.UTF_8);
        byte[] changed = change.apply(body).getBytes(StandardCharsets.UTF_8);
        StringBuilder newHead = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.regionMatches(true, 0, "content-length:", 0, 15)) {
                newHead.append(line).append("\r\n");
            }
        }
        newHead.append("Content-Length: ").append(changed.length).append("\r\n\r\n");
        byte[] h = newHead.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[h.length + changed.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(changed, 0, out, h.length, changed.length);
        return out;
    }
}
