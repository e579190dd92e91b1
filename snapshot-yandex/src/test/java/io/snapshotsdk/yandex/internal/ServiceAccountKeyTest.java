package io.snapshotsdk.yandex.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapshotsdk.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authorized key loads (preamble included) and its PS256 JWT verifies with the public key. */
class ServiceAccountKeyTest {
    static final KeyPair PAIR = generate();

    static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns a key file as {@code yc iam key create} writes it, with the current preamble. */
    static String keyFile(KeyPair pair) {
        String pem = "PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID lfkoe35hsk58aks301nl\n-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return new ObjectMapper().createObjectNode().put("id", "lfkoe35hsk58aks301nl").put("service_account_id", "ajepg0mjt06siua65usm")
                .put("created_at", "2019-03-20T10:04:56Z").put("key_algorithm", "RSA_2048")
                .put("public_key", "-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n").put("private_key", pem).toString();
    }

    /** Checks a JWT the way the IAM service does and returns its payload. */
    static JsonNode verify(String jwt, PublicKey key) throws Exception {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(header.get("alg").asText()).isEqualTo("PS256");
        assertThat(header.get("kid").asText()).isEqualTo("lfkoe35hsk58aks301nl");
        Signature ps256 = Signature.getInstance("RSASSA-PSS");
        ps256.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        ps256.initVerify(key);
        ps256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(ps256.verify(Base64.getUrlDecoder().decode(parts[2]))).as("PS256 signature, salt 32").isTrue();
        JsonNode payload = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(payload.get("iss").asText()).isEqualTo("ajepg0mjt06siua65usm");
        assertThat(payload.get("exp").asLong() - payload.get("iat").asLong()).isLessThanOrEqualTo(3600);
        return payload;
    }

    @Test
    void aJwtFromTheInlineKeyVerifies(@TempDir Path dir) throws Exception {
        ServiceAccountKey key = ServiceAccountKey.load(keyFile(PAIR));
        JsonNode payload = verify(key.jwt("https://iam.api.cloud.yandex.net/iam/v1/tokens", Instant.parse("2026-01-01T00:00:00Z")), PAIR.getPublic());
        assertThat(payload.get("aud").asText()).isEqualTo("https://iam.api.cloud.yandex.net/iam/v1/tokens");
        assertThat(payload.get("iat").asLong()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());

        Path file = dir.resolve("key.json");
        Files.writeString(file, keyFile(PAIR));
        assertThat(ServiceAccountKey.load(file.toString()).keyId()).isEqualTo("lfkoe35hsk58aks301nl");
        assertThat(key.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void brokenKeysAreNamed(@TempDir Path dir) {
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> ServiceAccountKey.load(dir.resolve("missing.json").toString()))
                .getMessage()).contains("cannot read");
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> ServiceAccountKey.load("{\"id\":\"x\"}")).getMessage())
                .contains("private_key");
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> ServiceAccountKey.load("{\"id\":\"x\",\"service_account_id\":\"y\","
                + "\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nbm90IGEga2V5\\n-----END PRIVATE KEY-----\"}")).getMessage())
                .contains("PKCS#8");
    }
}
