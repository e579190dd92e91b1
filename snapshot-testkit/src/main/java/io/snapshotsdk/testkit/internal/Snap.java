package io.snapshotsdk.testkit.internal;

import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.testkit.EmulatedSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One emulated snapshot; guarded by the {@link Store}'s lock. */
final class Snap {
    final String provider;
    final String id;
    final String diskId;
    final Optional<String> name;
    final Optional<String> description;
    final Map<String, String> tags;
    final int sizeGiB;
    final boolean failing;
    final Instant createdAt;
    /** Provider facts: operation ids, client tokens, locations. */
    final Map<String, String> extra = new LinkedHashMap<>();
    int reads;

    Snap(String provider, String id, String diskId, Optional<String> name, Optional<String> description, Map<String, String> tags,
            int sizeGiB, boolean failing, Instant createdAt) {
        this.provider = provider;
        this.id = id;
        this.diskId = diskId;
        this.name = name;
        this.description = description;
        this.tags = new LinkedHashMap<>(tags);
        this.sizeGiB = sizeGiB;
        this.failing = failing;
        this.createdAt = createdAt;
    }

    SnapshotState state(int readsUntilReady) {
        if (failing && reads >= 1) {
            return SnapshotState.FAILED;
        }
        return reads >= readsUntilReady ? SnapshotState.READY : SnapshotState.CREATING;
    }

    int progress(int readsUntilReady) {
        return Math.min(100, reads * 100 / Math.max(1, readsUntilReady));
    }

    EmulatedSnapshot view(int readsUntilReady) {
        return EmulatedSnapshot.builder().providerId(provider).id(id).sourceId(diskId).name(name).state(state(readsUntilReady))
                .progressPercent(progress(readsUntilReady)).tags(tags).statusReads(reads).build();
    }
}
