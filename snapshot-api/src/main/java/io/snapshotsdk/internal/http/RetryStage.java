package io.snapshotsdk.internal.http;

import io.snapshotsdk.ServiceException;
import io.snapshotsdk.SnapshotException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.spi.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Sends a call up to {@link RetryPolicy#maxAttempts()} times. A refusal is retried when the
 * provider marks it retryable and the request is {@linkplain Request#retrySafe() safe to
 * repeat}; a failure before the request left (connection refused) is retried for any request.
 * The final exception carries every earlier attempt's failure as a suppressed exception.
 */
final class RetryStage {
    private final String providerId;
    private final RetryPolicy policy;
    private final ErrorMapper errors;
    private final Clock clock;
    private final Sleeper sleeper;

    RetryStage(String providerId, RetryPolicy policy, ErrorMapper errors, Clock clock, Sleeper sleeper) {
        this.providerId = providerId;
        this.policy = policy;
        this.errors = errors;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Sends through {@code attempt}, which runs the stages below retry once per call. */
    Response send(Request request, Attempt attempt) {
        List<SnapshotException> earlier = new ArrayList<>();
        Instant start = clock.instant();
        for (int n = 1; ; n++) {
            SnapshotException failure;
            boolean retry;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                Response response = attempt.send(request, n);
                if (errors.isSuccess(response)) {
                    return response;
                }
                ServiceException refused = errors.map(response);
                failure = refused;
                retry = refused.isRetryable() && request.retrySafe();
                retryAfter = refused.retryAfter();
            } catch (ServiceException refused) {
                // Raised by a stage below, such as a token fetch that was itself refused.
                failure = refused;
                retry = refused.isRetryable() && request.retrySafe();
                retryAfter = refused.retryAfter();
            } catch (IOException e) {
                failure = transportFailure(request, e, n);
                retry = !isPermanent(e) && (notSent(e) || request.retrySafe());
            }
            Optional<Duration> delay = retry && n < policy.maxAttempts()
                    ? policy.delayAfter(n, retryAfter) : Optional.empty();
            if (delay.isPresent()
                    && Duration.between(start, clock.instant()).plus(delay.get()).compareTo(policy.maxElapsed()) > 0) {
                delay = Optional.empty();
            }
            if (delay.isEmpty()) {
                earlier.forEach(failure::addSuppressed);
                throw failure;
            }
            earlier.add(failure);
            try {
                sleeper.sleep(delay.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                earlier.remove(earlier.size() - 1);
                earlier.forEach(failure::addSuppressed);
                throw failure;
            }
        }
    }

    private TransportException transportFailure(Request request, IOException e, int attempt) {
        String what;
        if (e instanceof HttpConnectTimeoutException) {
            what = "connect timed out";
        } else if (e instanceof HttpTimeoutException) {
            what = "timed out";
        } else if (e instanceof ConnectException) {
            what = "connection refused";
        } else if (e instanceof BodyTooLargeException) {
            what = e.getMessage();
        } else {
            what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new TransportException(providerId, request.operation() + " " + request.method() + " "
                + Redactor.DEFAULT.uri(request.uri()) + ": " + what
                + " (attempt " + attempt + " of " + policy.maxAttempts() + ")", e);
    }

    private static boolean notSent(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    }

    private static boolean isPermanent(IOException e) {
        return e instanceof BodyTooLargeException
                || e instanceof SSLException
                || (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted());
    }

    /** The stages below retry, run once per attempt. */
    @FunctionalInterface
    interface Attempt {
        Response send(Request request, int attempt) throws IOException;
    }
}
