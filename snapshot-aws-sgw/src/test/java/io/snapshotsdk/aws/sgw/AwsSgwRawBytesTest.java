package io.snapshotsdk.aws.sgw;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.aws.sgw.internal.AwsSgwProvider;
import io.snapshotsdk.aws.sgw.internal.SigV4;
import io.snapshotsdk.internal.codec.Hashing;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.testing.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The EC2 request byte for byte as it leaves the client, read by a bare socket (HTTP servers
 * normalise some header values before a test can see them), and its signature checked over
 * exactly those bytes.
 */
class AwsSgwRawBytesTest {

    @Test
    void describeGoesOutExactlyAsSigned() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> captured = CompletableFuture.supplyAsync(() -> serveOnce(listener));
            ManualClock clock = ManualClock.start();
            HashMap<String, String> settings = new HashMap<>(SgwStubs.settings("http://127.0.0.1:" + listener.getLocalPort()));
            try (SnapshotClient client = new AwsSgwProvider().create(ProviderContext.builder().settings(settings)
                    .clock(clock).sleeper(clock.sleeper()).environment(n -> Optional.empty()).build())) {
                client.getSnapshot("snap-78e22663");
            }
            String raw = captured.get(10, TimeUnit.SECONDS);

            String[] parts = raw.split("\r\n\r\n", 2);
            String[] lines = parts[0].split("\r\n");
            assertThat(lines[0]).isEqualTo("POST / HTTP/1.1");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
            assertThat(header(headers, "Content-Type")).isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
            assertThat(parts[1]).isEqualTo("Action=DescribeSnapshots&Version=2016-11-15&SnapshotId.1=snap-78e22663");

            String authorization = header(headers, "Authorization");
            String signed = authorization.substring(authorization.indexOf("SignedHeaders=") + 14, authorization.indexOf(", Signature="));
            Set<String> names = new TreeSet<>(Arrays.asList(signed.split(";")));
            String amzDate = header(headers, "X-Amz-Date");
            SigV4 ec2 = new SigV4("ec2", "us-east-1", false);
            String canonical = SigV4.canonicalRequest("POST", "/", "", SigV4.canonicalHeaders(headers, names), Hashing.sha256Hex(parts[1]));
            assertThat(authorization).endsWith("Signature=" + ec2.signature(SgwStubs.SECRET, amzDate, ec2.scope(amzDate.substring(0, 8)), canonical));
        }
    }

    private static String header(List<String[]> headers, String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).findFirst().orElseThrow()[1];
    }

    private static String serveOnce(ServerSocket listener) {
        try (Socket s = listener.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int contentLength = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                buf.write(b);
                String text = buf.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    if (contentLength < 0) {
                        String lower = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
                        int at = lower.indexOf("content-length:");
                        contentLength = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
                    }
                    if (buf.size() >= end + 4 + contentLength) {
                        break;
                    }
                }
            }
            byte[] body = SgwStubs.describe("snap-78e22663", "completed", "100%").getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return buf.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
