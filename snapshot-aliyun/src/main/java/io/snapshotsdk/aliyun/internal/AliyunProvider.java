package io.snapshotsdk.aliyun.internal;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.aliyun.AliyunSettings;
import io.snapshotsdk.aliyun.AliyunSnapshotClient;
import io.snapshotsdk.internal.settings.SettingsReader;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.SnapshotProvider;
import java.util.List;
import java.util.Locale;

/** The {@code aliyun} provider, found by {@link java.util.ServiceLoader}. */
public final class AliyunProvider implements SnapshotProvider {

    @Override
    public String id() {
        return AliyunSnapshotClient.PROVIDER_ID;
    }

    @Override
    public SnapshotClient create(ProviderContext context) {
        SettingsReader r = SettingsReader.of(id(), context.settings(), context.environment());
        AliyunSettings.Builder b = AliyunSettings.builder();
        r.common(b);
        r.string("accessKeyId").ifPresent(b::accessKeyId);
        r.secret("accessKeySecret").ifPresent(b::accessKeySecret);
        r.secret("securityToken").ifPresent(b::securityToken);
        r.string("profile").ifPresent(b::profile);
        r.oneOf("signatureVersion", List.of("v1", "v3"))
                .ifPresent(v -> b.signatureVersion(AliyunSettings.SignatureVersion.valueOf(v.toUpperCase(Locale.ROOT))));
        r.oneOf("network", List.of("public", "vpc"))
                .ifPresent(v -> b.network(AliyunSettings.Network.valueOf(v.toUpperCase(Locale.ROOT))));
        return AliyunSnapshotClient.create(r.build(b::build), context);
    }
}
