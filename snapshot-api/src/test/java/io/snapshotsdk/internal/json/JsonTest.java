package io.snapshotsdk.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming reader and writer give the trees and bytes Jackson's mapper gives, within the bounds. */
class JsonTest {
    private static final ObjectMapper REFERENCE = new ObjectMapper();

    private static Object read(String text) {
        return Json.read(text.getBytes(StandardCharsets.UTF_8)).map(Object.class::cast).orElse("(none)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "\"text\"", "0", "-7", "2147483648", "9223372036854775808", "1.5e3", "true", "false", "null",
        "{\"b\":1,\"a\":[1,2.25,{\"c\":null,\"d\":\"\\u00e9\\n\\\"\"}],\"e\":{\"f\":[[],{}]}}",
        "{\"k\":1,\"k\":2}", "{\"s\":\"\\ud83d\\ude00 snapshot\"}"
    })
    void readsWhatTheMapperReadsAndWritesWhatItWrites(String text) throws Exception {
        JsonNode expected = REFERENCE.readTree(text);
        JsonNode actual = Json.read(text.getBytes(StandardCharsets.UTF_8)).orElseThrow();

        assertThat(actual).isEqualTo(expected);
        assertThat(Json.write(actual)).isEqualTo(REFERENCE.writeValueAsBytes(expected));
        assertThat(Json.text(actual)).isEqualTo(new String(REFERENCE.writeValueAsBytes(expected), StandardCharsets.UTF_8));
    }

    @Test
    void keepsTheOrderFieldsWerePutIn() {
        ObjectNode body = Json.object().put("z", 1).put("a", "x");
        body.putArray("m").add(BigInteger.TEN).add(true);
        assertThat(Json.text(body)).isEqualTo("{\"z\":1,\"a\":\"x\",\"m\":[10,true]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "{\"a\":", "{} {}", "{}x", "[1,]", "{'a':1}", "nul", "\"open", "{\"a\" 1}"})
    void refusesAnythingButExactlyOneValue(String text) {
        assertThat(read(text)).isEqualTo("(none)");
    }

    @Test
    void refusesNestingDeeperThan64Levels() {
        assertThat(Json.read(("[".repeat(64) + "]".repeat(64)).getBytes(StandardCharsets.UTF_8))).isPresent();
        assertThat(Json.read(("[".repeat(65) + "]".repeat(65)).getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Json.read(("[".repeat(100_000)).getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void refusesStringsLongerThanOneMebibyte() {
        assertThat(read("\"" + "x".repeat(1 << 20) + "\"")).isNotEqualTo("(none)");
        assertThat(read("\"" + "x".repeat((1 << 20) + 1) + "\"")).isEqualTo("(none)");
    }

    @Test
    void refusesMalformedUtf8() {
        byte[] bad = {'"', (byte) 0xC3, (byte) 0x28, '"'};
        assertThat(Json.read(bad)).isEmpty();
    }

    @Test
    void readsOnlyObjectsWhereAnObjectIsDocumented() {
        for (String notObject : List.of("[]", "1", "\"s\"", "null")) {
            assertThat(Json.tryReadObject(notObject.getBytes(StandardCharsets.UTF_8))).isEmpty();
        }
        assertThat(Json.tryReadObject("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isPresent();
    }
}
