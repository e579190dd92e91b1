package io.snapshotsdk.testing;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.SnapshotProvider;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Makes clients the way tests need them: found by {@link ServiceLoader}, on a manual clock, with no environment. */
public final class TestClients {
    private TestClients() {}

    /** Returns a client of {@code providerId} with {@code settings}, sleeping and telling time on {@code clock}. */
    public static SnapshotClient create(String providerId, Map<String, String> settings, ManualClock clock) {
        SnapshotProvider provider = ServiceLoader.load(SnapshotProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(providerId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no provider '" + providerId + "' found by ServiceLoader"));
        return provider.create(ProviderContext.builder()
                .settings(settings)
                .clock(clock)
                .sleeper(clock.sleeper())
                .environment(name -> Optional.empty())
                .build());
    }
}
