package io.snapshotsdk.reliability;

import io.snapshotsdk.reliability.FaultProxy.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

/** The answers {@link FaultProxy} can play: the emulator's own, or a fault down to the socket. */
final class Answers {
    private Answers() {}

    /** Passes the request to the emulator and its answer back, byte for byte. */
    static final Answer PASS = (request, client, forward) -> {
        OutputStream out = client.getOutputStream();
        out.write(forward.send(request));
        out.flush();
    };

    /** Closes the connection with a TCP reset, without answering. */
    static Answer reset() {
        return (request, client, forward) -> {
            client.setSoLinger(true, 0);
            client.close();
        };
    }

    /** Closes the connection cleanly without answering. */
    static Answer empty() {
        return (request, client, forward) -> client.close();
    }

    /** Passes the request to the emulator, then resets the connection instead of answering. */
    static Answer resetAfterForward() {
        return (request, client, forward) -> {
            forward.send(request);
            client.setSoLinger(true, 0);
            client.close();
        };
    }

    /** Answers with a chunked body whose chunk size is not hexadecimal. */
    static Answer malformedChunk() {
        return raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n{\"a\":1}\r\n0\r\n\r\n", true);
    }

    /** Writes {@code n} seeded random bytes and closes. */
    static Answer randomBytesThenClose(long seed, int n) {
        return (request, client, forward) -> {
            byte[] junk = new byte[n];
            new Random(seed).nextBytes(junk);
            client.getOutputStream().write(junk);
            client.getOutputStream().flush();
            client.close();
        };
    }

    /** Reads the request and stays silent until the client gives up or {@code cap} passes. */
    static Answer silence(Duration cap) {
        return (request, client, forward) -> {
            client.setSoTimeout((int) cap.toMillis());
            try {
                while (client.getInputStream().read() != -1) {
                    // wait for the client to close
                }
            } catch (IOException e) {
                // the cap passed or the client reset
            }
            client.close();
        };
    }

    /** Sends headers for a 200 with a body of 10,000 bytes, then one byte every {@code every}. */
    static Answer dribble(Duration every) {
        return (request, client, forward) -> {
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 9_999; i++) {
                sleep(every);
                out.write(' ');
                out.flush();
            }
        };
    }

    /** Answers {@code status} with {@code body} and extra {@code headers} (name, value, ...). */
    static Answer status(int status, String contentType, String body, String... headers) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Status\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        head.append("Content-Length: ").append(b.length).append("\r\n\r\n");
        return raw(head + body, false);
    }

    /** Answers 200 with a JSON body of {@code bytes} bytes. */
    static Answer oversize(int bytes) {
        return status(200, "application/json", "{\"pad\":\"" + "x".repeat(bytes) + "\"}");
    }

    /** Answers with a 502 HTML page, as a proxy in front of the cloud would. */
    static Answer htmlProxyPage() {
        return status(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><center>"
                + "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
    }

    /** Answers 200 with JSON cut off in the middle. */
    static Answer truncatedJson() {
        return status(200, "application/json", "{\"id\":\"snap-1\",\"status\":\"");
    }

    private static Answer raw(String response, boolean close) {
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        return (request, client, forward) -> {
            client.getOutputStream().write(bytes);
            client.getOutputStream().flush();
            if (close) {
                client.close();
            }
        };
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
