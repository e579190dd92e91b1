package io.snapshotsdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.ServiceException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.testing.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With the HTTP log at its most verbose, no credential reaches a log line or a message. */
class RedactionLogTest {
    private static final String BEARER = "eyJhbGciOiJIUzI1NiJ9.secret-bearer";
    private static final String SIGNATURE = "c2VjcmV0LXNpZ25hdHVyZQ==";
    private static final String ACCESS_KEY = "AKIDSECRETEXAMPLE";
    private static final String SESSION = "FwoGZXIvYXdzEJr-session-token";
    private static final List<String> SECRETS = List.of(BEARER, SIGNATURE, ACCESS_KEY, SESSION,
            "c2VjcmV0LXNpZ25hdHVyZQ%3D%3D");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger jul = Logger.getLogger(HttpLog.LOGGER_NAME);
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level previous;

    @BeforeEach
    void captureTheHttpLog() {
        previous = jul.getLevel();
        jul.setLevel(Level.ALL);
        jul.addHandler(handler);
    }

    @AfterEach
    void restore() {
        jul.removeHandler(handler);
        jul.setLevel(previous);
    }

    private HttpPipeline pipeline(Transport transport) {
        ManualClock clock = ManualClock.start();
        return HttpPipeline.builder("test")
                .transport(transport)
                .clock(clock)
                .sleeper(clock.sleeper())
                .authenticator(chain -> chain.proceed(chain.request().toBuilder()
                        .setHeader("Authorization", "Bearer " + BEARER)
                        .setHeader("X-Amz-Security-Token", SESSION)
                        .uri(URI.create(chain.request().uri() + "&Signature=" + Rfc3986Encoded.SIG + "&AccessKeyId=" + ACCESS_KEY))
                        .build()))
                .build();
    }

    private static Request request() {
        return Request.builder("GET", URI.create("https://ecs.example.com/?Action=DescribeSnapshots")).operation("DescribeSnapshots").build();
    }

    @Test
    void successfulCallsLogNoSecret() {
        pipeline(r -> new Response(200, Headers.builder().add("Set-Cookie", "session=" + SESSION).build(), new byte[0], r))
                .send(request());
        assertThat(lines).isNotEmpty();
        assertThat(lines).anyMatch(l -> l.contains("DescribeSnapshots") && l.contains("-> 200"));
        assertThat(lines).anyMatch(l -> l.contains("Authorization: ****"));
        assertNoSecret(lines);
    }

    @Test
    void failedCallsLogNoSecretAndTheirExceptionsNameNone() {
        TransportException e = catchThrowableOfType(TransportException.class,
                () -> pipeline(r -> { throw new IOException("reset"); }).send(request()));
        assertNoSecret(lines);
        assertNoSecret(List.of(e.getMessage()));
        for (Throwable s : e.getSuppressed()) {
            assertNoSecret(List.of(s.getMessage()));
        }

        ServiceException refused = catchThrowableOfType(ServiceException.class,
                () -> pipeline(r -> new Response(403, Headers.empty(), new byte[0], r)).send(request()));
        assertNoSecret(List.of(refused.getMessage()));
    }

    @Test
    void requestsAndHeadersPrintMasked() {
        Request r = Request.builder("GET", URI.create("https://h.example.com/?SecurityToken=" + SESSION + "&Signature=" + Rfc3986Encoded.SIG))
                .header("Authorization", "Bearer " + BEARER)
                .header("X-Auth-Token", BEARER)
                .build();
        assertNoSecret(List.of(r.toString(), r.headers().toString()));
        assertThat(r.toString()).contains("SecurityToken=****").contains("Signature=****");
        assertThat(Redactor.DEFAULT.uri(URI.create("https://user:pw@h.example.com/x"))).isEqualTo("https://h.example.com/x");
    }

    private static void assertNoSecret(List<String> texts) {
        for (String t : texts) {
            for (String secret : SECRETS) {
                assertThat(t).as("a log line or message").doesNotContain(secret);
            }
        }
    }

    private static final class Rfc3986Encoded {
        static final String SIG = io.snapshotsdk.internal.codec.Rfc3986.encode(SIGNATURE);
    }
}
