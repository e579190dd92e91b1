package io.snapshotsdk.azure.internal;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.benchmarks.WireCodec;
import io.snapshotsdk.internal.json.Json;
import java.util.Optional;

/** Azure's PUT body from {@link AzureRules#plan} and a GET answer read by {@link AzureSnapshots#from}. */
public final class AzureWireCodec implements WireCodec {
    private static final String DISK = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/app/providers/Microsoft.Compute/disks/data";
    private final CreateSnapshotRequest request = CreateSnapshotRequest.builder().sourceId(DISK).name("nightly")
            .putTags("team", "storage").build();
    private final ApiVersion api = new ApiVersion("2025-01-02");
    private final byte[] answer = WireCodec.fixture("get-snapshot.json");

    @Override
    public Object writeCreate() {
        return Json.write(AzureRules.plan(request, api, Optional.of("backups"), Optional.of("westus")).body());
    }

    @Override
    public Snapshot readSnapshot() {
        return AzureSnapshots.from(Json.tryReadObject(answer).orElseThrow(), "fallback", Optional.of("rid")).build();
    }
}
