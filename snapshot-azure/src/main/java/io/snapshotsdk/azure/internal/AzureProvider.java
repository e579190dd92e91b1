package io.snapshotsdk.azure.internal;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.azure.AzureSettings;
import io.snapshotsdk.azure.AzureSnapshotClient;
import io.snapshotsdk.internal.settings.SettingsReader;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.SnapshotProvider;

/** The {@code azure} provider, found by {@link java.util.ServiceLoader}. */
public final class AzureProvider implements SnapshotProvider {

    @Override
    public String id() {
        return AzureSnapshotClient.PROVIDER_ID;
    }

    @Override
    public SnapshotClient create(ProviderContext context) {
        SettingsReader r = SettingsReader.of(id(), context.settings(), context.environment());
        AzureSettings.Builder b = AzureSettings.builder();
        r.common(b);
        r.string("subscriptionId").ifPresent(b::subscriptionId);
        r.string("resourceGroup").ifPresent(b::resourceGroup);
        r.string("tenantId").ifPresent(b::tenantId);
        r.string("clientId").ifPresent(b::clientId);
        r.secret("clientSecret").ifPresent(b::clientSecret);
        r.secret("accessToken").ifPresent(b::accessToken);
        r.bool("managedIdentity").ifPresent(b::managedIdentity);
        r.string("managedIdentityClientId").ifPresent(b::managedIdentityClientId);
        r.uri("managedIdentityEndpoint").ifPresent(b::managedIdentityEndpoint);
        r.uri("authorityHost").ifPresent(b::authorityHost);
        r.string("apiVersion").ifPresent(b::apiVersion);
        return AzureSnapshotClient.create(r.build(b::build), context);
    }
}
