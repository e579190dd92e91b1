package io.snapshotsdk.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.internal.client.Parse;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.openstack.OpenStackSnapshotClient;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Reads a Cinder {@code snapshot} object of any API version. */
final class CinderSnapshots {
    private static final long GIB = 1L << 30;

    private CinderSnapshots() {}

    static Snapshot from(JsonNode s, Optional<String> requestId) {
        String status = Json.text(s, "status").orElse("");
        Snapshot.Builder b = Snapshot.builder()
                .id(Json.text(s, "id").orElseThrow())
                .providerId(OpenStackSnapshotClient.PROVIDER_ID)
                .state(state(status))
                .providerState(Optional.of(status).filter(x -> !x.isEmpty()))
                .name(Json.text(s, "name").or(() -> Json.text(s, "display_name")).filter(x -> !x.isEmpty()))
                .description(Json.text(s, "description").or(() -> Json.text(s, "display_description")).filter(x -> !x.isEmpty()))
                .sourceId(Json.text(s, "volume_id"))
                .tags(Json.stringMap(s, "metadata"))
                .requestId(requestId);
        Json.text(s, "os-extended-snapshot-attributes:progress").flatMap(Parse::percent).ifPresent(b::progressPercent);
        Json.text(s, "created_at").flatMap(CinderSnapshots::time).ifPresent(b::createdAt);
        Json.int64(s, "size").ifPresent(g -> {
            // A negative or overflowing size is left out, like any field that does not parse.
            Parse.bytes(g, GIB).ifPresent(b::sizeBytes);
            b.putAttributes("sizeGiB", Long.toString(g));
        });
        Json.text(s, "os-extended-snapshot-attributes:project_id").ifPresent(x -> b.putAttributes("projectId", x));
        for (String[] a : new String[][] {{"user_id", "userId"}, {"updated_at", "updatedAt"}, {"group_snapshot_id", "groupSnapshotId"},
                {"consumes_quota", "consumesQuota"}}) {
            Json.text(s, a[0]).ifPresent(x -> b.putAttributes(a[1], x));
        }
        return b.build();
    }

    static SnapshotState state(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "creating" -> SnapshotState.CREATING;
            // Backing up or restoring from it: the snapshot itself is complete.
            case "available", "backing-up", "restoring" -> SnapshotState.READY;
            case "error", "error_deleting" -> SnapshotState.FAILED;
            case "deleting", "deleted", "unmanaging" -> SnapshotState.DELETING;
            default -> SnapshotState.UNKNOWN;
        };
    }

    /** Cinder writes UTC without a zone ({@code 2019-03-11T16:24:34.469003}); older samples end in {@code Z}. */
    static Optional<Instant> time(String text) {
        return Parse.instantUtcByDefault(text);
    }
}
