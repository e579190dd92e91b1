/**
 * Azure Managed Disk snapshots for snapshot-sdk: {@code Microsoft.Compute/snapshots} on Azure
 * Resource Manager, with its long-running operations and Microsoft Entra ID tokens. Provider id
 * {@code azure}.
 */
module io.snapshotsdk.azure {
    requires io.snapshotsdk;
    requires com.fasterxml.jackson.databind;
    requires static org.immutables.value.annotations;

    exports io.snapshotsdk.azure;

    provides io.snapshotsdk.spi.SnapshotProvider with io.snapshotsdk.azure.internal.AzureProvider;
}
