package io.snapshotsdk.openstack.internal;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.benchmarks.WireCodec;
import io.snapshotsdk.internal.json.Json;
import java.util.Optional;

/** Cinder v3's create body from {@link CinderRules#createBody} and its answer read by {@link CinderSnapshots#from}. */
public final class OpenStackWireCodec implements WireCodec {
    private static final String TOKEN = "6f1c2b9e-3d4a-4c5b-8e7f-0a1b2c3d4e5f";
    private final CreateSnapshotRequest request = CreateSnapshotRequest.builder().sourceId("5aa119a8-d25b-45a7-8d1b-88e127885635")
            .name("nightly").description("nightly backup").putTags("team", "storage").build();
    private final byte[] answer = WireCodec.fixture("v3-create-response.json");

    @Override
    public Object writeCreate() {
        return Json.write(CinderRules.createBody(request, CinderRules.check(request, TOKEN), 3, "3.0", TOKEN));
    }

    @Override
    public Snapshot readSnapshot() {
        return CinderSnapshots.from(Json.tryReadObject(answer).orElseThrow().path("snapshot"), Optional.of("rid"));
    }
}
