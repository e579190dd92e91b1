package io.snapshotsdk.aws.sgw.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapshotsdk.internal.codec.Hashing;
import io.snapshotsdk.internal.http.Request;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SigV4 vector: the 20 cases of the AWS test suite, the 3 CRT cases (header and query
 * signing), the documentation's key derivation and IAM walkthrough, the 4 Storage Gateway JSON 1.1
 * cases and the EC2 Query case.
 */
class SigV4VectorTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String AMZ_DATE = "20150830T123600Z";
    private static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final SigV4 SUITE = new SigV4("service", "us-east-1", false);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A raw HTTP request as the suites write it. */
    record RawRequest(String method, String path, String query, List<String[]> headers, String body) {
        static RawRequest parse(String text) {
            String[] parts = text.split("\n\n", 2);
            String[] lines = parts[0].split("\n");
            String[] requestLine = lines[0].split(" ");
            // The target may hold a raw space (get-space): it runs from the method to " HTTP/1.1".
            String target = lines[0].substring(requestLine[0].length() + 1, lines[0].lastIndexOf(" HTTP/"));
            int q = target.indexOf('?');
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1)});
            }
            return new RawRequest(requestLine[0], q < 0 ? target : target.substring(0, q), q < 0 ? "" : target.substring(q + 1),
                    headers, parts.length > 1 ? parts[1] : "");
        }

        String canonical(Set<String> only) {
            return SigV4.canonicalRequest(method, SigV4.canonicalUri(path), SigV4.canonicalQuery(query),
                    SigV4.canonicalHeaders(headers, only), Hashing.sha256Hex(body));
        }

        Set<String> headerNames() {
            return headers.stream().map(h -> h[0].toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
        }
    }

    private static Path vectors(String dir) throws URISyntaxException {
        return Paths.get(SigV4VectorTest.class.getResource("/vectors/" + dir).toURI());
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    static Stream<String> suiteCases() throws Exception {
        try (Stream<Path> dirs = Files.list(vectors("sigv4"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static String suiteFile(String name, String ext) throws Exception {
        return read(vectors("sigv4").resolve(name).resolve(name + "." + ext));
    }

    private static String signatureOf(String authorization) {
        return authorization.substring(authorization.indexOf("Signature=") + "Signature=".length()).trim();
    }

    private static Set<String> signedHeadersOf(String authorization) {
        int start = authorization.indexOf("SignedHeaders=") + "SignedHeaders=".length();
        return new LinkedHashSet<>(Arrays.asList(authorization.substring(start, authorization.indexOf(',', start)).split(";")));
    }

    @Test
    void theSuiteHasItsTwentyCases() throws Exception {
        assertThat(suiteCases()).hasSize(20);
    }

    @ParameterizedTest
    @MethodSource("suiteCases")
    void suiteRequestGivesItsCanonicalRequest(String name) throws Exception {
        RawRequest r = RawRequest.parse(suiteFile(name, "req"));
        assertThat(r.canonical(r.headerNames())).isEqualTo(suiteFile(name, "creq"));
    }

    @ParameterizedTest
    @MethodSource("suiteCases")
    void suiteStringToSignGivesItsSignature(String name) throws Exception {
        byte[] key = SigV4.signingKey(SECRET, "20150830", "us-east-1", "service");
        String signature = Hashing.hex(Hashing.hmacSha256(key, suiteFile(name, "sts")));
        assertThat(signature).isEqualTo(signatureOf(suiteFile(name, "authz")));
    }

    /**
     * The cases whose .req, .sts and .authz agree. Erratum: post-x-www-form-urlencoded-parameters'
     * .sts and .authz were computed from another request than its .req (see the vectors' README),
     * so only its .req to .creq and .sts to signature steps hold, and those are tested above.
     */
    static Stream<String> consistentSuiteCases() throws Exception {
        return suiteCases().filter(name -> !name.equals("post-x-www-form-urlencoded-parameters"));
    }

    @ParameterizedTest
    @MethodSource("consistentSuiteCases")
    void suiteRequestGivesItsAuthorization(String name) throws Exception {
        RawRequest r = RawRequest.parse(suiteFile(name, "req"));
        String authz = suiteFile(name, "authz");
        // Sign exactly the headers the published Authorization names (erratum of
        // post-x-www-form-urlencoded: its .creq also signs content-length, its .authz does not).
        String creq = r.canonical(signedHeadersOf(authz));
        String scope = SUITE.scope("20150830");
        if (!name.equals("post-x-www-form-urlencoded")) {
            assertThat(SigV4.stringToSign(AMZ_DATE, scope, creq)).isEqualTo(suiteFile(name, "sts"));
        }
        String signature = SUITE.signature(SECRET, AMZ_DATE, scope, creq);
        assertThat(SigV4.ALGORITHM + " Credential=AKIDEXAMPLE/" + scope + ", SignedHeaders="
                + String.join(";", new java.util.TreeSet<>(signedHeadersOf(authz))) + ", Signature=" + signature).isEqualTo(authz);
    }

    static Stream<String> crtCases() {
        return Stream.of("get-vanilla-with-session-token", "post-vanilla", "post-x-www-form-urlencoded");
    }

    @ParameterizedTest
    @MethodSource("crtCases")
    void crtHeaderSigningMatches(String name) throws Exception {
        Path dir = vectors("sigv4-crt").resolve(name);
        JsonNode ctx = JSON.readTree(read(dir.resolve("context.json")));
        RawRequest raw = RawRequest.parse(read(dir.resolve("request.txt")));
        Request.Builder b = Request.builder(raw.method(), URI.create("https://example.amazonaws.com" + raw.path()));
        for (String[] h : raw.headers()) {
            if (!h[0].equalsIgnoreCase("host")) {
                b.header(h[0], h[1]);
            }
        }
        if (!raw.body().isEmpty()) {
            b.body(raw.body().getBytes(StandardCharsets.UTF_8),
                    raw.headers().stream().filter(h -> h[0].equalsIgnoreCase("content-type")).findFirst().orElseThrow()[1]);
        }
        AwsCredentials creds = new AwsCredentials(ctx.at("/credentials/access_key_id").asText(),
                ctx.at("/credentials/secret_access_key").asText(),
                Optional.ofNullable(ctx.at("/credentials/token").textValue()), "vector");
        SigV4 signer = new SigV4(ctx.get("service").asText(), ctx.get("region").asText(), ctx.get("sign_body").asBoolean());
        Request signed = signer.sign(b.build(), creds, Instant.parse(ctx.get("timestamp").asText()));

        String expected = read(dir.resolve("header-signature.txt")).trim();
        assertThat(signatureOf(signed.headers().first("Authorization").orElseThrow())).isEqualTo(expected);
        String signedRequest = read(dir.resolve("header-signed-request.txt"));
        assertThat(signedRequest).contains("Authorization:" + signed.headers().first("Authorization").orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("crtCases")
    void crtQuerySigningMatches(String name) throws Exception {
        Path dir = vectors("sigv4-crt").resolve(name);
        JsonNode ctx = JSON.readTree(read(dir.resolve("context.json")));
        RawRequest raw = RawRequest.parse(read(dir.resolve("request.txt")));
        String scope = SUITE.scope("20150830");
        Map<String, String> canonicalHeaders = SigV4.canonicalHeaders(raw.headers(), null);
        // A presigned URL carries the signing parameters in the query instead of headers.
        Map<String, String> query = new TreeMap<>();
        query.put("X-Amz-Algorithm", SigV4.ALGORITHM);
        query.put("X-Amz-Credential", ctx.at("/credentials/access_key_id").asText() + "/" + scope);
        query.put("X-Amz-Date", AMZ_DATE);
        query.put("X-Amz-Expires", ctx.get("expiration_in_seconds").asText());
        query.put("X-Amz-SignedHeaders", String.join(";", canonicalHeaders.keySet()));
        if (ctx.at("/credentials/token").isTextual()) {
            query.put("X-Amz-Security-Token", ctx.at("/credentials/token").asText());
        }
        String rawQuery = query.entrySet().stream()
                .map(e -> io.snapshotsdk.internal.codec.Rfc3986.encode(e.getKey()) + "=" + io.snapshotsdk.internal.codec.Rfc3986.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String creq = SigV4.canonicalRequest(raw.method(), SigV4.canonicalUri(raw.path()), SigV4.canonicalQuery(rawQuery),
                canonicalHeaders, Hashing.sha256Hex(raw.body()));
        assertThat(creq).isEqualTo(read(dir.resolve("query-canonical-request.txt")));
        assertThat(SigV4.stringToSign(AMZ_DATE, scope, creq)).isEqualTo(read(dir.resolve("query-string-to-sign.txt")));
        assertThat(SUITE.signature(SECRET, AMZ_DATE, scope, creq)).isEqualTo(read(dir.resolve("query-signature.txt")).trim());
    }

    @Test
    void crtHeaderCanonicalRequestsMatch() throws Exception {
        Path dir = vectors("sigv4-crt").resolve("get-vanilla-with-session-token");
        RawRequest raw = RawRequest.parse(read(dir.resolve("request.txt")));
        List<String[]> headers = new ArrayList<>(raw.headers());
        headers.add(new String[] {"X-Amz-Date", AMZ_DATE});
        headers.add(new String[] {"X-Amz-Security-Token", "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"});
        String creq = SigV4.canonicalRequest("GET", "/", "", SigV4.canonicalHeaders(headers, null), Hashing.sha256Hex(""));
        assertThat(creq).isEqualTo(read(dir.resolve("header-canonical-request.txt")));
        assertThat(SigV4.stringToSign(AMZ_DATE, SUITE.scope("20150830"), creq)).isEqualTo(read(dir.resolve("header-string-to-sign.txt")));
    }

    @Test
    void documentedSigningKeyDerivation() throws Exception {
        JsonNode v = JSON.readTree(read(vectors("sigv4-docs").resolve("signing-key-derivation.json")));
        byte[] key = SigV4.signingKey(v.get("secret_access_key").asText(), v.get("date").asText(), v.get("region").asText(),
                v.get("service").asText());
        assertThat(Hashing.hex(key)).isEqualTo(v.at("/expected/kSigning").asText());
    }

    static Stream<String> derivedCases() {
        return Stream.of("sigv4-docs/iam-listusers-get.json", "sigv4-query/ec2-describesnapshots-query-post.json",
                "sigv4-json11/storagegateway-createsnapshot.json", "sigv4-json11/storagegateway-createsnapshot-session-token.json",
                "sigv4-json11/storagegateway-createsnapshot-content-sha256.json",
                "sigv4-json11/storagegateway-createsnapshot-session-token-content-sha256.json");
    }

    @ParameterizedTest
    @MethodSource("derivedCases")
    void productionSignerReproducesTheDerivedVectors(String file) throws Exception {
        JsonNode v = JSON.readTree(read(vectors(file.substring(0, file.indexOf('/'))).resolve(file.substring(file.indexOf('/') + 1))));
        JsonNode req = v.get("request");
        Request.Builder b = Request.builder(req.get("method").asText(), URI.create(req.get("url").asText()));
        String contentType = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = req.get("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            String n = h.getKey().toLowerCase(java.util.Locale.ROOT);
            if (n.equals("content-type")) {
                contentType = h.getValue().asText();
            } else if (!n.equals("host") && !n.equals("x-amz-date") && !n.equals("x-amz-security-token")
                    && !n.equals("x-amz-content-sha256")) {
                b.header(h.getKey(), h.getValue().asText());
            }
        }
        byte[] body = req.get("body").asText().getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            b.body(body, contentType);
        }
        JsonNode creds = v.get("credentials");
        Optional<String> token = Optional.ofNullable(creds.get("session_token")).or(() -> Optional.ofNullable(creds.get("token")))
                .map(JsonNode::asText);
        boolean sha256 = req.get("headers").has("X-Amz-Content-Sha256") || req.get("headers").has("x-amz-content-sha256")
                || file.contains("content-sha256");
        SigV4 signer = new SigV4(v.get("service").asText(), v.get("region").asText(), sha256);
        Request signed = signer.sign(b.build(), new AwsCredentials(creds.get("access_key_id").asText(),
                creds.get("secret_access_key").asText(), token, "vector"), TIME);

        assertThat(signed.headers().first("X-Amz-Date")).contains(AMZ_DATE);
        assertThat(signed.headers().first("Authorization")).contains(v.get("expected_authorization").asText());
        token.ifPresent(t -> assertThat(signed.headers().first("X-Amz-Security-Token")).contains(t));
    }
}
