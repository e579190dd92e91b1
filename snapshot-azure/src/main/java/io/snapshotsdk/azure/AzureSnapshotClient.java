package io.snapshotsdk.azure;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.azure.internal.AzureClient;
import io.snapshotsdk.spi.ProviderContext;

/**
 * Creates {@code azure} clients from typed settings: {@code Microsoft.Compute/snapshots} through
 * Azure Resource Manager.
 *
 * <pre>{@code
 * try (SnapshotClient client = AzureSnapshotClient.create(AzureSettings.builder()
 *         .subscriptionId("00000000-0000-0000-0000-000000000000")
 *         .resourceGroup("backups")
 *         .region("westus")
 *         .build())) {
 *     Snapshot s = client.createSnapshot(CreateSnapshotRequest.builder()
 *             .sourceId("/subscriptions/…/resourceGroups/app/providers/Microsoft.Compute/disks/data")
 *             .name("data-nightly")
 *             .build());
 * }
 * }</pre>
 *
 * <p>A create is a PUT by name, so retrying it never makes a second snapshot; the name is
 * required and stands in for the idempotency token. Snapshot ids are full ARM resource ids; get
 * and delete also take a bare name in the configured resource group. Deleting a snapshot that is
 * gone succeeds. Attributes of returned snapshots: {@code asyncOperationUrl} and
 * {@code locationUrl} (the create's polling URLs), {@code location}, {@code storageType},
 * {@code diskSizeGB}, {@code diskState}, {@code incremental}, {@code osType},
 * {@code networkAccessPolicy}, {@code uniqueId}, {@code createOption}.
 */
public final class AzureSnapshotClient {
    /** The provider id, {@value}. */
    public static final String PROVIDER_ID = "azure";

    private AzureSnapshotClient() {}

    /**
     * Creates a client; settings not given come from the {@code AZURE_*} environment variables.
     *
     * @param settings the settings
     * @return a new client; close it when done
     * @throws io.snapshotsdk.InvalidRequestException if no subscription or no credentials can be found
     */
    public static SnapshotClient create(AzureSettings settings) {
        return create(settings, ProviderContext.builder().build());
    }

    /**
     * Creates a client that takes time, environment and HTTP from {@code context} (its settings map
     * is not read).
     *
     * @param settings the settings
     * @param context the clock, sleeper, environment and HTTP client to use
     * @return a new client; close it when done
     * @throws io.snapshotsdk.InvalidRequestException if no subscription or no credentials can be found
     */
    public static SnapshotClient create(AzureSettings settings, ProviderContext context) {
        return new AzureClient(settings, context);
    }
}
