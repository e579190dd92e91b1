package io.snapshotsdk.azure.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Holds the current token and fetches a new one 5 minutes before it expires, or after the
 * service turned it down. Under concurrency exactly one thread fetches; the others wait for its
 * token instead of fetching their own.
 */
final class TokenCache {
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);

    private final Supplier<AccessToken> source;
    private final boolean refreshable;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile AccessToken current;

    TokenCache(Supplier<AccessToken> source, boolean refreshable, Clock clock) {
        this.source = source;
        this.refreshable = refreshable;
        this.clock = clock;
    }

    /** Returns a token that is good for at least five more minutes (a static token as it is). */
    AccessToken get() {
        AccessToken t = current;
        if (fresh(t)) {
            return t;
        }
        fetching.lock();
        try {
            t = current;
            if (!fresh(t)) {
                t = source.get();
                current = t;
            }
            return t;
        } finally {
            fetching.unlock();
        }
    }

    /** Drops {@code stale} so the next {@link #get()} fetches anew; a newer token is kept. */
    void invalidate(AccessToken stale) {
        fetching.lock();
        try {
            if (current == stale) {
                current = null;
            }
        } finally {
            fetching.unlock();
        }
    }

    /** Returns whether a new token can be fetched, that is, the token is not a static one. */
    boolean refreshable() {
        return refreshable;
    }

    private boolean fresh(AccessToken t) {
        return t != null && (!refreshable || clock.instant().plus(REFRESH_AHEAD).isBefore(t.expiresAt()));
    }
}
