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
}
