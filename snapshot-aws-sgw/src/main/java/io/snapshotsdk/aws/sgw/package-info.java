/**
 * AWS Storage Gateway volume snapshots: {@link io.snapshotsdk.aws.sgw.AwsSgwSettings} and the
 * typed factory {@link io.snapshotsdk.aws.sgw.AwsSgwSnapshotClient}. The same client comes from
 * {@code SnapshotClients.create("aws-sgw", settings)}.
 */
package io.snapshotsdk.aws.sgw;
