package io.snapshotsdk.cli;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotClients;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.testkit.SnapshotEmulator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows the SDK end to end without a cloud account: for each provider, the real client creates a
 * snapshot on the built-in emulator, waits for it with progress, and deletes it.
 */
final class Demo {
    /** How many status reads a snapshot takes to become ready; enough to watch it progress. */
    private static final int READS_UNTIL_READY = 5;
    private static final Duration POLL = Duration.ofMillis(200);

    private final Output output;
    private final PrintStream err;
    private final boolean terminal;

    Demo(Output output, PrintStream err, boolean terminal) {
        this.output = output;
        this.err = err;
        this.terminal = terminal;
    }

    void run() {
        List<String[]> rows = new ArrayList<>();
        try (SnapshotEmulator emulator = SnapshotEmulator.start()) {
            emulator.readsUntilReady(READS_UNTIL_READY);
            err.println("emulator of " + emulator.providers() + " at " + emulator.baseUri());
            for (Map.Entry<String, String> disk : disks(emulator).entrySet()) {
                String provider = disk.getKey();
                emulator.addDisk(provider, disk.getValue(), 10);
                long start = System.nanoTime();
                try (SnapshotClient client = SnapshotClients.create(provider, emulator.settings(provider))) {
                    err.println(provider + ": snapshot of " + disk.getValue());
                    Snapshot created = client.createSnapshot(request(provider, disk.getValue()));
                    Progress progress = new Progress(err, terminal);
                    Snapshot ready;
                    try {
                        ready = client.awaitSnapshot(created, WaitOptions.builder().pollInterval(POLL).maxPollInterval(POLL)
                                .timeout(Duration.ofMinutes(1)).onProgress(progress).build());
                    } finally {
                        progress.finish();
                    }
                    client.deleteSnapshot(ready.id());
                    if (!emulator.snapshots(provider).isEmpty()) {
                        throw new IllegalStateException(provider + " still holds snapshot " + ready.id() + " after the delete");
                    }
                    if (output.format() == Output.Format.JSON) {
                        output.snapshot(ready);
                    }
                    rows.add(new String[] {provider, ready.id(), ready.state().name(),
                        Progress.elapsed(Duration.ofNanos(System.nanoTime() - start)), "deleted"});
                }
            }
        }
        if (output.format() == Output.Format.TEXT) {
            table(rows);
        }
    }

    private static CreateSnapshotRequest request(String provider, String diskId) {
        CreateSnapshotRequest.Builder r = CreateSnapshotRequest.builder().sourceId(diskId).name("demo-" + provider)
                .putTags("purpose", "demo");
        if (!provider.equals("azure")) { // Azure snapshots have no description field.
            r.description("snapshot-sdk demo");
        }
        return r.build();
    }

    /** Returns one disk per provider, in each cloud's own id format. */
    static Map<String, String> disks(SnapshotEmulator emulator) {
        Map<String, String> azure = emulator.settings("azure");
        Map<String, String> aws = emulator.settings("aws-sgw");
        Map<String, String> disks = new LinkedHashMap<>();
        disks.put("azure", "/subscriptions/" + azure.get("subscriptionId") + "/resourceGroups/" + azure.get("resourceGroup")
                + "/providers/Microsoft.Compute/disks/demo-data");
        disks.put("yandex", "epd89t47vnhdemo0disk");
        disks.put("aws-sgw", "arn:aws:storagegateway:" + aws.get("region")
                + ":111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB");
        disks.put("aliyun", "d-bp1s5fnvk4gn2tws0demo");
        disks.put("openstack", "5aa119a8-d25b-45a7-8d1b-88e127885635");
        return disks;
    }

    private void table(List<String[]> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"PROVIDER", "SNAPSHOT ID", "STATE", "TIME", "THEN"});
        all.addAll(rows);
        int[] width = new int[all.get(0).length];
        for (String[] row : all) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", row[i]));
            }
            output.out().println(line.toString().stripTrailing());
        }
    }
}
