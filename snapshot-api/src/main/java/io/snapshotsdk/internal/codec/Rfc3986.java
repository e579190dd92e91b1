package io.snapshotsdk.internal.codec;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as RFC 3986 §2 defines it: every byte of the UTF-8 form except the unreserved
 * characters {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX} with upper-case hex. This is the
 * encoding SigV4 and both Alibaba Cloud signatures require, and the one used for path segments.
 */
public final class Rfc3986 {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Rfc3986() {}

    /** Returns {@code s} percent-encoded; a space becomes {@code %20}, never {@code +}. */
    public static String encode(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = null;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (isUnreserved(b)) {
                if (out != null) {
                    out.append((char) b);
                }
            } else {
                if (out == null) {
                    out = new StringBuilder(bytes.length + 16);
                    for (int j = 0; j < i; j++) {
                        out.append((char) bytes[j]);
                    }
                }
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return out == null ? s : out.toString();
    }

    /** Returns {@code path} with every segment encoded and the slashes between them kept. */
    public static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                out.append(encode(path.substring(start, i)));
                if (i < path.length()) {
                    out.append('/');
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    /**
     * Returns {@code s} with every {@code %XX} decoded as UTF-8; a {@code +} stays a {@code +}
     * (form decoding's space is not RFC 3986) and a malformed escape is kept as it is.
     */
    public static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int hi = i + 2 < bytes.length ? hexValue(bytes[i + 1]) : -1;
            int lo = i + 2 < bytes.length ? hexValue(bytes[i + 2]) : -1;
            if (bytes[i] == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static boolean isUnreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }
}
