package io.snapshotsdk.spi;

import io.snapshotsdk.SnapshotClient;

/**
 * A cloud that snapshot-sdk can talk to, found at run time by {@link java.util.ServiceLoader}.
 * Each provider module registers exactly one, both in
 * {@code META-INF/services/io.snapshotsdk.spi.SnapshotProvider} and with {@code provides} in its
 * {@code module-info.java}, so adding the jar is enough.
 *
 * <p>Implementations have a public no-argument constructor that does no work; all work happens
 * in {@link #create}. They are thread-safe.
 */
public interface SnapshotProvider {

    /**
     * Returns the provider's id, such as {@code "aws-sgw"}: lower case, unique among the
     * installed providers.
     *
     * @return the provider id
     */
    String id();

    /**
     * Creates a client from the context's settings. Unknown setting keys are an error that lists
     * the known ones.
     *
     * @param context the settings and the clock, sleeper, environment and HTTP client to use
     * @return a new client; the caller closes it
     * @throws io.snapshotsdk.InvalidRequestException if a setting is missing, unknown or invalid
     */
    SnapshotClient create(ProviderContext context);
}
