package io.snapshotsdk.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lenient readers give up on numbers no value can hold instead of throwing. */
class ParseTest {

    @Test
    void bytesLeavesOutNegativeAndOverflowingSizes() {
        assertThat(Parse.bytes(100, 1L << 30)).hasValue(100L << 30);
        assertThat(Parse.bytes(0, 1L << 30)).hasValue(0);
        assertThat(Parse.bytes(-1, 1)).isEmpty();
        assertThat(Parse.bytes(Long.MAX_VALUE, 1L << 30)).isEmpty();
        assertThat(Parse.bytes(8_589_934_592L, 1L << 30)).isEmpty();
    }

    @Test
    void expiriesPastAnyInstantAreEmpty() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(Parse.after(now, 3599)).contains(Instant.parse("2026-01-01T00:59:59Z"));
        assertThat(Parse.after(now, -60)).contains(Instant.parse("2025-12-31T23:59:00Z"));
        assertThat(Parse.after(now, Long.MAX_VALUE)).isEmpty();
        assertThat(Parse.after(now, Long.MIN_VALUE)).isEmpty();
        assertThat(Parse.epochSecond(1506484173)).contains(Instant.ofEpochSecond(1506484173));
        assertThat(Parse.epochSecond(Long.MAX_VALUE)).isEmpty();
        assertThat(Parse.epochSecond(Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void onlyVisibleAsciiTokensCanBeSent() {
        assertThat(TokenStage.isSendable("eyJ0eXAi.e30.sig-_~+/=")).isTrue();
        assertThat(TokenStage.isSendable("")).isFalse();
        assertThat(TokenStage.isSendable("a b")).isFalse();
        assertThat(TokenStage.isSendable("a\u0000b")).isFalse();
        assertThat(TokenStage.isSendable("a\r\nX-Injected: 1")).isFalse();
        assertThat(TokenStage.isSendable("t\u00e9")).isFalse();
        assertThat(TokenStage.isSendable("\uD83D\uDCA5")).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "2025-02-03T23:53:18Z", "2025-02-03T23:53:18.1Z", "2025-02-03T23:53:18.195Z", "2025-02-03T23:53:18.123456789Z",
        "2025-02-03T23:53:18+01:00", "2025-02-03T23:53:18.1951234-05:30", "2024-02-29T00:00:00Z", "1970-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2025-02-03t23:53:18z", " 2025-02-03T23:53:18Z ",
        "2025-02-03T23:53:18+18:00", "2016-12-31T23:59:60Z"
    })
    void readsEveryInstantTheJdkReadsToTheSameValue(String text) {
        assertThat(Parse.instant(text)).contains(java.time.Instant.parse(text.trim()));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "", "2025-02-03", "2025-02-03T23:53:18", "2025-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2025-13-01T00:00:00Z",
        "2025-02-03T23:60:00Z", "2025-02-03T23:53:18.1234567890Z",
        "2025-02-03T23:53:18+1:00", "2025-02-03T23:53:18+01:60", "2025-02-03T23:53:18Zjunk", "２025-02-03T23:53:18Z",
        "2025-02-03 23:53:18Z"
    })
    void refusesWhatIsNotAnInstant(String text) {
        assertThat(Parse.instant(text)).isEmpty();
    }

    @Test
    void readsCindersZonelessTimesAsUtc() {
        assertThat(Parse.instantUtcByDefault("2019-03-11T16:24:34.469003")).contains(Instant.parse("2019-03-11T16:24:34.469003Z"));
        assertThat(Parse.instantUtcByDefault("2019-03-11T16:24:34")).contains(Instant.parse("2019-03-11T16:24:34Z"));
        assertThat(Parse.instantUtcByDefault("2019-03-11T16:24:34+02:00")).contains(Instant.parse("2019-03-11T14:24:34Z"));
        assertThat(Parse.instantUtcByDefault("2019-03-11T16:24")).contains(Instant.parse("2019-03-11T16:24:00Z"));
        assertThat(Parse.instantUtcByDefault("yesterday")).isEmpty();
    }
}
