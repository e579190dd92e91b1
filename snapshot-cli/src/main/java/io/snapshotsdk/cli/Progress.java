package io.snapshotsdk.cli;

import io.snapshotsdk.Snapshot;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Shows a wait on standard error: a bar redrawn in place on a terminal, or one plain line per
 * change when the output goes to a file or a pipe. Percent where the cloud reports it; the state
 * and the time waited always.
 */
final class Progress implements Consumer<Snapshot> {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private String lastLine = "";
    private boolean drawn;

    Progress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void accept(Snapshot s) {
        String elapsed = elapsed(Duration.ofNanos(System.nanoTime() - startNanos));
        if (terminal) {
            err.print("\r" + bar(s) + "  " + s.state() + "  " + elapsed + "\u001b[K");
            err.flush();
            drawn = true;
            return;
        }
        String line = s.providerId() + " " + s.id() + " " + s.state()
                + (s.progressPercent().isPresent() ? " " + s.progressPercent().getAsInt() + "%" : "");
        if (!line.equals(lastLine)) {
            err.println(line + " after " + elapsed);
            lastLine = line;
        }
    }

    /** Ends the bar's line, so what follows starts on a line of its own. */
    synchronized void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }

    private static String bar(Snapshot s) {
        if (s.progressPercent().isEmpty()) {
            return s.id();
        }
        int percent = Math.max(0, Math.min(100, s.progressPercent().getAsInt()));
        int filled = percent * WIDTH / 100;
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + String.format("%3d%%", percent);
    }

    static String elapsed(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return String.format("%d.%ds", seconds, d.toMillisPart() / 100);
        }
        return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
}
