package io.snapshotsdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.aliyun.internal.AcsSignature;
import io.snapshotsdk.internal.client.RequestRules;
import io.snapshotsdk.internal.http.Headers;
import io.snapshotsdk.internal.http.HttpPipeline;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.reliability.FaultProxy.Answer;
import io.snapshotsdk.reliability.FaultProxy.Exchange;
import io.snapshotsdk.reliability.Scoreboard.Group;
import io.snapshotsdk.yandex.internal.YandexClient;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Group 2, tokens and freshness. Every attempt of one create carries the same idempotency value
 * (Alibaba's {@code ClientToken}, Yandex's {@code Idempotency-Key}, the marker tag of Storage
 * Gateway and the marker metadata of Cinder, Azure's PUT by name), while each attempt is signed
 * anew: a fresh nonce, date and signature, read off the proxy's journal after throttling, a
 * server error and dropped connections. A retried create still makes one snapshot. And the
 * generators behind those values give 100,000 distinct values, each one the provider accepts.
 */
class TokensTest extends RigScenarios {
    private static final int GENERATED = 100_000;
    // A UUID as RFC 9562 writes it, version 4 and the RFC variant.
    private static final Pattern UUID_V4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    // ECS: ClientToken is ASCII, at most 64 characters.
    private static final Pattern CLIENT_TOKEN = Pattern.compile("[\\x21-\\x7e]{1,64}");
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");
    // Storage Gateway and EC2 tag values: letters, spaces, numbers and _ . : / = + - @, at most 256.
    private static final Pattern SGW_TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void everyAttemptOfOneCreateCarriesTheSameTokenAndIsSignedAnew(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.TOKENS, cloud, () -> retriedCreate(cloud, s -> s));
    }

    @ParameterizedTest
    @EnumSource(value = Cloud.class, names = "ALIYUN")
    void theV1SignedQueryHasAFreshNonceTimestampAndSignatureOnEveryAttempt(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.TOKENS, cloud, () -> retriedCreate(cloud, s -> {
            s.put("signatureVersion", "v1");
            return s;
        }));
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void twoLogicalCreatesNeverShareAToken(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.TOKENS, cloud, () -> {
            // Ready at once: ECS refuses a second snapshot of a disk while one is being made.
            rig.emulator.readsUntilReady(0);
            SnapshotClient client = rig.client(cloud);
            Snapshot first = client.createSnapshot(cloud.request(rig.diskId(cloud)).name("first-of-two").build());
            Snapshot second = client.createSnapshot(cloud.request(rig.diskId(cloud)).name("second-of-two").build());

            List<Exchange> creates = TokensWire.creates(cloud, rig.proxy.journal());
            assertThat(creates).hasSize(2);
            assertThat(TokensWire.token(cloud, creates.get(0))).isNotBlank().isNotEqualTo(TokensWire.token(cloud, creates.get(1)));
            assertThat(first.id()).isNotEqualTo(second.id());
            assertThat(rig.emulator.snapshots(cloud.id)).hasSize(2);
        });
    }

    @ParameterizedTest
    @EnumSource(value = Cloud.class, names = "AZURE", mode = EnumSource.Mode.EXCLUDE)
    void aCallersTokenTravelsOnEveryAttempt(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.TOKENS, cloud, () -> {
            String token = UUID.randomUUID().toString();
            rig.proxy.on(TokensWire.isCreate(cloud), throttled(), serverError());
            SnapshotClient client = rig.client(cloud, s -> with(s, "maxAttempts", "5"));

            client.createSnapshot(cloud.request(rig.diskId(cloud)).idempotencyToken(token).build());

            List<Exchange> creates = TokensWire.creates(cloud, rig.proxy.journal());
            assertThat(creates).hasSize(3);
            assertThat(creates).allSatisfy(c -> assertThat(TokensWire.token(cloud, c)).isEqualTo(token));
            assertThat(rig.emulator.snapshots(cloud.id)).hasSize(1);
        });
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void generatedTokensAreDistinctAndValidForTheProvider(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.TOKENS, cloud, () -> {
            Set<String> seen = new HashSet<>(GENERATED * 2);
            CreateSnapshotRequest request = cloud.request(rig.diskId(cloud)).build();
            switch (cloud) {
                case AZURE -> {
                    // A PUT by name needs no token; what the client makes per call is the request id.
                    List<String> ids = clientRequestIds("azure", "x-ms-client-request-id", GENERATED);
                    ids.forEach(id -> assertThat(id).matches(UUID_V4));
                    seen.addAll(ids);
                }
                case YANDEX -> {
                    for (int i = 0; i < GENERATED; i++) {
                        String key = YandexClient.idempotencyKey(RequestRules.idempotencyToken(request));
                        // Compute wants a UUID v4 in Idempotency-Key.
                        assertThat(UUID_V4.matcher(key).matches()).as(key).isTrue();
                        seen.add(key);
                    }
                    // A caller's token that is not a UUID is turned into one, the same every time.
                    assertThat(YandexClient.idempotencyKey("nightly-2026-01-01")).matches(CANONICAL_UUID)
                            .isEqualTo(YandexClient.idempotencyKey("nightly-2026-01-01"));
                }
                case AWS_SGW -> {
                    for (int i = 0; i < GENERATED; i++) {
                        String marker = RequestRules.idempotencyToken(request);
                        assertThat(SGW_TAG_VALUE.matcher(marker).matches()).as(marker).isTrue();
                        seen.add(marker);
                    }
                }
                case ALIYUN -> {
                    Set<String> nonces = new HashSet<>(GENERATED * 2);
                    for (int i = 0; i < GENERATED; i++) {
                        String token = RequestRules.idempotencyToken(request);
                        String nonce = AcsSignature.newNonce();
                        assertThat(CLIENT_TOKEN.matcher(token).matches()).as(token).isTrue();
                        assertThat(NONCE.matcher(nonce).matches()).as(nonce).isTrue();
                        seen.add(token);
                        nonces.add(nonce);
                    }
                    assertThat(nonces).hasSize(GENERATED);
                }
                case OPENSTACK -> {
                    for (int i = 0; i < GENERATED; i++) {
                        String marker = RequestRules.idempotencyToken(request);
                        // A Cinder metadata value is a string of at most 255 characters.
                        assertThat(marker.length()).isBetween(1, 255);
                        seen.add(marker);
                    }
                }
            }
            assertThat(seen).hasSize(GENERATED);
        });
    }

    /**
     * Creates once through throttling, a server error, a connection dropped before the cloud saw
     * the create and one dropped after it made the snapshot; each fault lets a second pass, so
     * second-resolution dates must differ between attempts.
     */
    private static void retriedCreate(Cloud cloud, java.util.function.UnaryOperator<Map<String, String>> change) {
        rig.proxy.on(TokensWire.isCreate(cloud), throttled(), serverError(), afterASecond(Answers.reset()),
                afterASecond(Answers.resetAfterForward()));
        SnapshotClient client = rig.client(cloud, s -> change.apply(with(s, "maxAttempts", "6")));

        Snapshot created = client.createSnapshot(cloud.request(rig.diskId(cloud)).build());

        List<Exchange> creates = TokensWire.creates(cloud, rig.proxy.journal());
        // Storage Gateway and Cinder find the last one's snapshot by its marker instead of sending again.
        assertThat(creates).hasSizeGreaterThanOrEqualTo(4);
        String token = TokensWire.token(cloud, creates.get(0));
        assertThat(token).isNotBlank();
        assertThat(creates).allSatisfy(c -> assertThat(TokensWire.token(cloud, c)).isEqualTo(token));
        Map<String, Set<String>> values = new HashMap<>();
        for (Exchange c : creates) {
            TokensWire.fresh(cloud, c).forEach((name, value) -> {
                assertThat(value).as(name).isNotBlank();
                assertThat(values.computeIfAbsent(name, k -> new HashSet<>()).add(value)).as(name + " is new on each attempt").isTrue();
            });
        }
        if (cloud == Cloud.AWS_SGW || cloud == Cloud.ALIYUN) {
            assertThat(values).isNotEmpty();
        }
        if (cloud == Cloud.YANDEX || cloud == Cloud.AZURE) {
            // One call of the pipeline: one client request id on all its attempts.
            String header = cloud == Cloud.YANDEX ? "x-client-request-id" : "x-ms-client-request-id";
            assertThat(creates).extracting(c -> c.header(header)).containsOnly(creates.get(0).header(header));
            assertThat(creates).extracting(Exchange::text).containsOnly(creates.get(0).text());
        }
        assertThat(rig.emulator.snapshots(cloud.id)).singleElement().satisfies(s -> assertThat(created.id()).endsWith(s.id()));
    }

    /** Returns the ids {@code n} calls of one pipeline send in {@code header}, made by the pipeline itself. */
    private static List<String> clientRequestIds(String providerId, String header, int n) {
        List<String> ids = new java.util.ArrayList<>(n);
        HttpPipeline pipeline = HttpPipeline.builder(providerId)
                .transport(r -> {
                    ids.add(r.headers().first(header).orElseThrow());
                    return new Response(200, Headers.empty(), new byte[0], r);
                })
                .clientRequestIdHeader(header)
                .build();
        Request get = Request.builder("GET", URI.create("https://management.azure.com/subscriptions")).build();
        for (int i = 0; i < n; i++) {
            pipeline.send(get);
        }
        return ids;
    }

    /** The cloud throttles and asks for a second. */
    static Answer throttled() {
        return Answers.status(429, "application/json", "{}", "Retry-After", "1");
    }

    /** The cloud fails and asks for a second. */
    static Answer serverError() {
        return Answers.status(503, "application/json", "{}", "Retry-After", "1");
    }

    /** Plays {@code answer} a second later on the clients' clock. */
    private static Answer afterASecond(Answer answer) {
        return (request, client, forward) -> {
            rig.clock.advance(Duration.ofSeconds(1));
            answer.play(request, client, forward);
        };
    }

    static Map<String, String> with(Map<String, String> settings, String key, String value) {
        settings.put(key, value);
        return settings;
    }
}
