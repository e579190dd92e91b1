package io.snapshotsdk.aws.sgw.internal;

import io.snapshotsdk.internal.codec.Hashing;
import io.snapshotsdk.internal.codec.Rfc3986;
import io.snapshotsdk.internal.codec.UtcTimestamps;
import io.snapshotsdk.internal.http.Endpoints;
import io.snapshotsdk.internal.http.Headers;
import io.snapshotsdk.internal.http.Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * AWS Signature Version 4, as the IAM user guide defines it: canonical request, string to sign,
 * derived signing key and {@code Authorization} header. One instance signs for one service and
 * region; it is stateless and thread-safe.
 */
public final class SigV4 {
    /** The algorithm name in the string to sign and the {@code Authorization} header. */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";


    // Hop-by-hop and volatile headers are never signed (the list botocore uses).
    private static final Set<String> UNSIGNED = Set.of("authorization", "connection", "expect", "keep-alive",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "user-agent", "x-amzn-trace-id");

    private final String service;
    private final String region;
    private final boolean signContentSha256;
    // The signing key of the day; region and service are the signer's own.
    private volatile DayKey dayKey;

    /**
     * Creates a signer.
     *
     * @param signContentSha256 whether to add and sign {@code x-amz-content-sha256} (S3 needs it;
     *     other services accept it)
     */
    public SigV4(String service, String region, boolean signContentSha256) {
        this.service = service.toLowerCase(Locale.ROOT);
        this.region = region.toLowerCase(Locale.ROOT);
        this.signContentSha256 = signContentSha256;
    }

