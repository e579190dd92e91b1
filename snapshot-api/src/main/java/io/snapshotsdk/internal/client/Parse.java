package io.snapshotsdk.internal.client;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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

    /** Returns an ISO-8601 instant such as {@code 2025-02-03T23:53:18.195Z} or {@code ...18+01:00}. */
    public static Optional<Instant> instant(String text) {
        String t = text.trim();
        Instant common = commonForm(t, false);
        if (common != null) {
            return Optional.of(common);
        }
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Returns an ISO-8601 date-time, read as UTC when it names no zone (as Cinder writes them). */
    public static Optional<Instant> instantUtcByDefault(String text) {
        String t = text.trim();
        Instant common = commonForm(t, true);
        if (common != null) {
            return Optional.of(common);
        }
        try {
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return instant(t);
        }
    }

    /**
     * Reads {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}, the form every provider writes, without
     * the JDK's formatters, which cost microseconds a field; anything else is null, left to them.
     */
    private static Instant commonForm(String t, boolean zoneOptional) {
        int n = t.length();
        if (n < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != 't')
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                nanos = nanos * 10 + (t.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n) {
            if (!zoneOptional) {
                return null;
            }
            offsetSeconds = 0;
        } else if ((t.charAt(i) == 'Z' || t.charAt(i) == 'z') && i + 1 == n) {
            offsetSeconds = 0;
        } else if ((t.charAt(i) == '+' || t.charAt(i) == '-') && i + 6 == n && t.charAt(i + 3) == ':') {
            int oh = digits(t, i + 1, 2);
            int om = digits(t, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
        } catch (DateTimeException noSuchDay) {
            return null;
        }
    }

    /** Returns the decimal number in {@code t[from, from + count)}, or -1 if any of it is not a digit. */
    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
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
