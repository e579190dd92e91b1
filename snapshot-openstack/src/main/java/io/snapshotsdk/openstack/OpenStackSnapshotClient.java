package io.snapshotsdk.openstack;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.openstack.internal.OpenStackClient;
import io.snapshotsdk.spi.ProviderContext;

/**
 * Creates {@code openstack} clients from typed settings: Cinder volume snapshots, Rackspace's v1
 * API and Cinder v2/v3, found through the Keystone service catalog.
 *
 * <pre>{@code
 * try (SnapshotClient client = OpenStackSnapshotClient.create(OpenStackSettings.builder()
 *         .authUrl(URI.create("https://keystone.example.com/v3"))
 *         .applicationCredentialId("423f19a4ac1e4f48bbb4180756e6eb6c")
 *         .applicationCredentialSecret("…")
 *         .build())) {
 *     client.createSnapshot(CreateSnapshotRequest.builder().sourceId("5aa119a8-d25b-45a7-8d1b-88e127885635").build());
 * }
 * }</pre>
 *
 * <p>On v2 and v3 a create carries the metadata key {@value #MARKER_KEY} with its idempotency
 * token, and after a timeout or server error the client looks for it among the volume's
 * snapshots before sending again. v1 has no metadata: after such a failure nothing is re-sent
 * and {@link io.snapshotsdk.TransportException} says the outcome is unknown. Deleting a snapshot
 * that is gone succeeds. Attributes: {@code projectId}, {@code userId}, {@code updatedAt},
 * {@code groupSnapshotId}, {@code consumesQuota}, {@code sizeGiB}.
 */
public final class OpenStackSnapshotClient {
    /** The provider id, {@value}. */
    public static final String PROVIDER_ID = "openstack";

    /** The metadata key that carries a create's idempotency token (v2 and v3). */
    public static final String MARKER_KEY = "snapshot-sdk:idempotency-token";

    private OpenStackSnapshotClient() {}

    /**
     * Creates a client; settings not given come from {@code clouds.yaml} and the {@code OS_*}
     * environment variables.
     *
     * @param settings the settings
     * @return a new client; close it when done
     * @throws io.snapshotsdk.InvalidRequestException if no way to authenticate can be found
     */
    public static SnapshotClient create(OpenStackSettings settings) {
        return create(settings, ProviderContext.builder().build());
    }

    /**
     * Creates a client that takes time, environment and HTTP from {@code context} (its settings map
     * is not read).
     *
     * @param settings the settings
     * @param context the clock, sleeper, environment and HTTP client to use
     * @return a new client; close it when done
     * @throws io.snapshotsdk.InvalidRequestException if no way to authenticate can be found
     */
    public static SnapshotClient create(OpenStackSettings settings, ProviderContext context) {
        return new OpenStackClient(settings, context);
    }
}