    /** Returns {@code request} signed at {@code now}: a fresh date, token and signature replace any old ones. */
    public Request sign(Request request, AwsCredentials credentials, Instant now) {
        String amzDate = UtcTimestamps.basic(now);
        String payloadHash = Hashing.sha256Hex(request.body());
        Request.Builder b = request.toBuilder()
                .removeHeader("Authorization")
                .setHeader("X-Amz-Date", amzDate);
        credentials.sessionToken().ifPresentOrElse(t -> b.setHeader("X-Amz-Security-Token", t),
                () -> b.removeHeader("X-Amz-Security-Token"));
        if (signContentSha256) {
            b.setHeader("x-amz-content-sha256", payloadHash);
        }
        Request unsigned = b.build();
        URI uri = unsigned.uri();
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"host", Endpoints.hostHeader(uri)});
        Headers h = unsigned.headers();
        for (int i = 0; i < h.size(); i++) {
            headers.add(new String[] {h.name(i), h.value(i)});
        }
        Map<String, String> canonical = canonicalHeaders(headers, null);
        String canonicalRequest = canonicalRequest(unsigned.method(), canonicalUri(uri.getRawPath()),
                canonicalQuery(uri.getRawQuery()), canonical, payloadHash);
        String scope = scope(amzDate.substring(0, 8));
        String signature = signature(credentials.secretAccessKey(), amzDate, scope, canonicalRequest);
        // The builder is still the unsigned request's: it only needs the signature added.
        return b.setHeader("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                        + ", SignedHeaders=" + String.join(";", canonical.keySet()) + ", Signature=" + signature)
                .build();
    }

    /** Returns the credential scope {@code date/region/service/aws4_request}. */
    public String scope(String dateStamp) {
        return dateStamp + "/" + region + "/" + service + "/aws4_request";
    }

    /** Returns the hex signature of {@code canonicalRequest} at {@code amzDate}. */
    public String signature(String secretAccessKey, String amzDate, String scope, String canonicalRequest) {
        String dateStamp = amzDate.substring(0, 8);
        DayKey k = dayKey;
        if (k == null || !k.dateStamp.equals(dateStamp) || !k.secret.equals(secretAccessKey)) {
            k = new DayKey(secretAccessKey, dateStamp, signingKey(secretAccessKey, dateStamp, region, service));
            dayKey = k;
        }
        return Hashing.hex(Hashing.hmacSha256(k.key, stringToSign(amzDate, scope, canonicalRequest)));
    }

    /** The signing key of one secret on one day: four HMACs saved on every other call that day. */
    private static final class DayKey {
        final String secret;
        final String dateStamp;
        final byte[] key;

        DayKey(String secret, String dateStamp, byte[] key) {
            this.secret = secret;
            this.dateStamp = dateStamp;
            this.key = key;
        }
    }

    /** Returns {@code X-Amz-Date} for {@code now}: {@code yyyyMMdd'T'HHmmss'Z'} in UTC. */
    public static String amzDate(Instant now) {
        return UtcTimestamps.basic(now);
    }

    /** Returns the signing key: HMAC chained over date, region, service and {@code aws4_request}. */
    public static byte[] signingKey(String secretAccessKey, String dateStamp, String region, String service) {
        byte[] kDate = Hashing.hmacSha256(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), dateStamp);
        byte[] kRegion = Hashing.hmacSha256(kDate, region);
        byte[] kService = Hashing.hmacSha256(kRegion, service);
        return Hashing.hmacSha256(kService, "aws4_request");
    }

    /** Returns the string to sign for a canonical request. */
    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + Hashing.sha256Hex(canonicalRequest);
    }

    /**
     * Returns the canonical request.
     *
     * @param canonicalHeaders lower-case names, sorted, to trimmed values; see {@link #canonicalHeaders}
     */
    public static String canonicalRequest(String method, String canonicalUri, String canonicalQuery,
            Map<String, String> canonicalHeaders, String payloadHash) {
        // Room for a typical canonical request without growing.
        StringBuilder s = new StringBuilder(1024).append(method).append('\n')
                .append(canonicalUri).append('\n')
                .append(canonicalQuery).append('\n');
        canonicalHeaders.forEach((name, value) -> s.append(name).append(':').append(value).append('\n'));
        return s.append('\n').append(String.join(";", canonicalHeaders.keySet())).append('\n')
                .append(payloadHash).toString();
    }

    /**
     * Returns the headers to sign, by lower-case name in sorted order, each value trimmed with inner
     * runs of spaces folded and repeated headers joined by commas in request order.
     *
     * @param headers name and value pairs, {@code host} included
     * @param only when not {@code null}, sign just these lower-case names; else every header but
     *     the hop-by-hop and volatile ones
     */
    public static Map<String, String> canonicalHeaders(List<String[]> headers, Set<String> only) {
        Map<String, String> out = new TreeMap<>(Comparator.naturalOrder());
        for (String[] h : headers) {
            String name = h[0].toLowerCase(Locale.ROOT);
            if (only != null ? !only.contains(name) : UNSIGNED.contains(name)) {
                continue;
            }
            String value = trimAll(h[1]);
            out.merge(name, value, (a, b) -> a + "," + b);
        }
        return out;
    }

    /**
     * Returns the canonical URI of a raw path: {@code /} when empty, dot segments removed, each
     * segment decoded and then percent-encoded once.
     */
    public static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        List<String> out = new ArrayList<>();
        String[] segments = rawPath.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String seg = segments[i];
            boolean last = i == segments.length - 1;
            if (seg.equals(".") || (seg.isEmpty() && !last)) {
                continue;
            }
            if (seg.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(Rfc3986.encode(Rfc3986.decode(seg)));
        }
        return "/" + String.join("/", out);
    }

    /** Returns the canonical query: names and values decoded, encoded once, sorted by name then value. */
    public static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {Rfc3986.encode(Rfc3986.decode(name)), Rfc3986.encode(Rfc3986.decode(value))});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder s = new StringBuilder();
        for (String[] p : pairs) {
            if (s.length() > 0) {
                s.append('&');
            }
            s.append(p[0]).append('=').append(p[1]);
        }
        return s.toString();
    }

    private static String trimAll(String value) {
        if (isTrimmed(value)) {
            return value;
        }
        StringBuilder s = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                space = s.length() > 0;
            } else {
                if (space) {
                    s.append(' ');
                    space = false;
                }
                s.append(c);
            }
        }
        return s.toString();
    }

    /** Returns whether {@link #trimAll} would return {@code value} unchanged, as it does for most values. */
    private static boolean isTrimmed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t' || (c == ' ' && (i == 0 || i == value.length() - 1 || value.charAt(i + 1) == ' '))) {
                return false;
            }
        }
        return true;
    }
}
