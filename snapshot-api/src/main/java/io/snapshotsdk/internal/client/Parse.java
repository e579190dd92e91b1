package io.snapshotsdk.internal.client;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

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

    /**
     * Returns {@code count} units of {@code unitBytes} bytes, such as a size in GiB as bytes; empty
     * when the count is negative or the product does not fit in a long.
     */
    public static OptionalLong bytes(long count, long unitBytes) {
        if (count < 0 || unitBytes < 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.multiplyExact(count, unitBytes));
        } catch (ArithmeticException tooLarge) {
            return OptionalLong.empty();
        }
    }

    /** Returns {@code seconds} after {@code now}, such as a token's {@code expires_in}; empty when no instant is that far. */
    public static Optional<Instant> after(Instant now, long seconds) {
        try {
            return Optional.of(now.plusSeconds(seconds));
        } catch (DateTimeException | ArithmeticException outOfRange) {
            return Optional.empty();
        }
    }

    /** Returns the instant {@code seconds} after the epoch, such as a token's {@code expires_on}; empty when there is none. */
    public static Optional<Instant> epochSecond(long seconds) {
        try {
            return Optional.of(Instant.ofEpochSecond(seconds));
        } catch (DateTimeException outOfRange) {
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
