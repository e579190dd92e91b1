package io.snapshotsdk.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads server wait hints: the {@code Retry-After} header, delay-seconds or an HTTP-date (RFC 9110
 * §10.2.3), and the millisecond headers some clouds send beside it. A number too large to hold
 * asks for longer than any cap, so it reads as the longest duration rather than as no hint.
 */
public final class RetryAfter {
    private RetryAfter() {}

    /**
     * Returns the delay {@code value} asks for, measured from {@code now}; a date in the past is
     * zero. Anything else, negative numbers included, is ignored.
     */
    public static Optional<Duration> parse(String value, Instant now) {
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (isDigits(v)) {
            return Optional.of(Duration.ofSeconds(parseOrMax(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    /** Returns the delay {@code value}, a count of milliseconds, asks for; anything but digits is ignored. */
    public static Optional<Duration> parseMillis(String value) {
        String v = value.trim();
        return isDigits(v) ? Optional.of(Duration.ofMillis(parseOrMax(v))) : Optional.empty();
    }

    private static boolean isDigits(String v) {
        return !v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long parseOrMax(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return Long.MAX_VALUE;
        }
    }

    /** Returns the delay the response's {@code Retry-After} header asks for. */
    public static Optional<Duration> of(Response response, Instant now) {
        return response.header("Retry-After").flatMap(v -> parse(v, now));
    }
}
