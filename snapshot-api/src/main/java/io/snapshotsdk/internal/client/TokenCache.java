package io.snapshotsdk.internal.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Holds a provider's current token and fetches a new one a margin before it expires, or after
 * the service turned it down. Under concurrency exactly one thread fetches; the others wait for
 * its token instead of fetching their own.
 *
 * @param <T> the token type (a bearer token, or a Keystone token with its catalog)
 */
public final class TokenCache<T> {
    private final Supplier<T> source;
    private final Function<T, Instant> expiry;
    private final Duration refreshAhead;
    private final boolean refreshable;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile T current;

    /**
     * Creates a cache.
     *
     * @param source fetches a new token
     * @param expiry when a token stops being accepted
     * @param refreshAhead how long before that a new one is fetched
     * @param refreshable whether {@code source} can give a new token (a static token cannot)
     */
    public TokenCache(Supplier<T> source, Function<T, Instant> expiry, Duration refreshAhead, boolean refreshable, Clock clock) {
        this.source = source;
        this.expiry = expiry;
        this.refreshAhead = refreshAhead;
        this.refreshable = refreshable;
        this.clock = clock;
    }

    /** Returns a token that is good for at least the margin (a static token as it is). */
    public T get() {
        T t = current;
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
    public void invalidate(T stale) {
        fetching.lock();
        try {
            if (current == stale) {
                current = null;
            }
        } finally {
            fetching.unlock();
        }
    }

    /** Returns whether a new token can be fetched. */
    public boolean refreshable() {
        return refreshable;
    }

    private boolean fresh(T t) {
        return t != null && (!refreshable || clock.instant().plus(refreshAhead).isBefore(expiry.apply(t)));
    }
}
