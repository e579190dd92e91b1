package io.snapshotsdk.aliyun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapshotsdk.aliyun.AliyunSettings.SignatureVersion;
import io.snapshotsdk.internal.codec.Hashing;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.http.Headers;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Alibaba Cloud vector: 6 for the V1 signed query, 4 for ACS3-HMAC-SHA256. */
class AcsSignatureVectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> vectors() throws Exception {
        Path dir = Paths.get(AcsSignatureVectorTest.class.getResource("/vectors").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    private static JsonNode read(String name) throws Exception {
        try (InputStream in = AcsSignatureVectorTest.class.getResourceAsStream("/vectors/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @Test
    void thereAreTenVectors() throws Exception {
        assertThat(vectors()).hasSize(10);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void reproducesTheVector(String name) throws Exception {
        JsonNode v = read(name);
        String method = v.get("http_method").asText();
        if (name.startsWith("v1-")) {
            assertThat(v.get("hmac_key").asText()).isEqualTo(v.get("access_key_secret").asText() + "&");
            String canonical = AcsSignature.v1CanonicalQuery(map(v.get("params")));
            assertThat(canonical).isEqualTo(v.get("expected_canonicalized_query_string").asText());
            String sts = AcsSignature.v1StringToSign(method, canonical);
            assertThat(sts).isEqualTo(v.get("expected_string_to_sign").asText());
            assertThat(AcsSignature.v1Signature(v.get("access_key_secret").asText(), sts)).isEqualTo(v.get("expected_signature").asText());
        } else {
            assertThat(Hashing.sha256Hex(v.get("body").asText())).isEqualTo(v.get("expected_hashed_payload").asText());
            TreeMap<String, String> signed = AcsSignature.v3SignedHeaders(map(v.get("headers")));
            String canonical = AcsSignature.v3CanonicalRequest(method, v.get("canonical_uri").asText(), map(v.get("query")), signed,
                    Hashing.sha256Hex(v.get("body").asText()));
            assertThat(canonical).isEqualTo(v.get("expected_canonical_request").asText());
            assertThat(Hashing.sha256Hex(canonical)).isEqualTo(v.get("expected_hashed_canonical_request").asText());
            String sts = AcsSignature.v3StringToSign(canonical);
            assertThat(sts).isEqualTo(v.get("expected_string_to_sign").asText());
            String signature = AcsSignature.v3Signature(v.get("access_key_secret").asText(), sts);
            assertThat(signature).isEqualTo(v.get("expected_signature").asText());
            assertThat(AcsSignature.v3Authorization(v.get("access_key_id").asText(), signed, signature))
                    .isEqualTo(v.get("expected_authorization").asText());
        }
    }

    @Test
    void theDocumentedPostVariantOfDescribeDedicatedHosts() throws Exception {
        JsonNode v = read("v1-doc-describededicatedhosts.json");
        String canonical = AcsSignature.v1CanonicalQuery(map(v.get("params")));
        assertThat(AcsSignature.v1Signature("testsecret", AcsSignature.v1StringToSign("POST", canonical)))
                .isEqualTo("ZvQ9xGiFnquSJRvj+WE6kdSpTwU=");
    }

    /** Runs the production stage on a request and returns what it would send. */
    private static Request signThroughTheStage(SignatureVersion version, AliyunConfig config, String time, String nonce,
            Request request) throws Exception {
        AcsSigningStage stage = new AcsSigningStage(version, config, Clock.fixed(Instant.parse(time), ZoneOffset.UTC), () -> nonce);
        AtomicReference<Request> sent = new AtomicReference<>();
        stage.intercept(new io.snapshotsdk.internal.http.Interceptor.Chain() {
            @Override
            public Request request() {
                return request;
            }

            @Override
            public int attempt() {
                return 1;
            }

            @Override
            public Response proceed(Request r) {
                sent.set(r);
                return new Response(200, Headers.empty(), new byte[0], r);
            }
        });
        return sent.get();
    }

    @Test
    void theStageSignsCreateSnapshotWithV1AsTheVectorSays() throws Exception {
        JsonNode v = read("v1-ecs-createsnapshot-post.json");
        Request api = Request.builder("POST", URI.create("https://ecs.aliyuncs.com/?DiskId=d-bp1s5fnvk4gn2tws0abcd"
                + "&SnapshotName=testSnapshotName&Description=testDescription&RetentionDays=30&Tag.1.Key=TestKey&Tag.1.Value=TestValue"
                + "&ClientToken=123e4567-e89b-12d3-a456-426655440000")).operation("CreateSnapshot").build();
        Request sent = signThroughTheStage(SignatureVersion.V1, new AliyunConfig("testid", "testsecret", Optional.empty(), "cn-hangzhou"),
                "2016-02-23T12:46:24Z", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", api);
        assertThat(sent.uri().getRawQuery()).isEqualTo(v.get("expected_canonicalized_query_string").asText()
                + "&Signature=" + io.snapshotsdk.internal.codec.Rfc3986.encode(v.get("expected_signature").asText()));
        assertThat(sent.headers().first("Authorization")).isEmpty();
    }

    @Test
    void theStageSignsStsCredentialsWithV1AsTheVectorSays() throws Exception {
        JsonNode v = read("v1-ecs-createsnapshot-post-sts.json");
        Map<String, String> params = map(v.get("params"));
        StringBuilder q = new StringBuilder();
        for (String k : new String[] {"DiskId", "SnapshotName", "Description", "RetentionDays", "Tag.1.Key", "Tag.1.Value", "ClientToken"}) {
            if (params.containsKey(k)) {
                q.append(q.length() == 0 ? "" : "&").append(k).append('=').append(io.snapshotsdk.internal.codec.Rfc3986.encode(params.get(k)));
            }
        }
        Request sent = signThroughTheStage(SignatureVersion.V1,
                new AliyunConfig(params.get("AccessKeyId"), v.get("access_key_secret").asText(), Optional.of(params.get("SecurityToken")), "cn-hangzhou"),
                params.get("Timestamp"), params.get("SignatureNonce"),
                Request.builder("POST", URI.create("https://ecs.aliyuncs.com/?" + q)).operation(params.get("Action")).build());
        assertThat(sent.uri().getRawQuery()).endsWith("&Signature=" + io.snapshotsdk.internal.codec.Rfc3986.encode(v.get("expected_signature").asText()));
    }

    @ParameterizedTest
    @MethodSource("v3CreateVectors")
    void theStageSignsWithV3AsTheVectorSays(String name) throws Exception {
        JsonNode v = read(name);
        Map<String, String> headers = map(v.get("headers"));
        Optional<String> token = Optional.ofNullable(headers.get("x-acs-security-token"));
        StringBuilder q = new StringBuilder();
        map(v.get("query")).forEach((k, val) -> q.append(q.length() == 0 ? "" : "&").append(k).append('=')
                .append(io.snapshotsdk.internal.codec.Rfc3986.encode(val)));
        Request sent = signThroughTheStage(SignatureVersion.V3,
                new AliyunConfig(v.get("access_key_id").asText(), v.get("access_key_secret").asText(), token, "cn-hangzhou"),
                headers.get("x-acs-date"), headers.get("x-acs-signature-nonce"),
                Request.builder("POST", URI.create("https://" + headers.get("host") + "/?" + q)).operation(headers.get("x-acs-action")).build());
        assertThat(sent.headers().first("Authorization")).contains(v.get("expected_authorization").asText());
        assertThat(sent.headers().first("x-acs-content-sha256")).contains(v.get("expected_hashed_payload").asText());
        assertThat(sent.headers().first("Accept")).contains("application/json");
    }

    static Stream<String> v3CreateVectors() {
        return Stream.of("v3-ecs-createsnapshot.json", "v3-ecs-createsnapshot-sts.json", "v3-ecs-describesnapshots.json",
                "v3-doc-runinstances.json");
    }
}
