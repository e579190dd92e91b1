/**
 * Alibaba Cloud ECS disk snapshots for snapshot-sdk: create, describe and delete through the ECS
 * RPC API, signed with ACS3-HMAC-SHA256 (or the HMAC-SHA1 signed query). Provider id
 * {@code aliyun}.
 */
module io.snapshotsdk.aliyun {
    requires io.snapshotsdk;
    requires com.fasterxml.jackson.databind;
    requires java.xml;
    requires static org.immutables.value.annotations;

    exports io.snapshotsdk.aliyun;

    // The emulator of snapshot-testkit verifies signatures with the same canonical forms.
    exports io.snapshotsdk.aliyun.internal to io.snapshotsdk.testkit;

    provides io.snapshotsdk.spi.SnapshotProvider with io.snapshotsdk.aliyun.internal.AliyunProvider;
}
