package io.snapshotsdk.internal.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256, HMAC-SHA1, HMAC-SHA256 and lower-case hex, for the request signers. Each thread keeps
 * its own digest and MAC objects: looking them up in the security providers costs more than the
 * hashing of a request does.
 */
public final class Hashing {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> instance("SHA-256"));
    private static final ThreadLocal<Mac> HMAC_SHA_256 = ThreadLocal.withInitial(() -> mac("HmacSHA256"));
    private static final ThreadLocal<Mac> HMAC_SHA_1 = ThreadLocal.withInitial(() -> mac("HmacSHA1"));

    private static final String EMPTY_SHA_256_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private Hashing() {}

    /** Returns the SHA-256 digest of {@code data}. */
    public static byte[] sha256(byte[] data) {
        // digest() resets the object for the next use.
        return SHA_256.get().digest(data);
    }

    /** Returns the SHA-256 digest of {@code data} as lower-case hex. */
    public static String sha256Hex(byte[] data) {
        // Most signed requests have no body.
        return data.length == 0 ? EMPTY_SHA_256_HEX : hex(sha256(data));
    }

    /** Returns the SHA-256 digest of the UTF-8 bytes of {@code text} as lower-case hex. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns HMAC-SHA256 of {@code data} under {@code key}. */
    public static byte[] hmacSha256(byte[] key, byte[] data) {
        return hmac(HMAC_SHA_256.get(), key, data);
    }

    /** Returns HMAC-SHA256 of the UTF-8 bytes of {@code text} under {@code key}. */
    public static byte[] hmacSha256(byte[] key, String text) {
        return hmacSha256(key, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns HMAC-SHA1 of {@code data} under {@code key}. */
    public static byte[] hmacSha1(byte[] key, byte[] data) {
        return hmac(HMAC_SHA_1.get(), key, data);
    }

    /** Returns {@code bytes} as lower-case hex. */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    private static byte[] hmac(Mac mac, byte[] key, byte[] data) {
        try {
            // init() with the key replaces any earlier key; doFinal() leaves the MAC ready for reuse.
            mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an HMAC key of any length is valid", e);
        }
    }

    private static MessageDigest instance(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }

    private static Mac mac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}
