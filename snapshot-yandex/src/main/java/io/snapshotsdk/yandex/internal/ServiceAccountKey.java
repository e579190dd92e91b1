package io.snapshotsdk.yandex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.yandex.YandexSnapshotClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;

/**
 * A service account's authorized key (the JSON {@code yc iam key create} writes) and the PS256
 * JWT it signs to get an IAM token: RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt,
 * header {@code {"typ":"JWT","alg":"PS256","kid":…}}, lifetime one hour.
 */
final class ServiceAccountKey {
    private static final String ID = YandexSnapshotClient.PROVIDER_ID;
    private static final String PEM_HEADER = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_FOOTER = "-----END PRIVATE KEY-----";

    private final String keyId;
    private final String serviceAccountId;
    private final PrivateKey privateKey;

    private ServiceAccountKey(String keyId, String serviceAccountId, PrivateKey privateKey) {
        this.keyId = keyId;
        this.serviceAccountId = serviceAccountId;
        this.privateKey = privateKey;
    }

    /**
     * Reads a key from a file path or from the JSON itself.
     *
     * @throws InvalidRequestException if it cannot be read or is not an authorized key
     */
    static ServiceAccountKey load(String pathOrJson) {
        String json = pathOrJson.trim();
        if (!json.startsWith("{")) {
            Path path = Paths.get(json);
            try {
                json = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidRequestException(ID, "serviceAccountKeyFile", "cannot read " + path + ": " + e.getClass().getSimpleName());
            }
        }
        JsonNode n = Json.tryReadObject(json.getBytes(StandardCharsets.UTF_8)).orElseThrow(() ->
                new InvalidRequestException(ID, "serviceAccountKeyFile", "is not the JSON of an authorized key"));
        String keyId = Json.text(n, "id").orElse("");
        String account = Json.text(n, "service_account_id").or(() -> Json.text(n, "serviceAccountId")).orElse("");
        String pem = Json.text(n, "private_key").or(() -> Json.text(n, "privateKey")).orElse("");
        if (keyId.isEmpty() || account.isEmpty() || !pem.contains(PEM_HEADER) || !pem.contains(PEM_FOOTER)) {
            throw new InvalidRequestException(ID, "serviceAccountKeyFile",
                    "needs id, service_account_id and a PKCS#8 private_key (-----BEGIN PRIVATE KEY-----)");
        }
        // Current keys start with a "PLEASE DO NOT REMOVE THIS LINE!" preamble before the PEM.
        String base64 = pem.substring(pem.indexOf(PEM_HEADER) + PEM_HEADER.length(), pem.indexOf(PEM_FOOTER)).replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new ServiceAccountKey(keyId, account, key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidRequestException(ID, "serviceAccountKeyFile", "private_key is not a PKCS#8 RSA key");
        }
    }

    /** Returns the signed JWT for {@code audience}, valid from {@code now} for one hour. */
    String jwt(String audience, Instant now) {
        String header = "{\"typ\":\"JWT\",\"alg\":\"PS256\",\"kid\":" + quote(keyId) + "}";
        long iat = now.getEpochSecond();
        String payload = "{\"iss\":" + quote(serviceAccountId) + ",\"aud\":" + quote(audience)
                + ",\"iat\":" + iat + ",\"exp\":" + (iat + 3600) + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "." + base64Url(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature ps256 = Signature.getInstance("RSASSA-PSS");
            ps256.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            ps256.initSign(privateKey);
            ps256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(ps256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime from 11 on signs RSASSA-PSS", e);
        }
    }

    String keyId() {
        return keyId;
    }

    private static String quote(String s) {
        return Json.text(TextNode.valueOf(s));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[id=" + keyId + ", serviceAccountId=" + serviceAccountId + ", privateKey=****]";
    }
}
