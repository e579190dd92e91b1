package io.snapshotsdk.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.azure.AzureSnapshotClient;
import io.snapshotsdk.internal.client.Parse;
import io.snapshotsdk.internal.json.Json;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads a {@code Microsoft.Compute/snapshots} resource, of any api-version, into a {@link Snapshot}. */
final class AzureSnapshots {
    private static final long GIB = 1L << 30;

    private AzureSnapshots() {}

    static Snapshot.Builder from(JsonNode n, String fallbackId, Optional<String> requestId) {
        JsonNode p = n.path("properties");
        String provisioning = Json.text(p, "provisioningState").orElse("Succeeded");
        Optional<Integer> percent = Json.text(p, "completionPercent").flatMap(Parse::percent);
        boolean copyFailed = p.path("copyCompletionError").isObject();
        SnapshotState state = copyFailed ? SnapshotState.FAILED : state(provisioning);
        // A background copy (CopyStart) is provisioned before its data has arrived.
        if (state == SnapshotState.READY && percent.filter(x -> x < 100).isPresent()) {
            state = SnapshotState.CREATING;
        }
        JsonNode creation = p.path("creationData");
        Snapshot.Builder b = Snapshot.builder()
                .id(Json.text(n, "id").filter(x -> !x.isBlank()).orElse(fallbackId))
                .providerId(AzureSnapshotClient.PROVIDER_ID)
                .state(state)
                .providerState(copyFailed ? "copyCompletionError" : provisioning)
                .name(Json.text(n, "name"))
                .sourceId(Json.text(creation, "sourceResourceId").or(() -> Json.text(creation, "sourceUri")))
                .tags(Json.stringMap(n, "tags"))
                .requestId(requestId);
        percent.ifPresent(b::progressPercent);
        Json.text(p, "timeCreated").flatMap(Parse::instant).ifPresent(b::createdAt);
        // A negative or overflowing size is left out, like any field that does not parse.
        OptionalLong bytes = Json.int64(p, "diskSizeBytes");
        OptionalLong size = bytes.isPresent() ? Parse.bytes(bytes.getAsLong(), 1)
                : Json.int64(p, "diskSizeGB").isPresent() ? Parse.bytes(Json.int64(p, "diskSizeGB").getAsLong(), GIB) : OptionalLong.empty();
        size.ifPresent(b::sizeBytes);
        // The storage type sits in sku.name, in properties.accountType (2016-04-30-preview), or at the top as the seed shows.
        Json.text(n.path("sku"), "name").or(() -> Json.text(p, "accountType")).or(() -> Json.text(n, "accountType"))
                .ifPresent(t -> b.putAttributes("storageType", t));
        Json.text(n, "location").ifPresent(x -> b.putAttributes("location", x));
        Json.text(creation, "createOption").ifPresent(x -> b.putAttributes("createOption", x));
        for (String key : new String[] {"diskSizeGB", "diskState", "incremental", "osType", "networkAccessPolicy", "uniqueId"}) {
            Json.text(p, key).ifPresent(x -> b.putAttributes(key, x));
        }
        Json.text(p.path("copyCompletionError"), "errorCode").ifPresent(x -> b.putAttributes("copyCompletionError", x));
        return b;
    }

    static SnapshotState state(String provisioningState) {
        return switch (provisioningState.toLowerCase(Locale.ROOT)) {
            case "succeeded" -> SnapshotState.READY;
            case "failed", "canceled", "cancelled" -> SnapshotState.FAILED;
            case "deleting" -> SnapshotState.DELETING;
            default -> SnapshotState.CREATING;
        };
    }
}
