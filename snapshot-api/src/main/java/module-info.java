/**
 * snapshot-sdk's provider-neutral API ({@code io.snapshotsdk}), the provider SPI
 * ({@code io.snapshotsdk.spi}) and the shared HTTP core, whose {@code internal} packages only
 * the provider modules may read.
 */
module io.snapshotsdk {
    requires transitive java.net.http;
    requires com.fasterxml.jackson.databind;
    requires java.xml;
    requires static org.immutables.value.annotations;

    exports io.snapshotsdk;
    exports io.snapshotsdk.spi;

    exports io.snapshotsdk.internal.client to
            io.snapshotsdk.azure, io.snapshotsdk.yandex, io.snapshotsdk.aws.sgw,
            io.snapshotsdk.aliyun, io.snapshotsdk.openstack, io.snapshotsdk.testkit;
    exports io.snapshotsdk.internal.codec to
            io.snapshotsdk.azure, io.snapshotsdk.yandex, io.snapshotsdk.aws.sgw,
            io.snapshotsdk.aliyun, io.snapshotsdk.openstack, io.snapshotsdk.testkit;
    exports io.snapshotsdk.internal.http to
            io.snapshotsdk.azure, io.snapshotsdk.yandex, io.snapshotsdk.aws.sgw,
            io.snapshotsdk.aliyun, io.snapshotsdk.openstack, io.snapshotsdk.testkit;
    exports io.snapshotsdk.internal.json to
            io.snapshotsdk.azure, io.snapshotsdk.yandex, io.snapshotsdk.aws.sgw,
            io.snapshotsdk.aliyun, io.snapshotsdk.openstack, io.snapshotsdk.testkit;
    exports io.snapshotsdk.internal.poll to
            io.snapshotsdk.azure, io.snapshotsdk.yandex, io.snapshotsdk.aws.sgw,
            io.snapshotsdk.aliyun, io.snapshotsdk.openstack, io.snapshotsdk.testkit;
    exports io.snapshotsdk.internal.settings to
            io.snapshotsdk.azure, io.snapshotsdk.yandex, io.snapshotsdk.aws.sgw,
            io.snapshotsdk.aliyun, io.snapshotsdk.openstack, io.snapshotsdk.testkit;
    exports io.snapshotsdk.internal.xml to
            io.snapshotsdk.azure, io.snapshotsdk.yandex, io.snapshotsdk.aws.sgw,
            io.snapshotsdk.aliyun, io.snapshotsdk.openstack, io.snapshotsdk.testkit;

    uses io.snapshotsdk.spi.SnapshotProvider;
}
