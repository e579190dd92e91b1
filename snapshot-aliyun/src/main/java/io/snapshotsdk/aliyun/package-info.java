/**
 * Alibaba Cloud ECS disk snapshots: {@link io.snapshotsdk.aliyun.AliyunSettings}, the per-request
 * {@link io.snapshotsdk.aliyun.AliyunSnapshotOptions} and the typed factory
 * {@link io.snapshotsdk.aliyun.AliyunSnapshotClient}. The same client comes from
 * {@code SnapshotClients.create("aliyun", settings)}.
 */
package io.snapshotsdk.aliyun;
