package io.snapshotsdk.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The signing helpers against published values (FIPS 180-2, RFC 2202, RFC 4231). */
class CodecTest {

    @Test
    void sha256OfAbc() {
        assertThat(Hashing.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Hashing.sha256Hex(new byte[0])).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Hashing.sha256Hex(new byte[0])).isEqualTo(Hashing.hex(Hashing.sha256(new byte[0])));
    }

    @Test
    void hmacSha256Rfc4231Case2() {
        byte[] mac = Hashing.hmacSha256("Jefe".getBytes(StandardCharsets.UTF_8), "what do ya want for nothing?");
        assertThat(Hashing.hex(mac)).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void hmacSha1Rfc2202Case2() {
        byte[] mac = Hashing.hmacSha1("Jefe".getBytes(StandardCharsets.UTF_8),
                "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8));
        assertThat(Hashing.hex(mac)).isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    }

    @Test
    void alibabaV1DocumentedSignature() {
        // The ECS documentation's DescribeRegions example: string to sign under "testsecret&".
        String stringToSign = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
                + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
                + "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26";
        byte[] mac = Hashing.hmacSha1("testsecret&".getBytes(StandardCharsets.UTF_8), stringToSign.getBytes(StandardCharsets.UTF_8));
        assertThat(Base64.getEncoder().encodeToString(mac)).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    @Test
    void rfc3986EncodesAllButUnreserved() {
        assertThat(Rfc3986.encode("AZaz09-._~")).isEqualTo("AZaz09-._~");
        assertThat(Rfc3986.encode("a b+c*d%e/f=g&h")).isEqualTo("a%20b%2Bc%2Ad%25e%2Ff%3Dg%26h");
        assertThat(Rfc3986.encode("\u1234")).isEqualTo("%E1%88%B4");
        assertThat(Rfc3986.encode("2016-02-23T12:46:24Z")).isEqualTo("2016-02-23T12%3A46%3A24Z");
        assertThat(Rfc3986.encodePath("/example space/\u1234")).isEqualTo("/example%20space/%E1%88%B4");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "2026-12-01T12:00:00Z", "2015-08-30T12:36:00.999Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z"
    })
    void writesTheTwoSigningTimestampsAsTheJdkFormattersDo(String text) {
        java.time.Instant t = java.time.Instant.parse(text);
        assertThat(UtcTimestamps.basic(t)).isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(t));
        assertThat(UtcTimestamps.extended(t)).isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(t));
    }
}
