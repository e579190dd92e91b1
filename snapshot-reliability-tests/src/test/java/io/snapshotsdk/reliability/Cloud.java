package io.snapshotsdk.reliability;

import io.snapshotsdk.CreateSnapshotRequest;
import java.util.Map;

/** The five providers the suite runs against, each with a disk its emulator holds. */
enum Cloud {
    AZURE("azure"),
    YANDEX("yandex"),
    AWS_SGW("aws-sgw"),
    ALIYUN("aliyun"),
    OPENSTACK("openstack");

    final String id;

    Cloud(String id) {
        this.id = id;
    }

    /** Returns a disk id the client accepts; {@link Rig} adds it to the emulator. */
    String diskId(Map<String, String> emulatorSettings) {
        return switch (this) {
            case AZURE -> "/subscriptions/" + emulatorSettings.get("subscriptionId") + "/resourceGroups/"
                    + emulatorSettings.get("resourceGroup") + "/providers/Microsoft.Compute/disks/data-disk-1";
            case YANDEX -> "epd89t47vnhdabcdefgh";
            case AWS_SGW -> "arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB";
            case ALIYUN -> "d-bp1s5fnvk4gn2tws0abcd";
            case OPENSTACK -> "5aa119a8-d25b-45a7-8d1b-88e127885635";
        };
    }

    /** Returns a create request this provider accepts, for {@code sourceId}; Azure has no description. */
    CreateSnapshotRequest.Builder request(String sourceId) {
        CreateSnapshotRequest.Builder b = CreateSnapshotRequest.builder().sourceId(sourceId).name("nightly-backup-1")
                .putTags("team", "storage");
        return this == AZURE ? b : b.description("before the upgrade");
    }

    @Override
    public String toString() {
        return id;
    }
}
