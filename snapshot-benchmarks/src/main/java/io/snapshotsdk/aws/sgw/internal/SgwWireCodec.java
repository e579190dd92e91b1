package io.snapshotsdk.aws.sgw.internal;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.benchmarks.WireCodec;
import io.snapshotsdk.internal.http.Headers;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.json.Json;
import java.net.URI;
import java.util.Map;

/**
 * Storage Gateway's {@code CreateSnapshot} body from {@link SgwRules} and its answer read by
 * {@link SgwClient#created}; the client reads snapshots afterwards from EC2's XML, not JSON.
 */
public final class SgwWireCodec implements WireCodec {
    private static final String TOKEN = "6f1c2b9e-3d4a-4c5b-8e7f-0a1b2c3d4e5f";
    private final CreateSnapshotRequest request = CreateSnapshotRequest.builder()
            .sourceId("arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB")
            .name("nightly").description("nightly backup").putTags("team", "storage").build();
    private final Map<String, String> tags = SgwRules.check(request, TOKEN);
    private final Response answer = new Response(200, Headers.empty(), WireCodec.fixture("storagegateway-createsnapshot-response.json"),
            Request.builder("POST", URI.create("https://storagegateway.us-east-1.amazonaws.com/")).operation("CreateSnapshot").build());

    @Override
    public Object writeCreate() {
        return Json.write(SgwRules.createBody(request, SgwRules.check(request, TOKEN)));
    }

    @Override
    public Snapshot readSnapshot() {
        return SgwClient.created(answer, request, tags);
    }
}
