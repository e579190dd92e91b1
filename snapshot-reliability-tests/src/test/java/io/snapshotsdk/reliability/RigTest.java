package io.snapshotsdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.WaitOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rig itself: every provider's client creates, awaits and deletes through the proxy. */
class RigTest extends RigScenarios {
    @ParameterizedTest
    @EnumSource(Cloud.class)
    void everyCallPassesThroughTheProxy(Cloud cloud) {
        SnapshotClient client = rig.client(cloud);
        Snapshot created = client.createSnapshot(cloud.request(rig.diskId(cloud)).build());
        Snapshot ready = client.awaitSnapshot(created, WaitOptions.defaults());
        client.deleteSnapshot(ready.id());

        assertThat(ready.state()).isEqualTo(SnapshotState.READY);
        assertThat(rig.emulator.snapshots(cloud.id)).isEmpty();
        assertThat(rig.proxy.journal()).hasSizeGreaterThanOrEqualTo(3);
    }
}
