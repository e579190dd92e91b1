package io.snapshotsdk.openstack.internal;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.internal.settings.SettingsReader;
import io.snapshotsdk.openstack.OpenStackSettings;
import io.snapshotsdk.openstack.OpenStackSnapshotClient;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.SnapshotProvider;
import java.util.List;

/** The {@code openstack} provider, found by {@link java.util.ServiceLoader}. */
public final class OpenStackProvider implements SnapshotProvider {

    @Override
    public String id() {
        return OpenStackSnapshotClient.PROVIDER_ID;
    }

    @Override
    public SnapshotClient create(ProviderContext context) {
        SettingsReader r = SettingsReader.of(id(), context.settings(), context.environment());
        OpenStackSettings.Builder b = OpenStackSettings.builder();
        r.common(b);
        r.uri("authUrl").ifPresent(b::authUrl);
        r.string("username").ifPresent(b::username);
        r.string("userId").ifPresent(b::userId);
        r.secret("password").ifPresent(b::password);
        r.string("userDomainName").ifPresent(b::userDomainName);
        r.string("userDomainId").ifPresent(b::userDomainId);
        r.string("projectId").ifPresent(b::projectId);
        r.string("projectName").ifPresent(b::projectName);
        r.string("projectDomainName").ifPresent(b::projectDomainName);
        r.string("projectDomainId").ifPresent(b::projectDomainId);
        r.string("applicationCredentialId").ifPresent(b::applicationCredentialId);
        r.secret("applicationCredentialSecret").ifPresent(b::applicationCredentialSecret);
        r.secret("token").ifPresent(b::token);
        r.secret("apiKey").ifPresent(b::apiKey);
        r.oneOf("interface", List.of("public", "internal", "admin")).ifPresent(b::interfaceType);
        r.integer("volumeApiVersion").ifPresent(b::volumeApiVersion);
        r.string("microversion").ifPresent(b::microversion);
        r.string("cloud").ifPresent(b::cloud);
        return OpenStackSnapshotClient.create(r.build(b::build), context);
    }
}
