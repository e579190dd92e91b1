package io.snapshotsdk.yandex.internal;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.benchmarks.WireCodec;
import io.snapshotsdk.internal.json.Json;
import java.util.Optional;

/** Yandex's create body from {@link YandexRules#createBody} and a done operation's snapshot read by {@link YandexSnapshots#from}. */
public final class YandexWireCodec implements WireCodec {
    private final CreateSnapshotRequest request = CreateSnapshotRequest.builder().sourceId("epd89t47vnhdabcdefgh")
            .name("nightly").description("nightly backup").putTags("team", "storage").build();
    private final Optional<String> folder = Optional.of("b1gt6g8ht345abcdefgh");
    private final byte[] answer = WireCodec.fixture("operation-done-response.json");

    @Override
    public Object writeCreate() {
        return Json.write(YandexRules.createBody(request, folder));
    }

    @Override
    public Snapshot readSnapshot() {
        return YandexSnapshots.from(Json.tryReadObject(answer).orElseThrow().path("response"), Optional.of("rid"));
    }
}
