package io.snapshotsdk.internal.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotClients;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.SnapshotProvider;
import io.snapshotsdk.testprovider.TestJsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strict loading: unknown, duplicate and broken providers each get a clear answer. */
class ProviderRegistryTest {

    /** A provider with the test provider's id, to make a duplicate. */
    public static final class SameIdProvider implements SnapshotProvider {
        @Override
        public String id() {
            return TestJsonProvider.ID;
        }

        @Override
        public SnapshotClient create(ProviderContext context) {
            throw new AssertionError("never created");
        }
    }

    /** A provider whose constructor fails, as one with a missing dependency does. */
    public static final class BrokenProvider implements SnapshotProvider {
        public BrokenProvider() {
            throw new IllegalStateException("missing dependency com.example:needed");
        }

        @Override
        public String id() {
            return "broken";
        }

        @Override
        public SnapshotClient create(ProviderContext context) {
            throw new AssertionError("never created");
        }
    }

    /** A class loader whose only services file lists {@code providers}. */
    private static ClassLoader services(String... providers) {
        String content = String.join("\n", providers) + "\n";
        return new ClassLoader(ProviderRegistryTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (!name.equals("META-INF/services/" + SnapshotProvider.class.getName())) {
                    return super.getResources(name);
                }
                URL url = new URL(null, "memory:services", new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(URL u) {
                        return new URLConnection(u) {
                            @Override
                            public void connect() {}

                            @Override
                            public InputStream getInputStream() {
                                return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
                            }
                        };
                    }
                });
                return Collections.enumeration(List.of(url));
            }
        };
    }

    @Test
    void findsTheInstalledProvider() {
        assertThat(SnapshotClients.providers()).containsExactly(TestJsonProvider.ID);
        assertThat(ProviderRegistry.load(services(TestJsonProvider.class.getName())).get(TestJsonProvider.ID))
                .isInstanceOf(TestJsonProvider.class);
    }

    @Test
    void anUnknownIdListsTheInstalledIds() {
        assertThatThrownBy(() -> SnapshotClients.create("azrue", Map.of()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no provider 'azrue' is installed")
                .hasMessageContaining("installed providers: " + TestJsonProvider.ID);
    }

    @Test
    void noProviderAtAllNamesTheArtifactsToAdd() {
        assertThatThrownBy(() -> SnapshotClients.create("azure", Map.of(), services()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no snapshot provider is installed")
                .hasMessageContaining("io.snapshotsdk:snapshot-azure");
    }

    @Test
    void aDuplicateIdNamesBothClasses() {
        ClassLoader loader = services(TestJsonProvider.class.getName(), SameIdProvider.class.getName());
        assertThatThrownBy(() -> SnapshotClients.create(TestJsonProvider.ID, Map.of(), loader))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TestJsonProvider.class.getName())
                .hasMessageContaining(SameIdProvider.class.getName());
    }

    @Test
    void aBrokenProviderIsReportedAndTheOthersStillLoad() {
        ClassLoader loader = services(BrokenProvider.class.getName(), "com.example.DoesNotExist", TestJsonProvider.class.getName());
        ProviderRegistry registry = ProviderRegistry.load(loader);

        assertThat(registry.ids()).containsExactly(TestJsonProvider.ID);
        assertThat(registry.failures()).hasSize(2);
        assertThat(registry.failures().get(0)).contains(BrokenProvider.class.getName()).contains("missing dependency com.example:needed");
        assertThat(registry.failures().get(1)).contains("com.example.DoesNotExist");
        assertThatThrownBy(() -> registry.get("broken"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("providers that failed to load")
                .hasMessageContaining("missing dependency com.example:needed");
        try (SnapshotClient c = SnapshotClients.create(TestJsonProvider.ID,
                Map.of("endpoint", "https://api.example.com", "token", "t"), loader)) {
            assertThat(c.providerId()).isEqualTo(TestJsonProvider.ID);
        }
    }
}
