package io.snapshotsdk.azure;

import io.snapshotsdk.ProviderOptions;
import io.snapshotsdk.spi.ValueStyle;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * The snapshot properties of {@code Microsoft.Compute/snapshots} that have no common field. The
 * client checks them against the configured api-version and rejects, before sending, what that
 * version cannot express.
 *
 * <pre>{@code
 * CreateSnapshotRequest.builder()
 *         .sourceId("/subscriptions/…/resourceGroups/rg/providers/Microsoft.Compute/disks/myDisk")
 *         .name("myDisk-nightly")
 *         .options(AzureSnapshotOptions.builder()
 *                 .storageType(AzureSnapshotOptions.StorageType.STANDARD_ZRS)
 *                 .incremental(true)
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
@ValueStyle
public abstract class AzureSnapshotOptions implements ProviderOptions {
    AzureSnapshotOptions() {}

    /** Where the snapshot's data is stored ({@code sku.name}, or {@code accountType} in 2016-04-30-preview). */
    public enum StorageType {
        /** Standard HDD, locally redundant. */
        STANDARD_LRS("Standard_LRS"),
        /** Premium SSD, locally redundant. */
        PREMIUM_LRS("Premium_LRS"),
        /** Standard HDD, zone-redundant (from api-version 2018-04-01). */
        STANDARD_ZRS("Standard_ZRS");

        private final String wire;

        StorageType(String wire) {
            this.wire = wire;
        }

        /**
         * Returns the wire value.
         *
         * @return such as {@code Standard_LRS}
         */
        public String wireValue() {
            return wire;
        }
    }

    /** Who may export the snapshot's data ({@code networkAccessPolicy}, from api-version 2020-05-01). */
    public enum NetworkAccessPolicy {
        /** Export from any network. */
        ALLOW_ALL("AllowAll"),
        /** Export only through the private endpoints of {@link #diskAccessId()}. */
        ALLOW_PRIVATE("AllowPrivate"),
        /** No export. */
        DENY_ALL("DenyAll");

        private final String wire;

        NetworkAccessPolicy(String wire) {
            this.wire = wire;
        }

        /**
         * Returns the wire value.
         *
         * @return such as {@code DenyAll}
         */
        public String wireValue() {
            return wire;
        }
    }

    /**
     * Returns {@code "azure"}.
     *
     * @return the provider id
     */
    @Override
    public final String providerId() {
        return AzureSnapshotClient.PROVIDER_ID;
    }

    /**
     * Returns the resource group to create the snapshot in, instead of the configured one.
     *
     * @return the resource group
     */
    public abstract Optional<String> resourceGroup();

    /**
     * Returns the location of the snapshot, instead of the configured region.
     *
     * @return the location, such as {@code westus}
     */
    public abstract Optional<String> location();

    /**
     * Returns the storage type.
     *
     * @return the storage type; the service's default when absent
     */
    public abstract Optional<StorageType> storageType();

    /**
     * Returns the size to give the snapshot, in GiB; it may not be smaller than the source.
     *
     * @return the size
     */
    public abstract OptionalInt diskSizeGB();

    /**
     * Returns the Azure Disk Encryption keys.
     *
     * @return the encryption settings
     */
    public abstract Optional<AzureEncryptionSettings> encryptionSettings();

    /**
     * Returns whether to make an incremental snapshot (from api-version 2019-03-01).
     *
     * @return whether the snapshot is incremental
     */
    public abstract Optional<Boolean> incremental();

    /**
     * Returns whether to make a deep background copy ({@code createOption: CopyStart}, from
     * api-version 2020-12-01), as for a copy to another region; progress is then reported.
     *
     * @return {@code false} by default
     */
    @Value.Default
    public boolean copyStart() {
        return false;
    }

    /**
     * Returns the export policy (from api-version 2020-05-01).
     *
     * @return the network access policy
     */
    public abstract Optional<NetworkAccessPolicy> networkAccessPolicy();

    /**
     * Returns the ARM id of the disk access resource, required with {@link NetworkAccessPolicy#ALLOW_PRIVATE}.
     *
     * @return the disk access id
     */
    public abstract Optional<String> diskAccessId();

    /**
     * Returns the ARM id of the storage account of an imported blob, needed when it is in another
     * subscription.
     *
     * @return the storage account id
     */
    public abstract Optional<String> storageAccountId();

    /**
     * Returns a new builder.
     *
     * @return a builder with every default in place
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AzureSnapshotOptions}. */
    public static final class Builder extends ImmutableAzureSnapshotOptions.Builder {
        Builder() {}
    }
}
