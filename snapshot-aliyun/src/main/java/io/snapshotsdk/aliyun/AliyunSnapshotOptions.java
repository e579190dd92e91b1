package io.snapshotsdk.aliyun;

import io.snapshotsdk.ProviderOptions;
import io.snapshotsdk.spi.ValueStyle;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * The {@code CreateSnapshot} parameters of Alibaba Cloud ECS that have no common field. The
 * client checks their ranges with the rest of the request, before sending.
 *
 * <pre>{@code
 * CreateSnapshotRequest.builder()
 *         .sourceId("d-bp1s5fnvk4gn2tws0abcd")
 *         .options(AliyunSnapshotOptions.builder().retentionDays(30).resourceGroupId("rg-bp67acfmxazb4p").build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
@ValueStyle
public abstract class AliyunSnapshotOptions implements ProviderOptions {
    AliyunSnapshotOptions() {}

    /** The snapshot category ({@code Category}), deprecated by Alibaba Cloud. */
    public enum Category {
        /** A normal snapshot. */
        STANDARD("Standard"),
        /** A local snapshot. */
        FLASH("Flash");

        private final String wire;

        Category(String wire) {
            this.wire = wire;
        }

        /**
         * Returns the value sent as {@code Category}.
         *
         * @return {@code Standard} or {@code Flash}
         */
        public String wireValue() {
            return wire;
        }
    }

    /**
     * Returns {@code "aliyun"}.
     *
     * @return the provider id
     */
    @Override
    public final String providerId() {
        return AliyunSnapshotClient.PROVIDER_ID;
    }

    /**
     * Returns the days after which the snapshot is released ({@code RetentionDays}), 1 to 65,536.
     *
     * @return the retention; empty keeps the snapshot until deleted
     */
    public abstract OptionalInt retentionDays();

    /**
     * Returns the resource group to put the snapshot in ({@code ResourceGroupId}).
     *
     * @return the resource group id
     */
    public abstract Optional<String> resourceGroupId();

    /**
     * Returns the snapshot category ({@code Category}); not combinable with instant access.
     *
     * @return the category
     */
    public abstract Optional<Category> category();

    /**
     * Returns whether to enable instant access ({@code InstantAccess}), deprecated by Alibaba
     * Cloud (ESSD snapshots have it by default).
     *
     * @return whether instant access is wanted
     */
    public abstract Optional<Boolean> instantAccess();

    /**
     * Returns the days instant access lasts ({@code InstantAccessRetentionDays}), 1 to 65,535;
     * only with instant access.
     *
     * @return the instant-access retention
     */
    public abstract OptionalInt instantAccessRetentionDays();

    /**
     * Returns a new builder.
     *
     * @return a builder with no attribute set
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AliyunSnapshotOptions}. */
    public static final class Builder extends ImmutableAliyunSnapshotOptions.Builder {
        Builder() {}
    }
}
