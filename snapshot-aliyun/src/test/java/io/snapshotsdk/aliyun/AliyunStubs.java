package io.snapshotsdk.aliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.internal.codec.Hashing;
import io.snapshotsdk.internal.codec.Rfc3986;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Stubs of the ECS RPC API for either signature version, and a server-side check of both signatures. */
final class AliyunStubs {
    static final String ACCESS_KEY_ID = "testid";
    static final String SECRET = "testsecret";
    static final String DISK = "d-bp1s5fnvk4gn2tws0abcd";
    static final String REQUEST_ID = "C8B26B44-0189-443E-9816-D951F59623A9";

    private final boolean v1;

    AliyunStubs(boolean v1) {
        this.v1 = v1;
    }

    Map<String, String> settings(String baseUrl) {
        Map<String, String> s = new LinkedHashMap<>(Map.of("endpoint", baseUrl, "allowInsecureHttp", "true", "region", "cn-hangzhou",
                "accessKeyId", ACCESS_KEY_ID, "accessKeySecret", SECRET));
        s.put("signatureVersion", v1 ? "v1" : "v3");
        return s;
    }

    /** Matches the RPC call {@code action}, wherever the version puts the action. */
    MappingBuilder call(String action) {
        MappingBuilder m = post(urlPathEqualTo("/"));
        return v1 ? m.withQueryParam("Action", equalTo(action)) : m.withHeader("x-acs-action", equalTo(action));
    }

    RequestPatternBuilder calls(String action) {
        RequestPatternBuilder m = postRequestedFor(urlPathEqualTo("/"));
        return v1 ? m.withQueryParam("Action", equalTo(action)) : m.withHeader("x-acs-action", equalTo(action));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=utf-8").withBody(body);
    }

    static ResponseDefinitionBuilder created(String snapshotId) {
        return json(200, "{\"RequestId\":\"" + REQUEST_ID + "\",\"SnapshotId\":\"" + snapshotId + "\"}");
    }

    static String describe(String snapshotId, String status, String progress) {
        return "{\"TotalCount\":1,\"RequestId\":\"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E\",\"PageSize\":10,\"PageNumber\":1,"
                + "\"Snapshots\":{\"Snapshot\":[{\"SnapshotId\":\"" + snapshotId + "\",\"SnapshotName\":\"testSnapshotName\","
                + "\"Status\":\"" + status + "\",\"Progress\":\"" + progress + "\",\"SourceDiskId\":\"" + DISK + "\","
                + "\"SourceDiskSize\":\"40\",\"CreationTime\":\"2020-08-20T14:52:28Z\",\"Tags\":{\"Tag\":[]}}]}}";
    }

    static String error(String code) {
        return "{\"RequestId\":\"" + REQUEST_ID + "\",\"HostId\":\"ecs.cn-hangzhou.aliyuncs.com\",\"Code\":\"" + code
                + "\",\"Message\":\"refused\",\"Recommend\":\"https://api.aliyun.com/troubleshoot?q=" + code + "&product=Ecs\"}";
    }

    static String fixture(String name) {
        try (InputStream in = AliyunStubs.class.getResourceAsStream("/wire/aliyun/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the decoded query parameters the server received. */
    static Map<String, String> query(LoggedRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = URI.create(r.getAbsoluteUrl()).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(Rfc3986.decode(pair.substring(0, eq)), Rfc3986.decode(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    /** Recomputes the request's signature from what the server received, as ECS does. */
    void verifySignature(LoggedRequest r) {
        Map<String, String> q = query(r);
        if (v1) {
            String signature = q.remove("Signature");
            StringBuilder canonical = new StringBuilder();
            new TreeMap<>(q).forEach((k, v) -> canonical.append(canonical.length() == 0 ? "" : "&")
                    .append(Rfc3986.encode(k)).append('=').append(Rfc3986.encode(v)));
            String sts = "POST&%2F&" + Rfc3986.encode(canonical.toString());
            String expected = Base64.getEncoder().encodeToString(Hashing.hmacSha1((SECRET + "&").getBytes(StandardCharsets.UTF_8),
                    sts.getBytes(StandardCharsets.UTF_8)));
            assertThat(signature).as("V1 signature of the request as received").isEqualTo(expected);
            return;
        }
        String authorization = r.getHeader("Authorization");
        String signedHeaders = authorization.substring(authorization.indexOf("SignedHeaders=") + 14, authorization.indexOf(",Signature="));
        StringBuilder c = new StringBuilder("POST\n/\n");
        StringBuilder cq = new StringBuilder();
        new TreeMap<>(q).forEach((k, v) -> cq.append(cq.length() == 0 ? "" : "&").append(Rfc3986.encode(k)).append('=').append(Rfc3986.encode(v)));
        c.append(cq).append('\n');
        for (String name : signedHeaders.split(";")) {
            c.append(name).append(':').append(r.getHeader(name).trim()).append('\n');
        }
        c.append('\n').append(signedHeaders).append('\n').append(Hashing.sha256Hex(r.getBody()));
        String sts = "ACS3-HMAC-SHA256\n" + Hashing.sha256Hex(c.toString());
        String expected = Hashing.hex(Hashing.hmacSha256(SECRET.getBytes(StandardCharsets.UTF_8), sts));
        assertThat(authorization).as("V3 signature of the request as received").endsWith(",Signature=" + expected);
    }

    /** Returns the nonce of a signed request. */
    String nonce(LoggedRequest r) {
        return v1 ? query(r).get("SignatureNonce") : r.getHeader("x-acs-signature-nonce");
    }
}
