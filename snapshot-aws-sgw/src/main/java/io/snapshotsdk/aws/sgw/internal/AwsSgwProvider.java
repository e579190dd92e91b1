package io.snapshotsdk.aws.sgw.internal;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.aws.sgw.AwsSgwSettings;
import io.snapshotsdk.aws.sgw.AwsSgwSnapshotClient;
import io.snapshotsdk.internal.settings.SettingsReader;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.SnapshotProvider;

/** The {@code aws-sgw} provider, found by {@link java.util.ServiceLoader}. */
public final class AwsSgwProvider implements SnapshotProvider {

    @Override
    public String id() {
        return AwsSgwSnapshotClient.PROVIDER_ID;
    }

    @Override
    public SnapshotClient create(ProviderContext context) {
        SettingsReader r = SettingsReader.of(id(), context.settings(), context.environment());
        AwsSgwSettings.Builder b = AwsSgwSettings.builder();
        r.common(b);
        r.string("accessKeyId").ifPresent(b::accessKeyId);
        r.secret("secretAccessKey").ifPresent(b::secretAccessKey);
        r.secret("sessionToken").ifPresent(b::sessionToken);
        r.string("profile").ifPresent(b::profile);
        r.uri("ec2Endpoint").ifPresent(b::ec2Endpoint);
        r.bool("useFips").ifPresent(b::useFips);
        r.bool("useDualStack").ifPresent(b::useDualStack);
        return AwsSgwSnapshotClient.create(r.build(b::build), context);
    }
}
