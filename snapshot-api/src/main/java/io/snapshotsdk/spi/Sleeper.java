package io.snapshotsdk.spi;

import java.time.Duration;

/**
 * Pauses the calling thread; injected so that retry and polling tests run instantly and exactly.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Pauses for {@code duration}.
     *
     * @param duration how long to pause; zero returns at once
     * @throws InterruptedException if the thread is interrupted while pausing
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Returns the sleeper that uses {@link Thread#sleep(long, int)}.
     *
     * @return the system sleeper
     */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        };
    }
}
