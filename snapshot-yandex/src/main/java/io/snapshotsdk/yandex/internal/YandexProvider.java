package io.snapshotsdk.yandex.internal;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.internal.settings.SettingsReader;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.SnapshotProvider;
import io.snapshotsdk.yandex.YandexSettings;
import io.snapshotsdk.yandex.YandexSnapshotClient;

/** The {@code yandex} provider, found by {@link java.util.ServiceLoader}. */
public final class YandexProvider implements SnapshotProvider {

    @Override
    public String id() {
        return YandexSnapshotClient.PROVIDER_ID;
    }

    @Override
    public SnapshotClient create(ProviderContext context) {
        SettingsReader r = SettingsReader.of(id(), context.settings(), context.environment());
        YandexSettings.Builder b = YandexSettings.builder();
        r.common(b);
        r.string("folderId").ifPresent(b::folderId);
        r.secret("iamToken").ifPresent(b::iamToken);
        r.secret("oauthToken").ifPresent(b::oauthToken);
        r.secret("serviceAccountKeyFile").ifPresent(b::serviceAccountKeyFile);
        r.bool("metadataService").ifPresent(b::metadataService);
        r.uri("operationEndpoint").ifPresent(b::operationEndpoint);
        r.uri("iamEndpoint").ifPresent(b::iamEndpoint);
        r.uri("metadataEndpoint").ifPresent(b::metadataEndpoint);
        return YandexSnapshotClient.create(r.build(b::build), context);
    }
}
