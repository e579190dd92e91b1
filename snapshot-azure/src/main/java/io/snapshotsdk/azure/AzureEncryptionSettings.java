package io.snapshotsdk.azure;

import io.snapshotsdk.spi.ValueStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Azure Disk Encryption keys of a snapshot: the Key Vault secret that holds the disk encryption
 * key and, optionally, the Key Vault key that wraps it. Sent as {@code encryptionSettings} or, from
 * api-version 2019-03-01, as the one entry of {@code encryptionSettingsCollection}.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
@ValueStyle
public abstract class AzureEncryptionSettings {
    AzureEncryptionSettings() {}

    /**
     * Returns whether encryption is enabled.
     *
     * @return {@code true} by default
     */
    @Value.Default
    public boolean enabled() {
        return true;
    }

    /**
     * Returns the ARM id of the Key Vault holding the disk encryption key.
     *
     * @return the vault id
     */
    public abstract String diskEncryptionKeyVaultId();

    /**
     * Returns the URL of the Key Vault secret that is the disk encryption key.
     *
     * @return the secret URL
     */
    public abstract String diskEncryptionKeySecretUrl();

    /**
     * Returns the ARM id of the Key Vault holding the key encryption key.
     *
     * @return the vault id
     */
    public abstract Optional<String> keyEncryptionKeyVaultId();

    /**
     * Returns the URL of the Key Vault key that wraps the disk encryption key.
     *
     * @return the key URL
     */
    public abstract Optional<String> keyEncryptionKeyUrl();

    /**
     * Returns a new builder.
     *
     * @return a builder with no attribute set
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AzureEncryptionSettings}; the disk encryption key's vault and secret are required. */
    public static final class Builder extends ImmutableAzureEncryptionSettings.Builder {
        Builder() {}
    }
}
