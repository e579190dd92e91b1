package io.snapshotsdk.aws.sgw;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.aws.sgw.internal.SigV4;
import io.snapshotsdk.internal.codec.Hashing;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a request as the server received it: recomputes the SigV4 signature from the bytes on
 * the wire, as AWS does, so a header changed after signing cannot go unnoticed.
 */
final class SigV4Check {
    private SigV4Check() {}

    static void verify(LoggedRequest r, String service, String region, String secret) {
        String authorization = r.getHeader("Authorization");
        assertThat(authorization).startsWith("AWS4-HMAC-SHA256 Credential=");
        String signedHeaders = part(authorization, "SignedHeaders=");
        String credential = part(authorization, "Credential=");
        String amzDate = r.getHeader("X-Amz-Date");
        String scope = credential.substring(credential.indexOf('/') + 1);
        assertThat(scope).isEqualTo(amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request");

        Set<String> names = new TreeSet<>(Arrays.asList(signedHeaders.split(";")));
        List<String[]> headers = new ArrayList<>();
        for (String name : names) {
            for (String value : r.getHeaders().getHeader(name).values()) {
                headers.add(new String[] {name, value});
            }
        }
        URI uri = URI.create(r.getAbsoluteUrl());
        String canonical = SigV4.canonicalRequest(r.getMethod().getName(), SigV4.canonicalUri(uri.getRawPath()),
                SigV4.canonicalQuery(uri.getRawQuery()), SigV4.canonicalHeaders(headers, names), Hashing.sha256Hex(r.getBody()));
        String expected = new SigV4(service, region, false).signature(secret, amzDate, scope, canonical);
        assertThat(part(authorization, "Signature=")).as("signature of the request as received").isEqualTo(expected);
    }

    private static String part(String authorization, String key) {
        int start = authorization.indexOf(key) + key.length();
        int end = authorization.indexOf(',', start);
        return authorization.substring(start, end < 0 ? authorization.length() : end).trim();
    }
}
