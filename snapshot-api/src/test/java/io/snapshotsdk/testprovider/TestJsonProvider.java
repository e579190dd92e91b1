package io.snapshotsdk.testprovider;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.internal.settings.SettingsReader;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.SnapshotProvider;

/**
 * A provider that speaks a small JSON protocol, to prove the shared core and the contract suite:
 * {@code POST /v1/snapshots}, {@code GET} and {@code DELETE /v1/snapshots/{id}}, a bearer token,
 * an {@code Idempotency-Key} header and {@code {"error":{"code","message"}}} refusals.
 */
public final class TestJsonProvider implements SnapshotProvider {
    public static final String ID = "test-json";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public SnapshotClient create(ProviderContext context) {
        SettingsReader r = SettingsReader.of(ID, context.settings(), context.environment());
        TestJsonSettings.Builder b = TestJsonSettings.builder();
        r.common(b);
        r.secret("token", "TEST_JSON_TOKEN").ifPresent(b::token);
        return new TestJsonClient(r.build(b::build), context);
    }
}
