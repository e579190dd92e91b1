/**
 * Azure Managed Disk snapshots: {@link io.snapshotsdk.azure.AzureSettings}, the per-request
 * {@link io.snapshotsdk.azure.AzureSnapshotOptions} and the typed factory
 * {@link io.snapshotsdk.azure.AzureSnapshotClient}. The same client comes from
 * {@code SnapshotClients.create("azure", settings)}.
 */
package io.snapshotsdk.azure;
