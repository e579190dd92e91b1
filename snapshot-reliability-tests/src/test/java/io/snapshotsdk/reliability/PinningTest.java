package io.snapshotsdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.reliability.FaultProxy.Exchange;
import io.snapshotsdk.reliability.Scoreboard.Group;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Group 9, host pinning and TLS. Every URL a server hands the client to follow (ARM's
 * {@code Azure-AsyncOperation} and {@code Location}, Cinder's {@code snapshots_links}, a redirect's
 * {@code Location} on every cloud) that points at another host, port or scheme, carries
 * user-info, or names the host by another IP literal, is refused with a typed error before
 * anything is sent there: the stand-in foreign servers see no connection at all, and the proxy no
 * request for the foreign path. A Yandex operation id that is a URL stays an id on the
 * Operation API's origin. Keystone's catalog may name another host (Cinder seldom lives on
 * Keystone's), so there only user-info and a scheme other than http(s) are refused. An https
 * endpoint whose certificate no one trusts fails with a {@link TransportException} caused by the
 * TLS handshake, and its server receives no request.
 */
class PinningTest {
    private static final String FOREIGN_PATH = "/foreign-poll/op-1";

    private static Rig rig;
    private static PinningServers.Foreign foreign;
    // A second loopback address on the proxy's own port: only the IP literal differs.
    private static PinningServers.Foreign otherAddress;
    private static PinningServers.Untrusted untrusted;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        rig = Rig.start();
        foreign = PinningServers.Foreign.onLoopback();
        otherAddress = new PinningServers.Foreign(InetAddress.getByName("127.0.0.2"), proxyPort());
        untrusted = new PinningServers.Untrusted(dir);
    }

    @AfterAll
    static void stop() {
        rig.close();
        foreign.close();
        otherAddress.close();
        untrusted.close();
    }

    @BeforeEach
    void reset() {
        rig.reset();
    }

    /** The foreign URLs a server may send, by what makes each foreign. */
    static Stream<Arguments> foreignUrls() {
        String p = Integer.toString(proxyPort());
        String f = Integer.toString(foreign.port());
        return Stream.of(
                Arguments.of("another host", "http://localhost:" + f + FOREIGN_PATH),
                Arguments.of("another port", "http://127.0.0.1:" + f + FOREIGN_PATH),
                Arguments.of("another scheme", "https://127.0.0.1:" + f + FOREIGN_PATH),
                Arguments.of("user-info", "http://user:password@127.0.0.1:" + p + FOREIGN_PATH),
                Arguments.of("another IP literal", "http://127.0.0.2:" + p + FOREIGN_PATH),
                Arguments.of("not absolute", FOREIGN_PATH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignUrls")
    void azureRefusesAForeignAsyncOperationUrl(String what, String url) throws Throwable {
        Scoreboard.run(Group.PINNING, Cloud.AZURE, () -> {
            rig.proxy.on(TokensWire.isCreate(Cloud.AZURE), Answers.status(201, "application/json", "", "Azure-AsyncOperation", url));
            SnapshotClient client = rig.client(Cloud.AZURE);

            Throwable e = catchThrowable(() -> client.createSnapshot(Cloud.AZURE.request(rig.diskId(Cloud.AZURE)).build()));

            assertRefusedToPoll(e);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignUrls")
    void azureRefusesAForeignLocation(String what, String url) throws Throwable {
        Scoreboard.run(Group.PINNING, Cloud.AZURE, () -> {
            rig.proxy.on(TokensWire.isCreate(Cloud.AZURE), Answers.status(202, "application/json", "", "Location", url));
            SnapshotClient client = rig.client(Cloud.AZURE);

            Throwable e = catchThrowable(() -> client.createSnapshot(Cloud.AZURE.request(rig.diskId(Cloud.AZURE)).build()));

            assertRefusedToPoll(e);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignUrls")
    void azureRefusesToFollowADeletesForeignOperation(String what, String url) throws Throwable {
        Scoreboard.run(Group.PINNING, Cloud.AZURE, () -> {
            SnapshotClient client = rig.client(Cloud.AZURE);
            Snapshot created = client.createSnapshot(Cloud.AZURE.request(rig.diskId(Cloud.AZURE)).build());
            rig.proxy.on(e -> e.method().equals("DELETE"), Answers.status(202, "application/json", "", "Azure-AsyncOperation", url));

            Throwable e = catchThrowable(() -> client.deleteSnapshot(created.id()));

            assertRefusedToPoll(e);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignUrls")
    void azureRefusesToAwaitASnapshotCarryingAForeignOperation(String what, String url) throws Throwable {
        Scoreboard.run(Group.PINNING, Cloud.AZURE, () -> {
            SnapshotClient client = rig.client(Cloud.AZURE);
            Snapshot created = client.createSnapshot(Cloud.AZURE.request(rig.diskId(Cloud.AZURE)).build());
            // As a caller might have stored it and read it back, tampered with.
            Snapshot tampered = Snapshot.builder().from(created).state(SnapshotState.CREATING).putAttributes("asyncOperationUrl", url).build();

            assertRefusedToPoll(catchThrowable(() -> client.awaitSnapshot(tampered, WaitOptions.defaults())));
            Throwable async = catchThrowable(() -> client.awaitSnapshotAsync(tampered, WaitOptions.defaults()).join());
            assertThat(async).isInstanceOf(CompletionException.class);
            assertRefusedToPoll(async.getCause());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignUrls")
    void cinderRefusesAForeignNextPageWhileLookingForItsMarker(String what, String url) throws Throwable {
        Scoreboard.run(Group.PINNING, Cloud.OPENSTACK, () -> {
            rig.proxy.on(TokensWire.isCreate(Cloud.OPENSTACK), TokensTest.serverError());
            rig.proxy.on(e -> e.path().endsWith("/snapshots/detail"), Answers.status(200, "application/json",
                    "{\"snapshots\":[],\"snapshots_links\":[{\"rel\":\"next\",\"href\":\"" + url + "\"}]}"));
            SnapshotClient client = rig.client(Cloud.OPENSTACK);

            Throwable e = catchThrowable(() -> client.createSnapshot(Cloud.OPENSTACK.request(rig.diskId(Cloud.OPENSTACK)).build()));

            // Unable to tell whether the create took effect, the client does not send it again.
            assertThat(e).isInstanceOf(ServiceException.class);
            assertThat(((ServiceException) e).httpStatus()).isEqualTo(503);
            assertThat(e.getSuppressed()).anySatisfy(s -> assertRefusedToPoll(s));
            assertThat(TokensWire.creates(Cloud.OPENSTACK, rig.proxy.journal())).hasSize(1);
            assertNothingWentAbroad();
        });
    }

    static Stream<Arguments> badCatalogEndpoints() {
        String p = Integer.toString(proxyPort());
        return Stream.of(
                Arguments.of("user-info", "http://user:password@127.0.0.1:" + p + "/openstack/v3/", "user-info"),
                Arguments.of("another scheme", "ftp://127.0.0.1:" + p + "/openstack/v3/", "https"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCatalogEndpoints")
    void keystonesCatalogCannotSendTheTokenToAnEndpointWithUserInfoOrAnotherScheme(String what, String replacement, String named)
            throws Throwable {
        Scoreboard.run(Group.PINNING, Cloud.OPENSTACK, () -> {
            String cinder = rig.proxy.baseUrl() + "/openstack/v3/";
            rig.proxy.on(e -> e.path().endsWith("/auth/tokens"), PinningServers.rewriting(body -> body.replace(cinder, replacement)));
            SnapshotClient client = rig.client(Cloud.OPENSTACK);

            Throwable e = catchThrowable(() -> client.getSnapshot("0b8b1c4c-6a22-4d64-a4b6-7c1d8d9b2f10"));

            assertThat(e).isInstanceOf(InvalidRequestException.class).hasMessageContaining("endpoint").hasMessageContaining(named);
            assertThat(rig.proxy.journal()).allSatisfy(x -> assertThat(x.path()).endsWith("/auth/tokens"));
            assertNothingWentAbroad();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignUrls")
    void aYandexOperationIdThatIsAUrlStaysOnTheOperationApi(String what, String url) throws Throwable {
        Scoreboard.run(Group.PINNING, Cloud.YANDEX, () -> {
            rig.proxy.on(TokensWire.isCreate(Cloud.YANDEX), Answers.status(200, "application/json",
                    "{\"id\":\"" + url + "\",\"done\":false,\"metadata\":{\"snapshotId\":\"fd8abcdefabcdefabcde\"}}"));
            SnapshotClient client = rig.client(Cloud.YANDEX);
            Snapshot created = client.createSnapshot(Cloud.YANDEX.request(rig.diskId(Cloud.YANDEX)).build());

            Throwable e = catchThrowable(() -> client.awaitSnapshot(created, WaitOptions.defaults()));

            // Too long for an id, or read as one: percent-encoded into the Operation API's path.
            assertThat(e).isInstanceOfAny(InvalidRequestException.class, ServiceException.class);
            assertThat(foreign.connections()).isZero();
            assertThat(otherAddress.connections()).isZero();
            assertThat(rig.proxy.journal()).allSatisfy(x -> assertThat(x.target()).startsWith("/yandex/").doesNotContain("://"));
        });
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void aRedirectIsNotFollowed(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.PINNING, cloud, () -> {
            String elsewhere = "http://127.0.0.1:" + foreign.port() + FOREIGN_PATH;
            rig.proxy.on(notAuthentication(), Answers.status(307, "application/json", "", "Location", elsewhere));
            SnapshotClient client = rig.client(cloud);

            Throwable e = catchThrowable(() -> client.getSnapshot(unknownId(cloud)));

            assertThat(e).isInstanceOf(ServiceException.class);
            assertThat(((ServiceException) e).httpStatus()).isEqualTo(307);
            assertThat(((ServiceException) e).isRetryable()).isFalse();
            assertNothingWentAbroad();
        });
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void anUntrustedCertificateFailsTheHandshakeWithATransportError(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.PINNING, cloud, () -> {
            Map<String, String> settings = new HashMap<>();
            rig.settings(cloud).forEach((k, v) -> settings.put(k, v.replace(rig.proxy.baseUrl(), untrusted.baseUrl())));
            SnapshotClient client = rig.client(cloud, s -> settings);

            Throwable e = catchThrowable(() -> client.getSnapshot(unknownId(cloud)));

            assertThat(e).isInstanceOf(TransportException.class);
            assertThat(causes(e)).as("the causes").anySatisfy(c -> assertThat(c).isInstanceOf(SSLException.class));
            assertThat(untrusted.requests()).isZero();
            assertThat(rig.proxy.journal()).isEmpty();
        });
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable c = e.getCause(); c != null && !out.contains(c); c = c.getCause()) {
            out.add(c);
        }
        return out;
    }

    private static void assertRefusedToPoll(Throwable e) {
        assertThat(e).isInstanceOf(TransportException.class).hasMessageContaining("refusing to poll");
        assertNothingWentAbroad();
    }

    private static void assertNothingWentAbroad() {
        assertThat(foreign.connections()).as("connections to the foreign host").isZero();
        assertThat(otherAddress.connections()).as("connections to the other IP literal").isZero();
        List<Exchange> journal = rig.proxy.journal();
        assertThat(journal).noneSatisfy(x -> assertThat(x.target()).contains("foreign-poll"));
    }

    private static Predicate<Exchange> notAuthentication() {
        return e -> !e.path().contains("/oauth2/") && !e.path().endsWith("/iam/v1/tokens") && !e.path().contains("/identity/");
    }

    /** Returns a snapshot id of {@code cloud}'s form that the emulator does not hold. */
    static String unknownId(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> "missing-snapshot";
            case YANDEX -> "fd8abcdefabcdefabcde";
            case AWS_SGW -> "snap-0123456789abcdef0";
            case ALIYUN -> "s-bp1abcdefabcdefabcd";
            case OPENSTACK -> "0b8b1c4c-6a22-4d64-a4b6-7c1d8d9b2f10";
        };
    }

    private static int proxyPort() {
        return Integer.parseInt(rig.proxy.baseUrl().substring(rig.proxy.baseUrl().lastIndexOf(':') + 1));
    }
}
