package io.snapshotsdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.reliability.ErrorCoverageTest.Call;
import io.snapshotsdk.reliability.FaultProxy.Answer;
import io.snapshotsdk.reliability.Scoreboard.Group;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pause between attempts stays within the retry policy: full jitter under a ceiling that
 * starts at 200 ms, doubles per attempt and stops at 20 s; 3 attempts by default; no attempt
 * after 5 minutes. The jitter comes from a seeded source, so each pause is also the exact draw.
 * Server hints ({@code Retry-After} in seconds or as an HTTP date, Alibaba's
 * {@code x-acs-retry-after} in milliseconds, Cinder's body {@code retryAfter}) are waited out up
 * to 60 s; a longer one ends the retries and travels on the exception; a hint that is not a
 * delay (negative, text) is ignored in favour of the backoff. Per provider.
 */
class BackoffTest extends RigScenarios {
    private static final long SEED = 20261201L;
    private static final Duration BASE = Duration.ofMillis(200);
    private static final Duration CAP = Duration.ofSeconds(20);
    private static final Duration LONGEST_HINT = Duration.ofSeconds(60);
    private static final Duration BUDGET = Duration.ofMinutes(5);

    private static BackoffAndWaitClients clients;

    @BeforeAll
    static void startClients() {
        clients = new BackoffAndWaitClients(rig);
    }

    @BeforeEach
    void freshClock() {
        clients.freshClock();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void theDefaultThreeAttemptsPauseWithinFullJitter(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.BACKOFF, cloud, () -> {
            SnapshotClient client = clients.client(cloud, seeded(), s -> s);
            rig.proxy.on(ErrorCoverageTest.call(cloud, Call.CREATE), transientRefusal(cloud), transientRefusal(cloud));
            int before = clients.clock().sleeps().size();

            Snapshot created = client.createSnapshot(cloud.request(rig.diskId(cloud)).build());

            List<Duration> pauses = pausesSince(before);
            assertThat(pauses).hasSize(2);
            assertWithinJitter(pauses);
            assertThat(pauses).as("the seeded draws").isEqualTo(expectedDraws(2));
            assertThat(creates(cloud)).isEqualTo(3);
            assertThat(rig.emulator.snapshots(cloud.id)).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(created.id()));
        });
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void theCeilingDoublesUpToTwentySecondsAndNoFurther(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.BACKOFF, cloud, () -> {
            // The highest draw there is shows the ceilings themselves.
            SnapshotClient client = clients.client(cloud, () -> Math.nextDown(1.0), s -> ErrorCoverageTest.with(s, "maxAttempts", "10"));
            Answer[] nine = new Answer[9];
            Arrays.fill(nine, transientRefusal(cloud));
            rig.proxy.on(ErrorCoverageTest.call(cloud, Call.CREATE), nine);
            int before = clients.clock().sleeps().size();

            client.createSnapshot(cloud.request(rig.diskId(cloud)).build());

            List<Duration> pauses = pausesSince(before);
            assertThat(pauses).hasSize(9);
            assertWithinJitter(pauses);
            List<Long> millis = pauses.stream().map(d -> Math.round(d.toNanos() / 1e6)).toList();
            assertThat(millis).containsExactly(200L, 400L, 800L, 1_600L, 3_200L, 6_400L, 12_800L, 20_000L, 20_000L);
            assertThat(creates(cloud)).isEqualTo(10);
        });
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void tenSeededAttemptsStayWithinTheirCeilings(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.BACKOFF, cloud, () -> {
            SnapshotClient client = clients.client(cloud, seeded(), s -> ErrorCoverageTest.with(s, "maxAttempts", "10"));
            Answer[] ten = new Answer[10];
            Arrays.fill(ten, transientRefusal(cloud));
            rig.proxy.on(ErrorCoverageTest.call(cloud, Call.CREATE), ten);
            int before = clients.clock().sleeps().size();

            ServiceException e = catchThrowableOfType(ServiceException.class,
                    () -> client.createSnapshot(cloud.request(rig.diskId(cloud)).build()));

            List<Duration> pauses = pausesSince(before);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getSuppressed()).hasSize(9);
            assertThat(pauses).hasSize(9);
            assertWithinJitter(pauses);
            assertThat(pauses).isEqualTo(expectedDraws(9));
            assertThat(creates(cloud)).isEqualTo(10);
            assertThat(rig.emulator.snapshots(cloud.id)).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void noAttemptStartsAfterFiveMinutes(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.BACKOFF, cloud, () -> {
            SnapshotClient client = clients.client(cloud, seeded(), s -> ErrorCoverageTest.with(s, "maxAttempts", "10"));
            Answer[] ten = new Answer[10];
            Arrays.fill(ten, refusal(cloud, "Retry-After", "60"));
            rig.proxy.on(ErrorCoverageTest.call(cloud, Call.CREATE), ten);
            int before = clients.clock().sleeps().size();
            Instant start = clients.clock().instant();

            ServiceException e = catchThrowableOfType(ServiceException.class,
                    () -> client.createSnapshot(cloud.request(rig.diskId(cloud)).build()));

            // 60 s apart, the sixth attempt starts at 5:00 and a seventh would start past it.
            assertThat(e.retryAfter()).contains(LONGEST_HINT);
            assertThat(pausesSince(before)).containsExactly(LONGEST_HINT, LONGEST_HINT, LONGEST_HINT, LONGEST_HINT, LONGEST_HINT);
            assertThat(Duration.between(start, clients.clock().instant())).isLessThanOrEqualTo(BUDGET);
            assertThat(creates(cloud)).isEqualTo(6);
            assertThat(e.getSuppressed()).hasSize(5);
        });
    }

    /** What a client must do with one hint. */
    enum Outcome { WAITS, BACKS_OFF, GIVES_UP }

    /**
     * One server hint on a retryable refusal of a create, and what the client must do with it.
     *
     * @param value the header value; {@code date+N} / {@code date-N} stand for an HTTP date N
     *     seconds from the test clock
     * @param delay the pause waited, or the delay carried on the exception when it gives up
     */
    record Hint(Cloud cloud, String header, String value, Outcome outcome, Duration delay) {
        @Override
        public String toString() {
            return cloud + " " + header + ": " + value + " -> " + outcome.name().toLowerCase(java.util.Locale.ROOT)
                    + (delay == null ? "" : " " + delay);
        }
    }

    static Stream<Hint> hints() {
        List<Hint> rows = new ArrayList<>();
        for (Cloud c : Cloud.values()) {
            rows.add(new Hint(c, "Retry-After", "3", Outcome.WAITS, Duration.ofSeconds(3)));
            rows.add(new Hint(c, "Retry-After", "60", Outcome.WAITS, LONGEST_HINT));
            rows.add(new Hint(c, "Retry-After", "date+30", Outcome.WAITS, Duration.ofSeconds(30)));
            rows.add(new Hint(c, "Retry-After", "date-30", Outcome.WAITS, Duration.ZERO));
            rows.add(new Hint(c, "Retry-After", "0", Outcome.WAITS, Duration.ZERO));
            rows.add(new Hint(c, "Retry-After", "-1", Outcome.BACKS_OFF, null));
            rows.add(new Hint(c, "Retry-After", "abc", Outcome.BACKS_OFF, null));
            rows.add(new Hint(c, "Retry-After", "1.5", Outcome.BACKS_OFF, null));
            rows.add(new Hint(c, "Retry-After", "", Outcome.BACKS_OFF, null));
            rows.add(new Hint(c, "Retry-After", "61", Outcome.GIVES_UP, Duration.ofSeconds(61)));
            rows.add(new Hint(c, "Retry-After", "86400", Outcome.GIVES_UP, Duration.ofDays(1)));
            rows.add(new Hint(c, "Retry-After", "date+3600", Outcome.GIVES_UP, Duration.ofHours(1)));
            rows.add(new Hint(c, "Retry-After", Long.toString(Long.MAX_VALUE), Outcome.GIVES_UP, Duration.ofSeconds(Long.MAX_VALUE)));
            // Past any 64-bit count of seconds: longer than any cap, so the retries end.
            rows.add(new Hint(c, "Retry-After", "99999999999999999999999", Outcome.GIVES_UP, Duration.ofSeconds(Long.MAX_VALUE)));
        }
        // Alibaba's gateway hint is in milliseconds, and only a positive one counts.
        rows.add(new Hint(Cloud.ALIYUN, "x-acs-retry-after", "1500", Outcome.WAITS, Duration.ofMillis(1500)));
        rows.add(new Hint(Cloud.ALIYUN, "x-acs-retry-after", "60000", Outcome.WAITS, LONGEST_HINT));
        rows.add(new Hint(Cloud.ALIYUN, "x-acs-retry-after", "0", Outcome.BACKS_OFF, null));
        rows.add(new Hint(Cloud.ALIYUN, "x-acs-retry-after", "-1", Outcome.BACKS_OFF, null));
        rows.add(new Hint(Cloud.ALIYUN, "x-acs-retry-after", "abc", Outcome.BACKS_OFF, null));
        rows.add(new Hint(Cloud.ALIYUN, "x-acs-retry-after", "86400000", Outcome.GIVES_UP, Duration.ofDays(1)));
        rows.add(new Hint(Cloud.ALIYUN, "x-acs-retry-after", "99999999999999999999999", Outcome.GIVES_UP, Duration.ofMillis(Long.MAX_VALUE)));
        // Azure's millisecond hints, read before Retry-After as Azure's own clients read them.
        for (String header : List.of("retry-after-ms", "x-ms-retry-after-ms")) {
            rows.add(new Hint(Cloud.AZURE, header, "1500", Outcome.WAITS, Duration.ofMillis(1500)));
            rows.add(new Hint(Cloud.AZURE, header, "60000", Outcome.WAITS, LONGEST_HINT));
            rows.add(new Hint(Cloud.AZURE, header, "0", Outcome.WAITS, Duration.ZERO));
            rows.add(new Hint(Cloud.AZURE, header, "-1", Outcome.BACKS_OFF, null));
            rows.add(new Hint(Cloud.AZURE, header, "abc", Outcome.BACKS_OFF, null));
            rows.add(new Hint(Cloud.AZURE, header, "86400000", Outcome.GIVES_UP, Duration.ofDays(1)));
            rows.add(new Hint(Cloud.AZURE, header, "99999999999999999999999", Outcome.GIVES_UP, Duration.ofMillis(Long.MAX_VALUE)));
        }
        // Cinder copies the wait into the over-limit body; without a header the body's counts.
        rows.add(new Hint(Cloud.OPENSTACK, "body:retryAfter", "4", Outcome.WAITS, Duration.ofSeconds(4)));
        rows.add(new Hint(Cloud.OPENSTACK, "body:retryAfter", "86400", Outcome.GIVES_UP, Duration.ofDays(1)));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hints")
    void serverHintsAreHonouredUpToTheirCap(Hint hint) throws Throwable {
        Scoreboard.run(Group.BACKOFF, hint.cloud(), () -> {
            Cloud cloud = hint.cloud();
            SnapshotClient client = clients.client(cloud, seeded(), s -> s);
            String value = hint.value().startsWith("date")
                    ? httpDate(clients.clock().instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(Long.parseLong(hint.value().substring(4))))
                    : hint.value();
            Answer answer = hint.header().equals("body:retryAfter")
                    ? Answers.status(413, "application/json", "{\"overLimit\":{\"code\":413,\"message\":\"This request was"
                            + " rate-limited.\",\"retryAfter\":\"" + value + "\"}}", "x-openstack-request-id", "req-over-limit")
                    : refusal(cloud, hint.header(), value);
            rig.proxy.on(ErrorCoverageTest.call(cloud, Call.CREATE), answer);
            int before = clients.clock().sleeps().size();

            ServiceException failure = null;
            try {
                client.createSnapshot(cloud.request(rig.diskId(cloud)).build());
            } catch (ServiceException e) {
                failure = e;
            }

            List<Duration> pauses = pausesSince(before);
            switch (hint.outcome()) {
                case WAITS -> {
                    assertThat(failure).as("retried after the hint").isNull();
                    assertThat(pauses).hasSize(1);
                    if (hint.value().startsWith("date+")) {
                        // An HTTP date has whole seconds; the clock does not.
                        assertThat(pauses.get(0)).isBetween(hint.delay().minusSeconds(1), hint.delay());
                    } else {
                        assertThat(pauses).containsExactly(hint.delay());
                    }
                    assertThat(creates(cloud)).isEqualTo(2);
                    assertThat(rig.emulator.snapshots(cloud.id)).hasSize(1);
                }
                case BACKS_OFF -> {
                    assertThat(failure).as("retried after the backoff").isNull();
                    assertThat(pauses).as("the seeded draw under 200 ms").isEqualTo(expectedDraws(1));
                    assertThat(creates(cloud)).isEqualTo(2);
                    assertThat(rig.emulator.snapshots(cloud.id)).hasSize(1);
                }
                case GIVES_UP -> {
                    assertThat(failure).as("a wait past the cap ends the retries").isNotNull();
                    assertThat(failure.isRetryable()).isTrue();
                    assertThat(failure.retryAfter()).as("the wait travels on the exception").isPresent();
                    assertThat(failure.retryAfter().get()).isGreaterThan(LONGEST_HINT);
                    if (hint.delay() != null) {
                        if (hint.value().startsWith("date+")) {
                            assertThat(failure.retryAfter().get()).isBetween(hint.delay().minusSeconds(1), hint.delay());
                        } else {
                            assertThat(failure.retryAfter()).contains(hint.delay());
                        }
                    }
                    assertThat(pauses).as("no pause").isEmpty();
                    assertThat(creates(cloud)).isEqualTo(1);
                    assertThat(rig.emulator.snapshots(cloud.id)).isEmpty();
                }
            }
        });
    }

    // ---- the refusals -------------------------------------------------------------------------

    /** A retryable refusal with no hint: the provider's throttling, or Cinder's 503. */
    static Answer transientRefusal(Cloud cloud) {
        return refusal(cloud);
    }

    /** The provider's retryable refusal with {@code headers} (name, value, ...) added. */
    static Answer refusal(Cloud cloud, String... headers) {
        List<String> h = new ArrayList<>(Arrays.asList(headers));
        return switch (cloud) {
            case AZURE -> {
                h.addAll(List.of("x-ms-request-id", "2f1b7c6e-0d4a-4f6b-9a51-3c7e1d2b8a90"));
                yield Answers.status(429, "application/json", "{\"error\":{\"code\":\"TooManyRequests\",\"message\":"
                        + "\"The server rejected the request because too many requests have been received.\"}}", h.toArray(String[]::new));
            }
            case YANDEX -> Answers.status(429, "application/json", "{\"code\":8,\"message\":\"Too many requests\",\"details\":"
                    + "[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"7c1e\"}]}", h.toArray(String[]::new));
            case AWS_SGW -> {
                h.addAll(List.of("x-amzn-RequestId", "CSOC7TJPLR0OOKIRLGOHVAICUFVV4KQNSO5AEMVJF66Q9ASUAAJG"));
                yield Answers.status(400, "application/x-amz-json-1.1", "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}",
                        h.toArray(String[]::new));
            }
            case ALIYUN -> Answers.status(400, "application/json", "{\"RequestId\":\"D5D3B0B8-3F05-4C4A-9F57-0F2E2A0E6A11\","
                    + "\"HostId\":\"ecs.cn-hangzhou.aliyuncs.com\",\"Code\":\"Throttling.User\",\"Message\":\"Request was denied"
                    + " due to user flow control.\"}", h.toArray(String[]::new));
            case OPENSTACK -> {
                // Cinder's over-limit answer without a positive wait is a hard quota, so its
                // transient refusal is the 503.
                h.addAll(List.of("x-openstack-request-id", "req-f2f3f6ca-e342-4cd8-bc12-71a5436ef5fc"));
                yield Answers.status(503, "application/json", "{\"serviceUnavailable\":{\"code\":503,\"message\":"
                        + "\"Service temporarily unavailable.\"}}", h.toArray(String[]::new));
            }
        };
    }

    // ---- support ------------------------------------------------------------------------------

    /** Returns the jitter source of these tests: the same seed, so the same draws, every run. */
    private static DoubleSupplier seeded() {
        return new Random(SEED)::nextDouble;
    }

    /**
     * Returns the first {@code n} pauses the seeded source gives: each draw times its attempt's
     * ceiling, {@code min(20 s, 200 ms * 2^(n-1))}.
     */
    private static List<Duration> expectedDraws(int n) {
        Random r = new Random(SEED);
        List<Duration> out = new ArrayList<>();
        for (int attempt = 1; attempt <= n; attempt++) {
            out.add(Duration.ofNanos((long) (r.nextDouble() * ceiling(attempt).toNanos())));
        }
        return out;
    }

    private static Duration ceiling(int attempt) {
        Duration c = BASE;
        for (int i = 1; i < attempt && c.compareTo(CAP) < 0; i++) {
            c = c.multipliedBy(2);
        }
        return c.compareTo(CAP) > 0 ? CAP : c;
    }

    private static void assertWithinJitter(List<Duration> pauses) {
        for (int i = 0; i < pauses.size(); i++) {
            assertThat(pauses.get(i)).as("pause after attempt " + (i + 1)).isBetween(Duration.ZERO, ceiling(i + 1));
            assertThat(pauses.get(i)).isLessThanOrEqualTo(CAP);
        }
    }

    private static List<Duration> pausesSince(int before) {
        return clients.pausesSince(before);
    }

    private static long creates(Cloud cloud) {
        return rig.proxy.journal().stream().filter(ErrorCoverageTest.call(cloud, Call.CREATE)).count();
    }

    private static String httpDate(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }
}
