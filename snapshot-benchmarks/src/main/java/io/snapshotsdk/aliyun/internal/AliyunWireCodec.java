package io.snapshotsdk.aliyun.internal;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.benchmarks.WireCodec;
import io.snapshotsdk.internal.json.Json;
import java.util.Optional;

/**
 * Alibaba's {@code CreateSnapshot} parameters from {@link AliyunRules#createParameters} (an RPC
 * call: no JSON body) and a {@code DescribeSnapshots} answer read by {@link AliyunClient#snapshot}.
 */
public final class AliyunWireCodec implements WireCodec {
    private final CreateSnapshotRequest request = CreateSnapshotRequest.builder().sourceId("d-bp1s5fnvk4gn2tws0abcd")
            .name("nightly").description("nightly backup").putTags("team", "storage").build();
    private final byte[] answer = WireCodec.fixture("ecs-describesnapshots-response.json");

    @Override
    public Object writeCreate() {
        return AliyunRules.createParameters(request, "6f1c2b9e-3d4a-4c5b-8e7f-0a1b2c3d4e5f");
    }

    @Override
    public Snapshot readSnapshot() {
        return AliyunClient.snapshot(Json.tryReadObject(answer).orElseThrow().path("Snapshots").path("Snapshot").get(0),
                Optional.of("rid"));
    }
}
