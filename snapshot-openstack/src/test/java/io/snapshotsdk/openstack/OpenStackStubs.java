package io.snapshotsdk.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keystone and Cinder as their documentation shows them, on one WireMock server. */
final class OpenStackStubs {
    static final String PROJECT = "a6944d763bf64ee6a275f1263fae0352";
    static final String VOLUME = "5aa119a8-d25b-45a7-8d1b-88e127885635";
    static final String TOKEN = "ffe47524401e4d61adc7310f7e5b6191";
    static final String REQUEST_ID = "req-f2f3f6ca-e342-4cd8-bc12-71a5436ef5fc";

    private OpenStackStubs() {}

    static Map<String, String> v3Settings(String baseUrl) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("authUrl", baseUrl + "/identity/v3");
        s.put("allowInsecureHttp", "true");
        s.put("username", "admin");
        s.put("password", "devstacker");
        s.put("userDomainName", "Default");
        s.put("projectName", "admin");
        s.put("projectDomainId", "default");
        s.put("region", "RegionOne");
        return s;
    }

    static String fixture(String name, String baseUrl) {
        try (InputStream in = OpenStackStubs.class.getResourceAsStream("/wire/openstack/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("BASE", baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-openstack-request-id", REQUEST_ID).withBody(body);
    }

    static void stubKeystoneV3(WireMockExtension server, String token) {
        server.stubFor(post(urlEqualTo("/identity/v3/auth/tokens")).willReturn(json(201, fixture("keystone-v3-token.json", server.baseUrl()))
                .withHeader("X-Subject-Token", token)));
    }

    static String snapshot(String id, String status, String progress) {
        return "{\"snapshot\":{\"id\":\"" + id + "\",\"name\":\"nightly\",\"description\":\"Daily backup\",\"volume_id\":\"" + VOLUME
                + "\",\"status\":\"" + status + "\",\"size\":10,\"metadata\":{\"team\":\"storage\"},\"created_at\":\"2019-03-11T16:24:34.469003\""
                + (progress == null ? "" : ",\"os-extended-snapshot-attributes:progress\":\"" + progress + "\"") + "}}";
    }

    static String fault(String key, int code, String message) {
        return "{\"" + key + "\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
    }
}
