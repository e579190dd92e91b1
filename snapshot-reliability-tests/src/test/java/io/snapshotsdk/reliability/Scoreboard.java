package io.snapshotsdk.reliability;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.function.Executable;

/**
 * Counts the scenarios of the suite per provider and group, so that one table at the end shows
 * what ran and what passed. A test runs each scenario through {@link #run}.
 */
final class Scoreboard {
    /** The ten groups of the suite, in the order of the table. */
    enum Group {
        FAULTS("faults"),
        TOKENS("tokens"),
        ERRORS("errors"),
        BACKOFF("backoff"),
        WAITS("waits"),
        PARSERS("parsers"),
        SECRETS("secrets"),
        HOSTILE_INPUT("hostile input"),
        PINNING("pinning/TLS"),
        CONCURRENCY("concurrency");

        final String title;

        Group(String title) {
            this.title = title;
        }
    }

    private record Cell(LongAdder run, LongAdder passed) {}

    private static final Map<String, Cell> CELLS = new ConcurrentHashMap<>();

    private Scoreboard() {}

    /** Runs one scenario of {@code group} on {@code cloud}, counting it, and rethrows its failure. */
    static void run(Group group, Cloud cloud, Executable scenario) throws Throwable {
        Cell cell = CELLS.computeIfAbsent(group + "/" + cloud, k -> new Cell(new LongAdder(), new LongAdder()));
        cell.run.increment();
        scenario.execute();
        cell.passed.increment();
    }

    /** Returns the table: one row per provider, one column per group, "passed/run" in each cell. */
    static String table() {
        StringBuilder out = new StringBuilder("| provider |");
        for (Group g : Group.values()) {
            out.append(' ').append(g.title).append(" |");
        }
        out.append("\n|---|");
        out.append("---:|".repeat(Group.values().length)).append('\n');
        Map<Group, long[]> totals = new EnumMap<>(Group.class);
        for (Cloud c : Cloud.values()) {
            out.append("| ").append(c.id).append(" |");
            for (Group g : Group.values()) {
                Cell cell = CELLS.get(g + "/" + c);
                long run = cell == null ? 0 : cell.run.sum();
                long passed = cell == null ? 0 : cell.passed.sum();
                long[] t = totals.computeIfAbsent(g, k -> new long[2]);
                t[0] += run;
                t[1] += passed;
                out.append(' ').append(passed).append('/').append(run).append(" |");
            }
            out.append('\n');
        }
        out.append("| **all** |");
        for (Group g : Group.values()) {
            long[] t = totals.get(g);
            out.append(" **").append(t[1]).append('/').append(t[0]).append("** |");
        }
        return out.append('\n').toString();
    }

    /** Returns whether any scenario ran in this JVM. */
    static boolean isEmpty() {
        return CELLS.isEmpty();
    }
}
