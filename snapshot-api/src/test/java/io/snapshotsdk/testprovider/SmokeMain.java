package io.snapshotsdk.testprovider;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotClients;
import java.util.Map;

/**
 * Run in a JVM of its own by the packaging test: finds the test provider by id, as a user's
 * application would, and creates one snapshot on the server at {@code args[0]}.
 */
public final class SmokeMain {
    private SmokeMain() {}

    public static void main(String[] args) {
        System.out.println("providers=" + SnapshotClients.providers());
        try (SnapshotClient client = SnapshotClients.create(TestJsonProvider.ID, Map.of(
                "endpoint", args[0], "allowInsecureHttp", "true", "token", "smoke-token"))) {
            Snapshot s = client.createSnapshot(CreateSnapshotRequest.builder().sourceId("disk-1").name("smoke").build());
            System.out.println("created=" + s.id() + " state=" + s.state()
                    + " module=" + SnapshotClients.class.getModule().getName());
        }
    }
}
