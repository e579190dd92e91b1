package io.snapshotsdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotException;
import io.snapshotsdk.reliability.FaultProxy.Answer;
import io.snapshotsdk.reliability.FaultProxy.Exchange;
import io.snapshotsdk.reliability.InMemoryHttpClient.Canned;
import io.snapshotsdk.reliability.ParserMutations.Mutant;
import io.snapshotsdk.reliability.ParserMutations.Seed;
import io.snapshotsdk.reliability.ParserTargets.Action;
import io.snapshotsdk.reliability.ParserTargets.Target;
import io.snapshotsdk.reliability.Scoreboard.Group;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.spi.SnapshotProvider;
import io.snapshotsdk.testing.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves that no response, however broken, makes a client throw anything but the SDK's typed
 * exceptions: for every provider, 10,000 seeded variants of its real answers to create, get, the
 * long-running operation, the token (and OpenStack's catalog) and the marker lookup are fed to
 * the real client on an in-memory HTTP client, and 500 more through the real JDK client, the
 * socket and the {@link FaultProxy}. Each answer ends in a valid result or a
 * {@link SnapshotException}; a NullPointerException, ClassCastException, StackOverflowError,
 * OutOfMemoryError, IllegalArgumentException, a Jackson or StAX exception or any other throwable
 * that leaks out fails the scenario, and the failure names the seed and the damage that
 * reproduce it.
 */
class ParserFuzzTest {
    static final int BODIES_IN_MEMORY = 10_000;
    static final int BODIES_THROUGH_PROXY = 500;
    private static final int REPORTED_EXAMPLES = 2;
    /** The mutations' seed; another one ({@code -Dreliability.parsers.seed=…}) explores other answers, the same one repeats them. */
    private static final long SEED = Long.getLong("reliability.parsers.seed", 0x5eed_0000L);

    private static Rig rig;
    private static final Map<Cloud, SnapshotProvider> PROVIDERS = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        rig = Rig.start();
        ServiceLoader.load(SnapshotProvider.class).forEach(p -> PROVIDERS.put(cloudOf(p.id()), p));
    }

    @AfterAll
    static void stop() {
        Bench.closeAll();
        rig.close();
    }

    @BeforeEach
    void reset() {
        rig.reset();
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void damagedAnswersEndInAResultOrATypedException(Cloud cloud) {
        List<Target> targets = ParserTargets.of(cloud);
        ParserMutations mutations = new ParserMutations(SEED + cloud.ordinal(), ParserTargets.vocabulary(cloud));
        Outcomes outcomes = new Outcomes();
        int n = 0;
        // First every seed as it is: each valid one must parse, or the mutants below would test nothing.
        for (Target t : targets) {
            for (Seed seed : t.seeds()) {
                Mutant original = new Mutant(seed.label() + " (unchanged)", canned(seed));
                outcomes.record(cloud, t.name(), original, runInMemory(cloud, t, original), seed.status() < 300 && isValidSeed(seed));
                n++;
            }
        }
        for (int i = 0; n < BODIES_IN_MEMORY; i++, n++) {
            Target t = targets.get(i % targets.size());
            Seed seed = t.seeds().get((i / targets.size()) % t.seeds().size());
            Mutant m = mutations.mutate(seed);
            outcomes.record(cloud, t.name(), m, runInMemory(cloud, t, m), false);
        }
        outcomes.assertClean(cloud, n);
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void damagedAnswersThroughTheSocketEndInAResultOrATypedException(Cloud cloud) {
        SnapshotClient client = rig.client(cloud);
        ParserMutations mutations = new ParserMutations(SEED + 0x100 + cloud.ordinal(), ParserTargets.vocabulary(cloud));
        List<Target> targets = ParserTargets.of(cloud).stream().filter(t -> throughProxy(cloud, t.name()) != null).toList();
        assertThat(targets).isNotEmpty();
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < BODIES_THROUGH_PROXY; i++) {
            Target t = targets.get(i % targets.size());
            Seed seed = t.seeds().get((i / targets.size()) % t.seeds().size());
            Mutant m = mutations.mutate(seed);
            Predicate<Exchange> hit = throughProxy(cloud, t.name());
            Action action = t.action();
            rig.proxy.reset();
            rig.proxy.on(hit, answer(m.answer()));
            Throwable outcome = attempt(cloud, () -> action.run(client));
            outcomes.record(cloud, t.name(), m, outcome, false);
            assertThat(rig.proxy.journal()).as("the damaged answer was played").anyMatch(hit);
        }
        outcomes.assertClean(cloud, BODIES_THROUGH_PROXY);
    }

    /** Returns the requests of {@code cloud} the proxy damages for target {@code name}, or null when it is only fed in memory. */
    private static Predicate<Exchange> throughProxy(Cloud cloud, String name) {
        return switch (cloud) {
            case AZURE -> switch (name) {
                case "get" -> e -> e.method().equals("GET") && e.path().contains("/Microsoft.Compute/snapshots/");
                case "create" -> e -> e.method().equals("PUT");
                default -> null;
            };
            case YANDEX -> switch (name) {
                case "get" -> e -> e.method().equals("GET") && e.path().contains("/compute/v1/snapshots/");
                case "create operation" -> e -> e.method().equals("POST") && e.path().endsWith("/compute/v1/snapshots");
                default -> null;
            };
            case AWS_SGW -> switch (name) {
                case "DescribeSnapshots" -> e -> e.text().contains("Action=DescribeSnapshots");
                case "CreateSnapshot" -> e -> e.header("x-amz-target").endsWith("CreateSnapshot");
                default -> null;
            };
            case ALIYUN -> switch (name) {
                case "DescribeSnapshots" -> e -> e.header("x-acs-action").equals("DescribeSnapshots");
                case "CreateSnapshot" -> e -> e.header("x-acs-action").equals("CreateSnapshot");
                default -> null;
            };
            case OPENSTACK -> switch (name) {
                case "show" -> e -> e.method().equals("GET") && e.path().contains("/snapshots/") && !e.path().endsWith("/detail");
                case "create" -> e -> e.method().equals("POST") && e.path().endsWith("/snapshots");
                default -> null;
            };
        };
    }

    private static Throwable runInMemory(Cloud cloud, Target t, Mutant m) {
        return Bench.of(cloud, t).run(m);
    }

    /**
     * A client on an in-memory HTTP client that answers a target's request with the mutant under
     * test. Clients are reused across a target's mutants, but token and catalog targets get a
     * new client for each, since a client keeps its first token.
     */
    private static final class Bench {
        private static final Map<Target, Bench> REUSED = new java.util.HashMap<>();
        private final Target target;
        private final SnapshotClient client;
        private Mutant current;

        private Bench(Cloud cloud, Target target) {
            this.target = target;
            ManualClock clock = ManualClock.start();
            this.client = PROVIDERS.get(cloud).create(ProviderContext.builder()
                    .settings(target.settings())
                    .clock(clock)
                    .sleeper(clock.sleeper())
                    .environment(name -> Optional.empty())
                    .httpClient(new InMemoryHttpClient(call -> target.hit().test(call) ? current.answer() : target.normal().apply(call)))
                    .build());
        }

        static Bench of(Cloud cloud, Target t) {
            if (t.name().contains("token")) {
                return new Bench(cloud, t);
            }
            return REUSED.computeIfAbsent(t, k -> new Bench(cloud, k));
        }

        Throwable run(Mutant m) {
            current = m;
            Throwable outcome = attempt(target.cloud(), () -> target.action().run(client));
            if (target.name().contains("token")) {
                client.close();
            }
            return outcome;
        }

        static void closeAll() {
            REUSED.values().forEach(b -> b.client.close());
            REUSED.clear();
        }
    }

    /** Runs one scenario on the scoreboard and returns what it threw, or null; only untyped throwables fail it. */
    private static Throwable attempt(Cloud cloud, Runnable scenario) {
        Throwable[] thrown = {null};
        try {
            Scoreboard.run(Group.PARSERS, cloud, () -> {
                try {
                    scenario.run();
                } catch (SnapshotException typed) {
                    thrown[0] = typed;
                }
            });
        } catch (Throwable untyped) {
            return untyped;
        }
        return thrown[0];
    }

    private static Canned canned(Seed seed) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(seed.contentType()));
        for (int i = 0; i + 1 < seed.headers().size(); i += 2) {
            headers.put(seed.headers().get(i), List.of(seed.headers().get(i + 1)));
        }
        return new Canned(seed.status(), headers, seed.body().getBytes(StandardCharsets.UTF_8), false);
    }

    // Seeds that describe a failure on purpose end in a typed exception even unchanged.
    private static boolean isValidSeed(Seed seed) {
        String l = seed.label();
        return !l.contains("others") && !l.contains("running") && !l.contains("failed") && !l.contains("refusal") && !l.contains("XML") && !l.contains("empty") && !l.contains("none");
    }

    /** Plays {@code c} on the socket byte for byte (invalid UTF-8 included) and closes the connection. */
    private static Answer answer(Canned c) {
        return (request, socket, forward) -> {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes(("HTTP/1.1 " + c.status() + " Status\r\n").getBytes(StandardCharsets.ISO_8859_1));
            c.headers().forEach((name, values) -> values.forEach(v ->
                    head.writeBytes((name + ": " + v + "\r\n").getBytes(StandardCharsets.ISO_8859_1))));
            head.writeBytes(((c.chunked() ? "Transfer-Encoding: chunked" : "Content-Length: " + c.body().length)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            if (c.chunked()) {
                for (int at = 0; at < c.body().length; at += 8192) {
                    int len = Math.min(8192, c.body().length - at);
                    out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(c.body(), at, len);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write(c.body());
            }
            out.flush();
            socket.close();
        };
    }

    private static Cloud cloudOf(String providerId) {
        for (Cloud c : Cloud.values()) {
            if (c.id.equals(providerId)) {
                return c;
            }
        }
        throw new AssertionError("no cloud for provider " + providerId);
    }

    /** What the scenarios of one provider ended in, per target; failures grouped by where they leaked. */
    private static final class Outcomes {
        private final Map<String, List<String>> failures = new LinkedHashMap<>();
        private final Map<String, int[]> perTarget = new LinkedHashMap<>();

        void record(Cloud cloud, String target, Mutant m, Throwable outcome, boolean mustSucceed) {
            int[] counts = perTarget.computeIfAbsent(target, k -> new int[2]);
            if (outcome == null) {
                counts[0]++;
            } else if (outcome instanceof SnapshotException) {
                counts[1]++;
                if (mustSucceed) {
                    failures.computeIfAbsent("unchanged seed failed: " + outcome, k -> new ArrayList<>()).add(target + " [" + m.description() + "]");
                }
            } else {
                String where = outcome.getClass().getName();
                for (StackTraceElement e : outcome.getStackTrace()) {
                    if (e.getClassName().startsWith("io.snapshotsdk") && !e.getClassName().startsWith("io.snapshotsdk.reliability")) {
                        where += " at " + e;
                        break;
                    }
                }
                failures.computeIfAbsent(where, k -> new ArrayList<>()).add(target + " [" + m.description() + "]: " + outcome.getMessage());
            }
        }

        void assertClean(Cloud cloud, int total) {
            List<String> report = new ArrayList<>();
            failures.forEach((where, cases) -> report.add(cases.size() + " x " + where + "; e.g. " + cloud + " "
                    + cases.stream().limit(REPORTED_EXAMPLES).toList()));
            int count = failures.values().stream().mapToInt(List::size).sum();
            assertThat(report).as(count + " of " + total + " " + cloud + " answers leaked an untyped throwable or broke a seed").isEmpty();
            // Damage must reach both ends: some answers still parse, others are refused.
            perTarget.forEach((target, counts) -> {
                assertThat(counts[0]).as(cloud + " " + target + ": answers read as a valid result").isPositive();
                assertThat(counts[1]).as(cloud + " " + target + ": answers refused with a typed exception").isPositive();
            });
        }
    }
}
