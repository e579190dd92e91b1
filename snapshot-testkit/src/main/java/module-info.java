/**
 * An in-process emulator of the snapshot APIs of Azure, Yandex Cloud, AWS Storage Gateway,
 * Alibaba Cloud ECS and OpenStack, speaking each cloud's wire protocol so the real clients run
 * against it unchanged.
 */
module io.snapshotsdk.testkit {
    requires io.snapshotsdk;
    requires io.snapshotsdk.aws.sgw;
    requires io.snapshotsdk.aliyun;
    requires io.snapshotsdk.azure;
    requires io.snapshotsdk.yandex;
    requires io.snapshotsdk.openstack;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires java.xml;
    requires static org.immutables.value.annotations;
    requires static org.junit.jupiter.api;

    exports io.snapshotsdk.testkit;
}
