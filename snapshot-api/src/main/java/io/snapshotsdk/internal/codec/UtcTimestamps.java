package io.snapshotsdk.internal.codec;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The UTC timestamps signers write, to the second: SigV4's {@code 20261201T120000Z} and the ISO
 * {@code 2026-12-01T12:00:00Z} Alibaba Cloud signs. Written by hand: a {@code DateTimeFormatter}
 * costs a microsecond a call and some fifty classes at start-up for these two fixed forms.
 */
public final class UtcTimestamps {
    private UtcTimestamps() {}

    /** Returns {@code yyyyMMdd'T'HHmmss'Z'}. */
    public static String basic(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(16);
        year(b, t.getYear());
        two(b, t.getMonthValue());
        two(b, t.getDayOfMonth());
        b.append('T');
        two(b, t.getHour());
        two(b, t.getMinute());
        two(b, t.getSecond());
        return b.append('Z').toString();
    }

    /** Returns {@code yyyy-MM-dd'T'HH:mm:ss'Z'}. */
    public static String extended(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(20);
        year(b, t.getYear());
        two(b.append('-'), t.getMonthValue());
        two(b.append('-'), t.getDayOfMonth());
        two(b.append('T'), t.getHour());
        two(b.append(':'), t.getMinute());
        two(b.append(':'), t.getSecond());
        return b.append('Z').toString();
    }

    private static void year(StringBuilder b, int year) {
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("a signing timestamp has a four-digit year, not " + year);
        }
        two(b, year / 100);
        two(b, year % 100);
    }

    private static void two(StringBuilder b, int v) {
        b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
