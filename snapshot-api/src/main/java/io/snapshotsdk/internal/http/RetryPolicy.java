package io.snapshotsdk.internal.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When and how long to wait before sending a call again, as data.
 *
 * <p>Backoff is exponential with full jitter: before attempt {@code n + 1} the pipeline waits a
 * random time in {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}. A {@code Retry-After} the
 * provider sent replaces that draw; one longer than {@code maxRetryAfter} ends the retries at
 * once, since a call should not block that long. No attempt starts after {@code maxElapsed}.
 *
 * @param maxAttempts attempts per call, the first included (default 3)
 * @param baseDelay the first backoff ceiling (default 200 ms)
 * @param maxDelay the largest backoff ceiling (default 20 s)
 * @param maxRetryAfter the longest server-requested pause that is honoured (default 60 s)
 * @param maxElapsed the time after the first attempt when no new attempt starts (default 5 min)
 * @param random draws the jitter, uniformly in {@code [0, 1)}
 */
public record RetryPolicy(
        int maxAttempts,
        Duration baseDelay,
        Duration maxDelay,
        Duration maxRetryAfter,
        Duration maxElapsed,
        DoubleSupplier random) {

    /** Checks the bounds. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        Objects.requireNonNull(random, "random");
    }

    /** Returns the default policy with {@code maxAttempts} attempts. */
    public static RetryPolicy defaults(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ofMillis(200), Duration.ofSeconds(20),
                Duration.ofSeconds(60), Duration.ofMinutes(5), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Returns this policy drawing jitter from {@code random}. */
    public RetryPolicy withRandom(DoubleSupplier random) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, maxRetryAfter, maxElapsed, random);
    }

    /**
     * Returns the pause before the attempt after {@code attempt}, or empty when the provider
     * asked for more than {@link #maxRetryAfter()}.
     */
    public Optional<Duration> delayAfter(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(maxRetryAfter) > 0 ? Optional.empty() : Optional.of(asked);
        }
        long ceiling = baseDelay.toNanos();
        for (int i = 1; i < attempt && ceiling < maxDelay.toNanos(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxDelay.toNanos());
        return Optional.of(Duration.ofNanos((long) (random.getAsDouble() * ceiling)));
    }
}
