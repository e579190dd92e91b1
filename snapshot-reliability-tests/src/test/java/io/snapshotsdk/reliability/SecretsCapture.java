package io.snapshotsdk.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captures every log record of the SDK and looks for secrets in it. The SDK logs through
 * {@code System.Logger}, which with no other {@code LoggerFinder} installed is backed by
 * {@code java.util.logging}; so a handler on the {@code io.snapshotsdk} logger, at {@code ALL},
 * sees every record of every SDK logger (the emulator's own {@code io.snapshotsdk.testkit} is
 * left out: it is not the SDK).
 *
 * <p>Each record is checked as it is published, on the thread that logged it, against the shapes
 * of the emulator's secrets and of the tokens it issues (the emulator makes them at random per
 * instance, with fixed prefixes); a match is kept and thrown as an {@link AssertionError} into the
 * SDK call that logged it, so the test that leaked fails, whichever test it is. Records are also
 * kept, while {@link #recording()} is on, for exact checks against known canaries.
 */
final class SecretsCapture {
    /**
     * The emulator's secrets and issued tokens: Alibaba, AWS, Entra, Keystone (password,
     * application credential, API key), Yandex OAuth; IAM, Entra and Keystone tokens; a PKCS#8 RSA
     * private key in Base64.
     */
    static final Pattern EMULATOR_SECRET = Pattern.compile(
            "acs-secret-[0-9a-f]{32}|aws-secret-[0-9a-f]{32}|emu8Q~[0-9a-f]{32}|os-(?:password|appcred|apikey)-[0-9a-f]{32}"
                    + "|y0_[0-9a-f]{48}|t1\\.[0-9a-f]{32}|gAAAAAB[0-9a-f]{32}|eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9\\.[0-9a-f]{32}"
                    + "|MIIE[0-9A-Za-z+/]{60}|BEGIN PRIVATE KEY");

    private static final Logger SDK = Logger.getLogger("io.snapshotsdk");
    private static final String EMULATOR_LOGGER = "io.snapshotsdk.testkit";
    private static final SimpleFormatter FORMAT = new SimpleFormatter();
    private static final Collection<String> LEAKS = new ConcurrentLinkedQueue<>();
    private static final Collection<String> RECORDED = new ConcurrentLinkedQueue<>();
    private static final AtomicLong SEEN = new AtomicLong();
    private static volatile boolean recording;
    private static boolean installed;

    private SecretsCapture() {}

    /** Installs the handler once per JVM; later calls do nothing. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLoggerName() != null && record.getLoggerName().startsWith(EMULATOR_LOGGER)) {
                    return;
                }
                String text = text(record);
                SEEN.incrementAndGet();
                if (recording) {
                    RECORDED.add(text);
                }
                Matcher m = EMULATOR_SECRET.matcher(text);
                if (m.find()) {
                    String leak = record.getLoggerName() + " " + record.getLevel() + " logged an emulator secret ("
                            + m.group().substring(0, Math.min(12, m.group().length())) + "...): " + text;
                    LEAKS.add(leak);
                    throw new AssertionError(leak);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        handler.setLevel(Level.ALL);
        SDK.setLevel(Level.ALL);
        SDK.addHandler(handler);
        installed = true;
    }

    /** Returns a record as a log file would hold it: message, parameters and thrown, with causes. */
    static String text(LogRecord record) {
        StringBuilder s = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + ": " + FORMAT.formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            s.append('\n').append(trace);
        }
        return s.toString();
    }

    /** Starts keeping records (clearing those kept before). */
    static void recording() {
        RECORDED.clear();
        recording = true;
    }

    /** Returns the records kept since {@link #recording()}. */
    static List<String> recorded() {
        return new ArrayList<>(RECORDED);
    }

    /** Returns every leak seen in this JVM. */
    static List<String> leaks() {
        return new ArrayList<>(LEAKS);
    }

    /** Returns how many SDK records were checked in this JVM. */
    static long seen() {
        return SEEN.get();
    }
}
