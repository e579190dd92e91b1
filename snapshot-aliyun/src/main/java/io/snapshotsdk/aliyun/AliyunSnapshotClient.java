package io.snapshotsdk.aliyun;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.aliyun.internal.AliyunClient;
import io.snapshotsdk.spi.ProviderContext;

/**
 * Creates {@code aliyun} clients from typed settings: ECS disk snapshots through
 * {@code CreateSnapshot}, {@code DescribeSnapshots} and {@code DeleteSnapshot}.
 *
 * <pre>{@code
 * try (SnapshotClient client = AliyunSnapshotClient.create(AliyunSettings.builder().region("cn-hangzhou").build())) {
 *     Snapshot s = client.createSnapshot(CreateSnapshotRequest.builder().sourceId("d-bp1s5fnvk4gn2tws0abcd").build());
 * }
 * }</pre>
 *
 * <p>Every create carries a {@code ClientToken} (the request's idempotency token, or one made per
 * call), the same on every retry, so a retried create never makes a second snapshot. Deleting a
 * snapshot that no longer exists succeeds, as ECS documents.
 */
public final class AliyunSnapshotClient {
    /** The provider id, {@value}. */
    public static final String PROVIDER_ID = "aliyun";

    private AliyunSnapshotClient() {}

    /**
     * Creates a client; credentials and region not in {@code settings} come from the environment
     * and the credentials file.
     *
     * @param settings the settings
     * @return a new client; close it when done
     * @throws io.snapshotsdk.InvalidRequestException if no credentials or no region can be found
     */
    public static SnapshotClient create(AliyunSettings settings) {
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
    public static SnapshotClient create(AliyunSettings settings, ProviderContext context) {
        return new AliyunClient(settings, context);
    }
}
