package io.snapshotsdk.internal.client;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Lenient readers for the text fields providers answer with: a field that does not parse is
 * left out of the snapshot rather than failing the whole read.
 */
public final class Parse {
    private Parse() {}

    /** Returns {@code "30%"}, {@code "30"} or {@code "30.7"} as 30, when it is from 0 to 100. */
    public static Optional<Integer> percent(String text) {
        String p = text.trim();
        p = p.endsWith("%") ? p.substring(0, p.length() - 1).trim() : p;
        try {
            double n = Double.parseDouble(p);
            return n >= 0 && n <= 100 ? Optional.of((int) Math.floor(n)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns an ISO-8601 instant such as {@code 2025-02-03T23:53:18.195Z}. */
    public static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Returns a decimal count that is not negative. */
    public static Optional<Long> count(String text) {
        try {
            long n = Long.parseLong(text.trim());
            return n >= 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
