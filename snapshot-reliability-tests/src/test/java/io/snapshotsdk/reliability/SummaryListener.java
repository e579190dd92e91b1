package io.snapshotsdk.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the scoreboard when the test plan ends and writes it to
 * {@code target/reliability-summary.md}, the table the README quotes.
 */
public final class SummaryListener implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (Scoreboard.isEmpty()) {
            return;
        }
        String table = Scoreboard.table();
        System.out.println("\nReliability suite: scenarios passed/run, per provider and group\n\n" + table);
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("reliability-summary.md"), table);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
