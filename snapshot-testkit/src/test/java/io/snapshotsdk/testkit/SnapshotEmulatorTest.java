package io.snapshotsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The emulator's own life cycle and API, apart from any cloud. */
class SnapshotEmulatorTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void listensOnLoopbackOnAFreePortUntilClosed() throws Exception {
        URI base;
        try (SnapshotEmulator emulator = SnapshotEmulator.start()) {
            base = emulator.baseUri();
            assertThat(base.getHost()).isEqualTo("127.0.0.1");
            assertThat(base.getPort()).isEqualTo(emulator.port()).isPositive();
            assertThat(get(base.resolve("/no-such-cloud/x")).statusCode()).isEqualTo(404);
        }
        assertThatThrownBy(() -> get(base.resolve("/aliyun/"))).isInstanceOf(ConnectException.class);
    }

    @Test
    void startsOnAGivenPortAndRefusesATakenOne() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (SnapshotEmulator emulator = SnapshotEmulator.start(port)) {
            assertThat(emulator.port()).isEqualTo(port);
            assertThatThrownBy(() -> SnapshotEmulator.start(port)).hasMessageContaining("127.0.0.1:" + port);
        }
    }

    @Test
    void emulatesTheFiveProvidersAndRefusesOthers() {
        try (SnapshotEmulator emulator = SnapshotEmulator.start()) {
            assertThat(emulator.providers()).containsExactlyInAnyOrder("azure", "yandex", "aws-sgw", "aliyun", "openstack");
            for (String id : emulator.providers()) {
                assertThat(emulator.settings(id)).containsEntry("allowInsecureHttp", "true")
                        .anySatisfy((k, v) -> assertThat(v).startsWith(emulator.baseUri().toString()));
            }
            assertThatThrownBy(() -> emulator.settings("gcp")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gcp").hasMessageContaining("aliyun");
            assertThatThrownBy(() -> emulator.addDisk("gcp", "d", 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> emulator.inject("gcp", Fault.serverError())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> emulator.readsUntilReady(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void resetForgetsDisksSnapshotsAndFaults() {
        try (SnapshotEmulator emulator = SnapshotEmulator.start()) {
            emulator.addDisk("aliyun", "d-1", 1).inject("aliyun", Fault.serverError()).readsUntilReady(7).reset();
            assertThat(emulator.snapshots("aliyun")).isEmpty();
        }
    }

    @Test
    void faultsSayWhatTheyPlayAndForHowLong() {
        assertThat(Fault.throttle(Duration.ofSeconds(3)).times(2)).satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Fault.Kind.THROTTLE);
            assertThat(f.duration()).contains(Duration.ofSeconds(3));
            assertThat(f.times()).isEqualTo(2);
            assertThat(f).hasToString("THROTTLE(PT3S) x2");
        });
        assertThat(Fault.delay(Duration.ofMillis(5)).duration()).contains(Duration.ofMillis(5));
        assertThat(List.of(Fault.serverError(), Fault.dropConnection(), Fault.failSnapshot()))
                .allSatisfy(f -> assertThat(f.duration()).isEmpty())
                .allSatisfy(f -> assertThat(f.times()).isEqualTo(1));
        assertThatThrownBy(() -> Fault.serverError().times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.throttle(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theExtensionStartsOneEmulatorPerClassInjectsItEverywhereAndClosesIt() {
        ExtensionUse.seen.clear();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ExtensionUse.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(ExtensionUse.seen).hasSize(4).allSatisfy(e -> assertThat(e).isSameAs(ExtensionUse.seen.get(0)));
        URI base = ExtensionUse.seen.get(0).baseUri();
        assertThatThrownBy(() -> get(base.resolve("/aliyun/"))).isInstanceOf(ConnectException.class);
    }

    /** Run by the test above through the JUnit engine, not by the build. */
    @ExtendWith(SnapshotEmulatorExtension.class)
    static class ExtensionUse {
        static final List<SnapshotEmulator> seen = new CopyOnWriteArrayList<>();

        ExtensionUse(SnapshotEmulator emulator) {
            seen.add(emulator);
        }

        @Test
        void one(SnapshotEmulator emulator) {
            seen.add(emulator);
        }

        @Test
        void two(SnapshotEmulator emulator) {
            seen.add(emulator);
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
