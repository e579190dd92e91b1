package io.snapshotsdk.internal.http;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Logs each attempt to the {@code System.Logger} named {@value #LOGGER_NAME}: method, redacted
 * URL, status and time at {@code DEBUG}; headers, redacted, at {@code TRACE}. Bodies are never
 * logged, since some carry passwords. Runs after signing, so what it masks is what was sent.
 */
final class HttpLog {
    /** The logger's name. */
    static final String LOGGER_NAME = "io.snapshotsdk.http";

    private static final Logger LOG = System.getLogger(LOGGER_NAME);

    private final String providerId;
    private final Redactor redactor;
    private final Clock clock;

    HttpLog(String providerId, Redactor redactor, Clock clock) {
        this.providerId = providerId;
        this.redactor = redactor;
        this.clock = clock;
    }

    Response exchange(Request request, int attempt, Transport transport) throws IOException {
        if (!LOG.isLoggable(Level.DEBUG)) {
            return transport.execute(request);
        }
        Instant start = clock.instant();
        String line = providerId + " " + request.operation() + " " + request.method() + " "
                + redactor.uri(request.uri()) + " attempt " + attempt;
        if (LOG.isLoggable(Level.TRACE)) {
            LOG.log(Level.TRACE, line + " request headers " + redactor.headers(request.headers()));
        }
        try {
            Response response = transport.execute(request);
            long ms = Duration.between(start, clock.instant()).toMillis();
            LOG.log(Level.DEBUG, line + " -> " + response.status() + " in " + ms + " ms, "
                    + response.body().length + " bytes");
            if (LOG.isLoggable(Level.TRACE)) {
                LOG.log(Level.TRACE, line + " response headers " + redactor.headers(response.headers()));
            }
            return response;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, line + " -> " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            throw e;
        }
    }
}
