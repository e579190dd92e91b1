package io.snapshotsdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.reliability.FaultProxy.Answer;
import io.snapshotsdk.reliability.FaultProxy.Exchange;
import io.snapshotsdk.reliability.Scoreboard.Group;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.SnapshotProvider;
import io.snapshotsdk.testing.ManualClock;
import io.snapshotsdk.testkit.EmulatedSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Group 10, concurrency. One client per provider is shared by 64 threads that each make
 * {@value #DEFAULT_CREATES_PER_THREAD} creates while the proxy answers a seeded
 * eighth of the calls with throttling, server errors, a reset before the cloud saw the call or a
 * reset after it acted. It proves: no deadlock (the run is bounded by
 * {@code assertTimeoutPreemptively}), every create succeeds exactly once (the emulator holds one
 * snapshot per logical create, each under its own name), no idempotency token is shared by two
 * logical creates, and, for the token clouds (Azure, Yandex, OpenStack), exactly one token fetch
 * per expiry: the threads meet at a barrier three times, the clients' clock jumps past the token's
 * lifetime, and all 64 find the token stale at once.
 *
 * <p>The normal build makes 100 creates per thread, 6,400 per provider; a quicker run sets fewer
 * with {@code -Dreliability.concurrency.creates=25}.
 *
 * <p>The clients' clock moves only at the barriers and their sleeper returns at once, so retries
 * take no time. Yandex and Keystone state an absolute expiry on the emulator's clock, which does
 * not jump; the proxy rewrites it to the same lifetime on the clients' clock, as a cloud whose
 * clock agrees with the client's would say. Faults spare the token calls, so that each token
 * request in the journal is one fetch.
 */
class ConcurrencyTest {
    static final int DEFAULT_CREATES_PER_THREAD = 100;
    private static final int THREADS = 64;
    private static final int PHASES = 4;
    private static final long SEED = 20_260_101L;
    private static final double FAULT_RATE = 0.125;
    // Longer than every token the emulator issues (Yandex's twelve hours).
    private static final Duration PAST_EXPIRY = Duration.ofHours(13);
    private static final DateTimeFormatter KEYSTONE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static Rig rig;

    @BeforeAll
    static void start() {
        rig = Rig.start();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @BeforeEach
    void reset() {
        rig.reset();
        // Ready at once: ECS refuses a snapshot of a disk while another one is being made.
        rig.emulator.readsUntilReady(0);
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void sixtyFourThreadsCreateThroughFaultsExactlyOnceEach(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.CONCURRENCY, cloud, () -> {
            int perThread = Integer.getInteger("reliability.concurrency.creates", DEFAULT_CREATES_PER_THREAD);
            boolean tokens = tokenRequest(cloud).isPresent();
            ManualClock clock = new ManualClock(Instant.now());
            tokenRequest(cloud).ifPresent(isToken -> rig.proxy.on(isToken, freshTokens(cloud, clock)));
            AtomicInteger faults = new AtomicInteger();
            rig.proxy.on(seededFaults(cloud), faultMix(new Random(SEED), THREADS * perThread, faults));
            SnapshotClient client = client(cloud, clock);

            ConcurrentLinkedQueue<Throwable> failed = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Snapshot> created = new ConcurrentLinkedQueue<>();
            // The clock jumps while every thread waits, so that all of them meet the stale token at once.
            CyclicBarrier phase = new CyclicBarrier(THREADS, () -> {
                if (tokens) {
                    clock.advance(PAST_EXPIRY);
                }
            });
            long started = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                try {
                    List<Future<?>> runs = new ArrayList<>();
                    for (int t = 0; t < THREADS; t++) {
                        int thread = t;
                        runs.add(pool.submit(() -> {
                            for (int i = 0; i < perThread; i++) {
                                if (i > 0 && i % Math.max(1, perThread / PHASES) == 0 && i / Math.max(1, perThread / PHASES) < PHASES) {
                                    phase.await();
                                }
                                try {
                                    created.add(client.createSnapshot(cloud.request(rig.diskId(cloud))
                                            .name("c-t" + thread + "-i" + i).build()));
                                } catch (RuntimeException e) {
                                    failed.add(e);
                                }
                            }
                            return null;
                        }));
                    }
                    for (Future<?> run : runs) {
                        run.get();
                    }
                } finally {
                    pool.shutdownNow();
                }
            });
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.println("concurrency " + cloud + ": " + THREADS * perThread + " creates in " + ms + " ms");

            assertThat(failed).as("failed creates").isEmpty();
            int logical = THREADS * perThread;
            assertThat(created).hasSize(logical);
            assertThat(created.stream().map(Snapshot::id).distinct().count()).as("distinct snapshots").isEqualTo(logical);
            List<EmulatedSnapshot> held = rig.emulator.snapshots(cloud.id);
            assertThat(held).as("snapshots the cloud holds").hasSize(logical);
            assertThat(held.stream().map(s -> s.name().orElse("")).collect(Collectors.toSet())).hasSize(logical);

            List<Exchange> journal = rig.proxy.journal();
            Map<String, Set<String>> namesByToken = new HashMap<>();
            for (Exchange c : TokensWire.creates(cloud, journal)) {
                namesByToken.computeIfAbsent(TokensWire.token(cloud, c), k -> new HashSet<>()).add(TokensWire.name(cloud, c));
            }
            assertThat(namesByToken).as("one token per logical create").hasSize(logical);
            assertThat(namesByToken.values()).allSatisfy(names -> assertThat(names).hasSize(1));
            assertThat(faults.get()).as("faults played").isGreaterThan((int) (logical * FAULT_RATE / 2));
            if (tokens) {
                long fetches = journal.stream().filter(tokenRequest(cloud).get()).count();
                assertThat(fetches).as("token fetches: the first and one per expiry").isEqualTo(PHASES);
            }
        });
    }

    /** Returns a client on {@code clock} whose sleeper returns at once, with room for ten attempts. */
    private static SnapshotClient client(Cloud cloud, ManualClock clock) {
        Map<String, String> settings = rig.settings(cloud);
        settings.put("maxAttempts", "10");
        // The OAuth exchange: a JWT would be dated on the clients' clock, which the emulator checks.
        settings.remove("serviceAccountKeyFile");
        SnapshotProvider provider = ServiceLoader.load(SnapshotProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(cloud.id)).findFirst().orElseThrow();
        return provider.create(ProviderContext.builder()
                .settings(settings)
                .clock(clock)
                .sleeper(d -> { })
                .environment(name -> Optional.empty())
                .build());
    }

    /** Returns the requests that fetch a token, for the token clouds. */
    private static Optional<Predicate<Exchange>> tokenRequest(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> Optional.of(e -> e.path().endsWith("/oauth2/v2.0/token"));
            case YANDEX -> Optional.of(e -> e.path().endsWith("/iam/v1/tokens"));
            case OPENSTACK -> Optional.of(e -> e.path().endsWith("/auth/tokens"));
            default -> Optional.empty();
        };
    }

    /** Returns answers to token requests that state the emulator's lifetime on the clients' clock. */
    private static Answer[] freshTokens(Cloud cloud, ManualClock clock) {
        Answer answer = switch (cloud) {
            case YANDEX -> PinningServers.rewriting(body -> body.replaceAll("\"expiresAt\":\"[^\"]*\"",
                    "\"expiresAt\":\"" + clock.instant().plus(Duration.ofHours(12)) + "\""));
            case OPENSTACK -> PinningServers.rewriting(body -> body.replaceAll("\"expires_at\":\"[^\"]*\"",
                    "\"expires_at\":\"" + KEYSTONE_TIME.format(clock.instant().plus(Duration.ofHours(1))) + "\""));
            default -> Answers.PASS;
        };
        Answer[] out = new Answer[PHASES * 10];
        java.util.Arrays.fill(out, answer);
        return out;
    }

    /** Picks, with a seeded draw per request, the calls that get a fault; token calls never do. */
    private static Predicate<Exchange> seededFaults(Cloud cloud) {
        Random draws = new Random(SEED);
        Predicate<Exchange> isToken = tokenRequest(cloud).orElse(e -> false);
        return e -> {
            if (isToken.test(e)) {
                return false;
            }
            synchronized (draws) {
                return draws.nextDouble() < FAULT_RATE;
            }
        };
    }

    /** Returns {@code n} faults drawn from throttling, a server error and the two resets. */
    private static Answer[] faultMix(Random random, int n, AtomicInteger played) {
        Answer[] out = new Answer[n];
        for (int i = 0; i < n; i++) {
            Answer fault = switch (random.nextInt(4)) {
                case 0 -> TokensTest.throttled();
                case 1 -> TokensTest.serverError();
                case 2 -> Answers.reset();
                default -> Answers.resetAfterForward();
            };
            out[i] = (request, client, forward) -> {
                played.incrementAndGet();
                fault.play(request, client, forward);
            };
        }
        return out;
    }
}
