package io.snapshotsdk.aliyun.internal;

import io.snapshotsdk.internal.codec.Hashing;
import io.snapshotsdk.internal.codec.Rfc3986;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The two Alibaba Cloud request signatures, as the ECS and SDK documentation define them.
 *
 * <p>V1 (the RPC signed query): the sorted, percent-encoded parameters are signed as
 * {@code METHOD&%2F&enc(query)} with HMAC-SHA1 under {@code secret + "&"}, in Base64. V3
 * ({@code ACS3-HMAC-SHA256}): a canonical request of method, path, sorted query, the
 * {@code host}, {@code content-type} and {@code x-acs-*} headers and the payload hash is hashed
 * and signed with HMAC-SHA256 under the raw secret, in hex.
 */
public final class AcsSignature {
    public static final String V3_ALGORITHM = "ACS3-HMAC-SHA256";

    private AcsSignature() {}

    /**
     * Returns a fresh signature nonce: 32 random lower-case hex digits (a random UUID without its
     * dashes), as the Alibaba Cloud SDKs make them. ECS refuses a nonce it has seen before.
     */
    public static String newNonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Returns V1's canonicalized query string: {@code enc(k)=enc(v)} sorted by name, joined by {@code &}. */
    public static String v1CanonicalQuery(Map<String, String> params) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (s.length() > 0) {
                s.append('&');
            }
            s.append(Rfc3986.encode(e.getKey())).append('=').append(Rfc3986.encode(e.getValue()));
        }
        return s.toString();
    }

    /** Returns V1's string to sign. */
    public static String v1StringToSign(String method, String canonicalQuery) {
        return method.toUpperCase(Locale.ROOT) + "&" + Rfc3986.encode("/") + "&" + Rfc3986.encode(canonicalQuery);
    }

    /** Returns V1's signature: Base64 of HMAC-SHA1 under {@code secret + "&"}. */
    public static String v1Signature(String accessKeySecret, String stringToSign) {
        byte[] mac = Hashing.hmacSha1((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8),
                stringToSign.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac);
    }

    /** Returns V3's canonical query: sorted by raw name, names and values encoded, {@code name=} for empty values. */
    public static String v3CanonicalQuery(Map<String, String> query) {
        return v1CanonicalQuery(query);
    }

    /**
     * Returns V3's canonical request.
     *
     * @param signedHeaders lower-case names to trimmed values, sorted
     */
    public static String v3CanonicalRequest(String method, String path, Map<String, String> query,
            TreeMap<String, String> signedHeaders, String payloadHash) {
        // Room for a typical canonical request (about 700 characters) without growing.
        StringBuilder s = new StringBuilder(1024).append(method.toUpperCase(Locale.ROOT)).append('\n')
                .append(path).append('\n')
                .append(v3CanonicalQuery(query)).append('\n');
        signedHeaders.forEach((name, value) -> s.append(name).append(':').append(value).append('\n'));
        return s.append('\n').append(String.join(";", signedHeaders.keySet())).append('\n').append(payloadHash).toString();
    }

    /** Returns V3's string to sign. */
    public static String v3StringToSign(String canonicalRequest) {
        return V3_ALGORITHM + "\n" + Hashing.sha256Hex(canonicalRequest);
    }

    /** Returns V3's signature: hex HMAC-SHA256 under the raw secret. */
    public static String v3Signature(String accessKeySecret, String stringToSign) {
        return Hashing.hex(Hashing.hmacSha256(accessKeySecret.getBytes(StandardCharsets.UTF_8), stringToSign));
    }

    /** Returns V3's {@code Authorization} value; its parts are joined by commas without spaces. */
    public static String v3Authorization(String accessKeyId, TreeMap<String, String> signedHeaders, String signature) {
        return V3_ALGORITHM + " Credential=" + accessKeyId + ",SignedHeaders=" + String.join(";", signedHeaders.keySet())
                + ",Signature=" + signature;
    }

    /** Returns the headers V3 signs: {@code host}, {@code content-type} and every {@code x-acs-*}, lower-cased and trimmed. */
    public static TreeMap<String, String> v3SignedHeaders(Map<String, String> headers) {
        TreeMap<String, String> out = new TreeMap<>();
        headers.forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals("host") || n.equals("content-type") || n.startsWith("x-acs-")) {
                out.put(n, value.trim());
            }
        });
        return out;
    }
}
