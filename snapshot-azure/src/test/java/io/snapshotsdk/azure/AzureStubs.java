package io.snapshotsdk.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** ARM and Entra ID as their documentation shows them, on one WireMock server. */
final class AzureStubs {
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
    static final String GROUP = "myResourceGroup";
    static final String TENANT = "tenant-1";
    static final String CLIENT = "app-1";
    static final String SECRET = "s3cret~value+/=";
    static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsIng1dCI6Ik1uQ19WWmNBVGZNNXBP...";
    static final String API = "2025-01-02";
    static final String DISK = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + GROUP + "/providers/Microsoft.Compute/disks/myDisk";
    static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";

    private AzureStubs() {}

    static Map<String, String> settings(String baseUrl) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("endpoint", baseUrl);
        s.put("authorityHost", baseUrl);
        s.put("allowInsecureHttp", "true");
        s.put("subscriptionId", SUBSCRIPTION);
        s.put("resourceGroup", GROUP);
        s.put("region", "westus");
        s.put("tenantId", TENANT);
        s.put("clientId", CLIENT);
        s.put("clientSecret", SECRET);
        return s;
    }

    static String path(String name) {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + GROUP + "/providers/Microsoft.Compute/snapshots/" + name;
    }

    static String url(String name) {
        return path(name) + "?api-version=" + API;
    }

    static String operationUrl(String baseUrl, String op) {
        return baseUrl + "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Compute/locations/westus/DiskOperations/" + op
                + "?p=b3BhcXVl&api-version=" + API;
    }

    static MappingBuilder token() {
        return post(urlEqualTo(TOKEN_PATH));
    }

    static RequestPatternBuilder tokenRequests() {
        return postRequestedFor(urlPathEqualTo(TOKEN_PATH));
    }

    static ResponseDefinitionBuilder tokenIssued(String token, int expiresIn) {
        return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"access_token\":\"" + token + "\"}");
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ms-request-id", "9a062a88-e463-4697-bef2-fe039df73a02")
                .withHeader("x-ms-correlation-request-id", "5a8dc6f3-0c72-4d5e-9f55-6d2f2f3c1a10")
                .withBody(body);
    }

    static String snapshot(String name, String state, Integer completionPercent) {
        return "{\"name\":\"" + name + "\",\"id\":\"" + path(name) + "\",\"type\":\"Microsoft.Compute/snapshots\",\"location\":\"westus\","
                + "\"tags\":{\"team\":\"storage\"},\"sku\":{\"name\":\"Standard_LRS\"},\"properties\":{\"creationData\":{\"createOption\":\"Copy\","
                + "\"sourceResourceId\":\"" + DISK + "\"},\"diskSizeGB\":100,\"timeCreated\":\"2016-12-28T04:41:35.079872+00:00\","
                + (completionPercent == null ? "" : "\"completionPercent\":" + completionPercent + ",")
                + "\"provisioningState\":\"" + state + "\"}}";
    }

    static String fixture(String name) {
        try (InputStream in = AzureStubs.class.getResourceAsStream("/wire/azure/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void stubToken(com.github.tomakehurst.wiremock.junit5.WireMockExtension server) {
        server.stubFor(token().willReturn(tokenIssued(TOKEN, 3599)));
    }

    static String bearer() {
        return "Bearer " + TOKEN;
    }

    static com.github.tomakehurst.wiremock.matching.StringValuePattern bearerPattern() {
        return equalTo(bearer());
    }
}
