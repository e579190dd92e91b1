package io.snapshotsdk.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends response bodies still arriving at their deadline. One daemon thread looks every 50 ms
 * while bodies are being read and sleeps after a quiet minute; a body registers and leaves with
 * a set operation, so a call never wakes a thread (scheduling a timer task per call did, and
 * cost more than the rest of a loopback call).
 */
final class BodyDeadlines {
    /** A body that can be ended. */
    interface Expirable {
        /** Returns the {@link System#nanoTime()} at which the body must be complete. */
        long deadline();

        /** Ends the body with a timeout. */
        void expire();
    }

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);

    static final BodyDeadlines SHARED = new BodyDeadlines();

    private final Set<Expirable> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile Thread ticker;

    private BodyDeadlines() {}

    void add(Expirable body) {
        pending.add(body);
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

    void remove(Expirable body) {
        pending.remove(body);
    }

    private void tick() {
        long lastBusy = System.nanoTime();
        while (true) {
            if (ticking.get()) {
                LockSupport.parkNanos(TICK_NANOS);
                long now = System.nanoTime();
                if (!pending.isEmpty()) {
                    lastBusy = now;
                    for (Expirable body : pending) {
                        if (now - body.deadline() >= 0) {
                            pending.remove(body);
                            body.expire();
                        }
                    }
                } else if (now - lastBusy > IDLE_NANOS) {
                    ticking.set(false);
                    // A body added while stopping sees ticking false and sets it again.
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
