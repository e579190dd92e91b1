package io.snapshotsdk.aws.sgw;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.aws.sgw.internal.SgwClient;
import io.snapshotsdk.spi.ProviderContext;

/**
 * Creates {@code aws-sgw} clients from typed settings: snapshots of Storage Gateway volumes
 * (stored and cached volume gateways), read and deleted through EC2.
 *
 * <pre>{@code
 * try (SnapshotClient client = AwsSgwSnapshotClient.create(AwsSgwSettings.builder().region("us-east-2").build())) {
 *     Snapshot s = client.createSnapshot(CreateSnapshotRequest.builder()
 *             .sourceId("arn:aws:storagegateway:us-east-2:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB")
 *             .description("nightly")
 *             .build());
 * }
 * }</pre>
 *
 * <p>A create carries a marker tag ({@value #MARKER_TAG_KEY}) holding its idempotency token: after
 * a timeout or a server error the client finds the snapshot by that tag instead of making a
 * second one. The marker counts against the 50-tag limit.
 */
public final class AwsSgwSnapshotClient {
    /** The provider id, {@value}. */
    public static final String PROVIDER_ID = "aws-sgw";

    /** The key of the tag that carries a create's idempotency token. */
    public static final String MARKER_TAG_KEY = "snapshot-sdk:idempotency-token";

    private AwsSgwSnapshotClient() {}

    /**
     * Creates a client; credentials and region not in {@code settings} come from the environment
     * and the shared AWS files.
     *
     * @param settings the settings
     * @return a new client; close it when done
     * @throws io.snapshotsdk.InvalidRequestException if no credentials or no region can be found
     */
    public static SnapshotClient create(AwsSgwSettings settings) {
        return create(settings, ProviderContext.builder().build());
    }

    /**
     * Creates a client that takes time, environment and HTTP from {@code context} (its settings map
     * is not read).
     *
     * @param settings the settings
     * @param context the clock, sleeper, environment and HTTP client to use
     * @return a new client; close it when done
     * @throws io.snapshotsdk.InvalidRequestException if no credentials or no region can be found
     */
    public static SnapshotClient create(AwsSgwSettings settings, ProviderContext context) {
        return new SgwClient(settings, context);
    }
}
