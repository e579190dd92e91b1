/**
 * Yandex Cloud Compute disk snapshots: {@link io.snapshotsdk.yandex.YandexSettings}, the
 * per-request {@link io.snapshotsdk.yandex.YandexSnapshotOptions} and the typed factory
 * {@link io.snapshotsdk.yandex.YandexSnapshotClient}. The same client comes from
 * {@code SnapshotClients.create("yandex", settings)}.
 */
package io.snapshotsdk.yandex;
