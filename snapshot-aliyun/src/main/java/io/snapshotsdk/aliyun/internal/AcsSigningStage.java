package io.snapshotsdk.aliyun.internal;

import io.snapshotsdk.aliyun.AliyunSettings.SignatureVersion;
import io.snapshotsdk.internal.codec.Hashing;
import io.snapshotsdk.internal.codec.Rfc3986;
import io.snapshotsdk.internal.codec.UtcTimestamps;
import io.snapshotsdk.internal.http.Endpoints;
import io.snapshotsdk.internal.http.Headers;
import io.snapshotsdk.internal.http.Interceptor;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Signs each attempt afresh: a new nonce and timestamp, hence a new signature, while the API
 * parameters (the {@code ClientToken} among them) stay as the client built them. The request's
 * operation is the RPC action; its query holds the API parameters.
 */
final class AcsSigningStage implements Interceptor {
    static final String API_VERSION = "2014-05-26";

    private final SignatureVersion version;
    private final AliyunConfig credentials;
    private final Clock clock;
    private final Supplier<String> nonce;

    AcsSigningStage(SignatureVersion version, AliyunConfig credentials, Clock clock) {
        this(version, credentials, clock, AcsSignature::newNonce);
    }

    /** Creates a stage with a given nonce source, so that tests can reproduce the published vectors. */
    AcsSigningStage(SignatureVersion version, AliyunConfig credentials, Clock clock, Supplier<String> nonce) {
        this.version = version;
        this.credentials = credentials;
        this.clock = clock;
        this.nonce = nonce;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request r = chain.request();
        return chain.proceed(version == SignatureVersion.V1 ? v1(r) : v3(r));
    }

    private Request v1(Request r) {
        Map<String, String> params = query(r.uri());
        params.put("Action", r.operation());
        params.put("Version", API_VERSION);
        params.put("Format", "JSON");
        params.put("AccessKeyId", credentials.accessKeyId());
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureVersion", "1.0");
        params.put("SignatureNonce", nonce.get());
        params.put("Timestamp", UtcTimestamps.extended(clock.instant()));
        credentials.securityToken().ifPresent(t -> params.put("SecurityToken", t));
        String canonical = AcsSignature.v1CanonicalQuery(params);
        String signature = AcsSignature.v1Signature(credentials.accessKeySecret(), AcsSignature.v1StringToSign(r.method(), canonical));
        return r.toBuilder()
                .uri(withQuery(r.uri(), canonical + "&Signature=" + Rfc3986.encode(signature)))
                .setHeader("Accept", "application/json")
                .build();
    }

    private Request v3(Request r) {
        String payloadHash = Hashing.sha256Hex(r.body());
        Request.Builder b = r.toBuilder()
                .setHeader("Accept", "application/json")
                .setHeader("x-acs-action", r.operation())
                .setHeader("x-acs-version", API_VERSION)
                .setHeader("x-acs-date", UtcTimestamps.extended(clock.instant()))
                .setHeader("x-acs-signature-nonce", nonce.get())
                .setHeader("x-acs-content-sha256", payloadHash);
        credentials.securityToken().ifPresent(t -> b.setHeader("x-acs-security-token", t)
                .setHeader("x-acs-accesskey-id", credentials.accessKeyId()));
        Request unsigned = b.build();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", Endpoints.hostHeader(unsigned.uri()));
        Headers h = unsigned.headers();
        for (int i = 0; i < h.size(); i++) {
            headers.put(h.name(i), h.value(i));
        }
        TreeMap<String, String> signed = AcsSignature.v3SignedHeaders(headers);
        String path = unsigned.uri().getRawPath() == null || unsigned.uri().getRawPath().isEmpty() ? "/" : unsigned.uri().getRawPath();
        String canonical = AcsSignature.v3CanonicalRequest(unsigned.method(), path, query(unsigned.uri()), signed, payloadHash);
        String signature = AcsSignature.v3Signature(credentials.accessKeySecret(), AcsSignature.v3StringToSign(canonical));
        // The builder is still the unsigned request's: it only needs the signature added.
        return b.setHeader("Authorization", AcsSignature.v3Authorization(credentials.accessKeyId(), signed, signature)).build();
    }

    /** Returns the decoded query parameters of {@code uri}. */
    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(Rfc3986.decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : Rfc3986.decode(pair.substring(eq + 1)));
        }
        return out;
    }

    static URI withQuery(URI uri, String rawQuery) {
        String s = uri.toString();
        int q = s.indexOf('?');
        return URI.create((q < 0 ? s : s.substring(0, q)) + "?" + rawQuery);
    }
}
