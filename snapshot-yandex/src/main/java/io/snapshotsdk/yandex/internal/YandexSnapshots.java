package io.snapshotsdk.yandex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.internal.client.Parse;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.yandex.YandexSnapshotClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads a Compute {@code Snapshot} (a GET answer or an operation's response). */
final class YandexSnapshots {
    private YandexSnapshots() {}

    static Snapshot from(JsonNode n, Optional<String> requestId) {
        Optional<String> id = Json.text(n, "id").filter(x -> !x.isBlank());
        if (id.isEmpty()) {
            throw new TransportException(YandexSnapshotClient.PROVIDER_ID, "the snapshot answer has no id", null);
        }
        String status = Json.text(n, "status").orElse("STATUS_UNSPECIFIED");
        Snapshot.Builder b = Snapshot.builder()
                .id(id.get())
                .providerId(YandexSnapshotClient.PROVIDER_ID)
                .state(state(status))
                .providerState(status)
                .name(Json.text(n, "name").filter(x -> !x.isEmpty()))
                .description(Json.text(n, "description").filter(x -> !x.isEmpty()))
                .sourceId(Json.text(n, "sourceDiskId"))
                .tags(Json.stringMap(n, "labels"))
                .requestId(requestId);
        Json.text(n, "createdAt").flatMap(Parse::instant).ifPresent(b::createdAt);
        // int64 fields: strings by the proto3 JSON mapping, numbers in some samples.
        // A negative size is left out, like any field that does not parse.
        Json.int64(n, "storageSize").stream().flatMap(s -> Parse.bytes(s, 1).stream()).forEach(b::sizeBytes);
        Json.int64(n, "diskSize").ifPresent(d -> b.putAttributes("diskSize", Long.toString(d)));
        Json.text(n, "folderId").ifPresent(f -> b.putAttributes("folderId", f));
        Json.text(n.path("kmsKey"), "keyId").ifPresent(k -> b.putAttributes("kmsKeyId", k));
        Json.text(n.path("kmsKey"), "versionId").ifPresent(k -> b.putAttributes("kmsKeyVersionId", k));
        JsonNode hw = n.path("hardwareGeneration");
        if (hw.has("generation2Features")) {
            b.putAttributes("hardwareGeneration", "generation2Features");
        } else if (hw.has("legacyFeatures")) {
            b.putAttributes("hardwareGeneration", "legacyFeatures:" + Json.text(hw.path("legacyFeatures"), "pciTopology").orElse(""));
        }
        List<String> products = new ArrayList<>();
        n.path("productIds").forEach(p -> products.add(p.asText()));
        if (!products.isEmpty()) {
            b.putAttributes("productIds", String.join(",", products));
        }
        return b.build();
    }

    static SnapshotState state(String status) {
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "CREATING" -> SnapshotState.CREATING;
            case "READY" -> SnapshotState.READY;
            case "ERROR" -> SnapshotState.FAILED;
            case "DELETING" -> SnapshotState.DELETING;
            default -> SnapshotState.UNKNOWN;
        };
    }
}
