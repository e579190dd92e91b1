package io.snapshotsdk.openstack;

import io.snapshotsdk.ProviderOptions;
import io.snapshotsdk.spi.ValueStyle;
import org.immutables.value.Value;

/**
 * The Cinder {@code snapshot} fields that have no common field.
 *
 * <pre>{@code
 * CreateSnapshotRequest.builder()
 *         .sourceId("5aa119a8-d25b-45a7-8d1b-88e127885635")
 *         .options(OpenStackSnapshotOptions.builder().force(true).build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
@ValueStyle
public abstract class OpenStackSnapshotOptions implements ProviderOptions {
    OpenStackSnapshotOptions() {}

    /**
     * Returns {@code "openstack"}.
     *
     * @return the provider id
     */
    @Override
    public final String providerId() {
        return OpenStackSnapshotClient.PROVIDER_ID;
    }

    /**
     * Returns whether to snapshot a volume that is attached ({@code in-use}). Sent as
     * {@code "force": true} below microversion 3.66; from 3.66 attached volumes need no flag and
     * none is sent.
     *
     * @return {@code false} by default: only {@code available} volumes are snapshotted
     */
    @Value.Default
    public boolean force() {
        return false;
    }

    /**
     * Returns a new builder.
     *
     * @return a builder with every default in place
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link OpenStackSnapshotOptions}. */
    public static final class Builder extends ImmutableOpenStackSnapshotOptions.Builder {
        Builder() {}
    }
}
