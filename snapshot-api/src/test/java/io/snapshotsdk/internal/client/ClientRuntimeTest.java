package io.snapshotsdk.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapshotsdk.CommonSettings;
import io.snapshotsdk.spi.ProviderContext;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runtime builds its retry policy from the settings and the context's sources. */
class ClientRuntimeTest {
    private static final CommonSettings SETTINGS = new CommonSettings() {
        @Override
        public Optional<URI> endpoint() {
            return Optional.empty();
        }

        @Override
        public Optional<String> region() {
            return Optional.empty();
        }

        @Override
        public int maxAttempts() {
            return 4;
        }
    };

    @Test
    void theRetryPolicyDrawsItsJitterFromTheContext() {
        ProviderContext context = ProviderContext.builder().jitter(() -> 0.5).build();
        try (ClientRuntime runtime = ClientRuntime.create("test", SETTINGS, context)) {
            assertThat(runtime.retryPolicy().maxAttempts()).isEqualTo(4);
            // Half of each ceiling: 200 ms, 400 ms, 800 ms.
            assertThat(runtime.retryPolicy().delayAfter(1, Optional.empty())).contains(Duration.ofMillis(100));
            assertThat(runtime.retryPolicy().delayAfter(3, Optional.empty())).contains(Duration.ofMillis(400));
        }
    }

    @Test
    void withoutASourceTheJitterStaysWithinTheCeiling() {
        try (ClientRuntime runtime = ClientRuntime.create("test", SETTINGS, ProviderContext.builder().build())) {
            for (int i = 0; i < 100; i++) {
                assertThat(runtime.retryPolicy().delayAfter(2, Optional.empty()).orElseThrow())
                        .isBetween(Duration.ZERO, Duration.ofMillis(400));
            }
        }
    }
}
