package io.snapshotsdk.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Sweeps the SDK's log records of the whole test run for secrets: it installs
 * {@link SecretsCapture} before the first test, so every record of every test class is checked
 * as it is logged (a leak fails the test that made it), and at the end writes what it checked
 * and any leak to {@code target/secrets-sweep.md} and prints the leaks. JUnit only logs what a
 * listener throws, which is why the failing happens in the logging call and not here.
 */
public final class SecretsSweepListener implements TestExecutionListener {
    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        SecretsCapture.install();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        List<String> leaks = SecretsCapture.leaks();
        String report = "SDK log records checked for secrets over the whole run: " + SecretsCapture.seen()
                + "; leaks: " + leaks.size() + "\n" + String.join("\n", leaks) + "\n";
        if (!leaks.isEmpty()) {
            System.err.println(report);
        }
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("secrets-sweep.md"), report);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
