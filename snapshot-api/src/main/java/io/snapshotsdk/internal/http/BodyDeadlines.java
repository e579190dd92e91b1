package io.snapshotsdk.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends calls still running at their deadline. One daemon thread looks every 50 ms while calls
 * are in flight and sleeps after a quiet minute; a call registers and leaves with a set
 * operation, so a call never wakes a thread (scheduling a timer task per call did, and cost more
 * than the rest of a loopback call).
 */
final class BodyDeadlines {
    /** A call that can be ended. */
    interface Expirable {
        /** Returns the {@link System#nanoTime()} at which the call must be over. */
        long deadline();

        /** Ends the call with a timeout; it may add itself again with a later deadline. */
        void expire();
    }

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);

    static final BodyDeadlines SHARED = new BodyDeadlines();

    private final Set<Expirable> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile Thread ticker;

    private BodyDeadlines() {}

    void add(Expirable call) {
        pending.add(call);
        if (!ticking.get() && ticking.compareAndSet(false, true)) {
            Thread t = ticker;
            if (t == null) {
                t = new Thread(this::tick, "snapshot-sdk-body-deadlines");
                t.setDaemon(true);
                ticker = t;
                t.start();
            } else {
                LockSupport.unpark(t);
            }
        }
    }

    void remove(Expirable call) {
        pending.remove(call);
    }

    private static void expire(Expirable call) {
        try {
            call.expire();
        } catch (RuntimeException e) {
            // What ending one call set off must not stop the deadlines of all the others.
        }
    }

    private void tick() {
        long lastBusy = System.nanoTime();
        while (true) {
            if (ticking.get()) {
                LockSupport.parkNanos(TICK_NANOS);
                long now = System.nanoTime();
                if (!pending.isEmpty()) {
                    lastBusy = now;
                    for (Expirable call : pending) {
                        if (now - call.deadline() >= 0) {
                            pending.remove(call);
                            expire(call);
                        }
                    }
                } else if (now - lastBusy > IDLE_NANOS) {
                    ticking.set(false);
                    // A call added while stopping sees ticking false and sets it again.
                    if (!pending.isEmpty() && ticking.compareAndSet(false, true)) {
                        continue;
                    }
                }
            } else {
                LockSupport.park(this);
                lastBusy = System.nanoTime();
            }
        }
    }
}
