package io.snapshotsdk;

import io.snapshotsdk.internal.loader.ProviderRegistry;
import io.snapshotsdk.spi.ProviderContext;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Creates {@link SnapshotClient}s for the providers on the class path or module path. Adding a
 * provider module's jar is enough; no code names the provider's classes.
 *
 * <pre>{@code
 * try (SnapshotClient client = SnapshotClients.create("openstack", Map.of(
 *         "authUrl", "https://keystone.example.com/v3",
 *         "region", "RegionOne"))) {
 *     client.getSnapshot("0f7c1a3e-8d5f-4f0c-9b0e-6a2d3c4b5e6f");
 * }
 * }</pre>
 *
 * <p>Setting keys: the common ones of {@link CommonSettings} and each provider's own. Unknown keys
 * are an error that lists the known ones. Credentials not given as settings come from the
 * provider's usual environment variables.
 *
 * <p>Thread-safe; every call looks the providers up afresh with {@link java.util.ServiceLoader}.
 */
public final class SnapshotClients {
    private SnapshotClients() {}

    /**
     * Creates a client for provider {@code providerId}, found through snapshot-sdk's own class
     * loader.
     *
     * @param providerId {@code "azure"}, {@code "yandex"}, {@code "aws-sgw"}, {@code "aliyun"} or
     *     {@code "openstack"}, or the id of another installed provider
     * @param settings the settings, keyed as documented by the provider
     * @return a new client; close it when done
     * @throws InvalidRequestException if no such provider is installed (the message lists those
     *     that are, and any that failed to load), or a setting is missing, unknown or invalid
     * @throws IllegalStateException if two installed providers have the id
     */
    public static SnapshotClient create(String providerId, Map<String, String> settings) {
        return create(providerId, settings, defaultLoader());
    }

    /**
     * Creates a client for provider {@code providerId}, found through {@code loader}.
     *
     * @param providerId the provider id
     * @param settings the settings, keyed as documented by the provider
     * @param loader the class loader to look for providers with
     * @return a new client; close it when done
     * @throws InvalidRequestException if no such provider is installed, or a setting is invalid
     * @throws IllegalStateException if two installed providers have the id
     */
    public static SnapshotClient create(String providerId, Map<String, String> settings, ClassLoader loader) {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(settings, "settings");
        return ProviderRegistry.load(loader).get(providerId).create(ProviderContext.of(settings));
    }

    /**
     * Returns the ids of the installed providers, sorted, found through snapshot-sdk's own class
     * loader. Providers that failed to load are left out and logged.
     *
     * @return the provider ids
     */
    public static Set<String> providers() {
        return providers(defaultLoader());
    }

    /**
     * Returns the ids of the providers {@code loader} can see, sorted.
     *
     * @param loader the class loader to look for providers with
     * @return the provider ids
     */
    public static Set<String> providers(ClassLoader loader) {
        return ProviderRegistry.load(loader).ids();
    }

    private static ClassLoader defaultLoader() {
        ClassLoader own = SnapshotClients.class.getClassLoader();
        return own != null ? own : ClassLoader.getSystemClassLoader();
    }
}
