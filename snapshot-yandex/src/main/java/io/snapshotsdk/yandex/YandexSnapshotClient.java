package io.snapshotsdk.yandex;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.yandex.internal.YandexClient;

/**
 * Creates {@code yandex} clients from typed settings: Compute snapshots through the REST API.
 *
 * <pre>{@code
 * try (SnapshotClient client = YandexSnapshotClient.create(YandexSettings.builder()
 *         .folderId("b1gt6g8ht345abcdefgh")
 *         .serviceAccountKeyFile("/etc/backup/key.json")
 *         .build())) {
 *     Snapshot s = client.createSnapshot(CreateSnapshotRequest.builder().sourceId("epd89t47vnhdabcdefgh").build());
 * }
 * }</pre>
 *
 * <p>Every create and delete carries an {@code Idempotency-Key} (for a create, the request's
 * idempotency token or one made per call), the same on every retry. A create returns at once with
 * the snapshot id and the operation id (attribute {@code operationId}); {@code awaitSnapshot}
 * follows the operation. Other attributes: {@code folderId}, {@code diskSize},
 * {@code hardwareGeneration}, {@code kmsKeyId}, {@code kmsKeyVersionId}, {@code productIds}.
 */
public final class YandexSnapshotClient {
    /** The provider id, {@value}. */
    public static final String PROVIDER_ID = "yandex";

    private YandexSnapshotClient() {}

    /**
     * Creates a client; credentials and folder not in {@code settings} come from the {@code YC_*}
     * environment variables.
     *
     * @param settings the settings
     * @return a new client; close it when done
     * @throws io.snapshotsdk.InvalidRequestException if no credentials can be found
     */
    public static SnapshotClient create(YandexSettings settings) {
        return create(settings, ProviderContext.builder().build());
    }

    /**
     * Creates a client that takes time, environment and HTTP from {@code context} (its settings map
     * is not read).
     *
     * @param settings the settings
     * @param context the clock, sleeper, environment and HTTP client to use
     * @return a new client; close it when done
     * @throws io.snapshotsdk.InvalidRequestException if no credentials can be found
     */
    public static SnapshotClient create(YandexSettings settings, ProviderContext context) {
        return new YandexClient(settings, context);
    }
}
