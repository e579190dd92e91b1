/**
 * Yandex Cloud Compute disk snapshots for snapshot-sdk: the REST API with its operations, IAM
 * tokens and idempotency keys. Provider id {@code yandex}.
 */
module io.snapshotsdk.yandex {
    requires io.snapshotsdk;
    requires com.fasterxml.jackson.databind;
    requires static org.immutables.value.annotations;

    exports io.snapshotsdk.yandex;

    provides io.snapshotsdk.spi.SnapshotProvider with io.snapshotsdk.yandex.internal.YandexProvider;
}
