package io.snapshotsdk.testkit.internal;

import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.testkit.EmulatedSnapshot;
import io.snapshotsdk.testkit.Fault;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything the emulator remembers: disks, snapshots, issued tokens, used nonces, faults to play. */
public final class Store {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Map<String, Map<String, Integer>> disks = new HashMap<>();
    private final Map<String, Map<String, Snap>> snapshots = new HashMap<>();
    // Lower-cased id to id, per provider, for clouds whose ids are case-insensitive (ARM).
    private final Map<String, Map<String, String>> idsIgnoringCase = new HashMap<>();
    private final Map<String, Deque<Fault>> faults = new HashMap<>();
    private final Map<String, Integer> failingCreates = new HashMap<>();
    private final Set<String> tokens = new HashSet<>();
    private final Set<String> nonces = new HashSet<>();
    private final Map<String, String> idempotency = new HashMap<>();
    private int readsUntilReady = 2;

    /** Returns {@code n} random lower-case hex digits. */
    static String hex(int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = HEX[RANDOM.nextInt(16)];
        }
        return new String(out);
    }

    public synchronized void addDisk(String provider, String diskId, int sizeGiB) {
        disks.computeIfAbsent(provider, k -> new HashMap<>()).put(diskId, sizeGiB);
    }

    synchronized Optional<Integer> disk(String provider, String diskId) {
        return Optional.ofNullable(disks.getOrDefault(provider, Map.of()).get(diskId));
    }

    public synchronized void readsUntilReady(int reads) {
        if (reads < 0) {
            throw new IllegalArgumentException("reads must not be negative");
        }
        readsUntilReady = reads;
    }

    synchronized int readsUntilReady() {
        return readsUntilReady;
    }

    /** Creates a snapshot; the next injected snapshot failure makes it a failing one. */
    synchronized Snap create(String provider, String id, String diskId, Optional<String> name, Optional<String> description,
            Map<String, String> tags) {
        int failing = failingCreates.getOrDefault(provider, 0);
        if (failing > 0) {
            failingCreates.put(provider, failing - 1);
        }
        Snap s = new Snap(provider, id, diskId, name, description, tags, disk(provider, diskId).orElse(0), failing > 0, Instant.now());
        snapshots.computeIfAbsent(provider, k -> new LinkedHashMap<>()).put(id, s);
        idsIgnoringCase.computeIfAbsent(provider, k -> new HashMap<>()).put(id.toLowerCase(Locale.ROOT), id);
        return s;
    }

    synchronized Optional<Snap> find(String provider, String id) {
        return Optional.ofNullable(snapshots.getOrDefault(provider, Map.of()).get(id));
    }

    /** Finds a snapshot by its id in any letter case. */
    synchronized Optional<Snap> findIgnoringCase(String provider, String id) {
        return Optional.ofNullable(idsIgnoringCase.getOrDefault(provider, Map.of()).get(id.toLowerCase(Locale.ROOT)))
                .flatMap(exact -> find(provider, exact));
    }

    /** Reads a snapshot's status, which moves it along. */
    synchronized Optional<Snap> read(String provider, String id) {
        Optional<Snap> s = find(provider, id);
        s.ifPresent(x -> x.reads++);
        return s;
    }

    synchronized List<Snap> all(String provider) {
        return new ArrayList<>(snapshots.getOrDefault(provider, Map.of()).values());
    }

    synchronized boolean remove(String provider, String id) {
        idsIgnoringCase.getOrDefault(provider, new HashMap<>()).remove(id.toLowerCase(Locale.ROOT));
        return snapshots.getOrDefault(provider, new HashMap<>()).remove(id) != null;
    }

    /** Returns whether a snapshot of {@code diskId} is still being made. */
    synchronized boolean creatingOn(String provider, String diskId) {
        return all(provider).stream().anyMatch(s -> s.diskId.equals(diskId) && s.state(readsUntilReady) == SnapshotState.CREATING);
    }

    public synchronized List<EmulatedSnapshot> view(String provider) {
        return all(provider).stream().map(s -> s.view(readsUntilReady)).toList();
    }

    synchronized String issueToken(String prefix) {
        String t = prefix + hex(32);
        tokens.add(t);
        return t;
    }

    synchronized boolean issued(String token) {
        return tokens.contains(token);
    }

    /** Returns false when the nonce was used before (and remembers it). */
    synchronized boolean freshNonce(String provider, String nonce) {
        return nonces.add(provider + "|" + nonce);
    }

    /** Returns the snapshot id first created under {@code key}, remembering {@code id} when new. */
    synchronized Optional<String> idempotent(String provider, String key, String id) {
        String existing = idempotency.putIfAbsent(provider + "|" + key, id);
        return Optional.ofNullable(existing);
    }

    public synchronized void inject(String provider, List<Fault> list) {
        for (Fault f : list) {
            if (f.kind() == Fault.Kind.FAIL_SNAPSHOT) {
                failingCreates.merge(provider, f.times(), Integer::sum);
            } else {
                faults.computeIfAbsent(provider, k -> new ArrayDeque<>()).add(f);
            }
        }
    }

    /** Takes the fault for the next call, if any. */
    synchronized Optional<Fault> nextFault(String provider) {
        Deque<Fault> q = faults.get(provider);
        if (q == null || q.isEmpty()) {
            return Optional.empty();
        }
        Fault head = q.poll();
        if (head.times() > 1) {
            q.push(head.times(head.times() - 1));
        }
        return Optional.of(head);
    }

    public synchronized void reset() {
        disks.clear();
        snapshots.clear();
        idsIgnoringCase.clear();
        faults.clear();
        failingCreates.clear();
        tokens.clear();
        nonces.clear();
        idempotency.clear();
        readsUntilReady = 2;
    }
}
