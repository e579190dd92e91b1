package io.snapshotsdk.yandex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Compute, Operation and IAM APIs as their documentation shows them, on one WireMock server. */
final class YandexStubs {
    static final String FOLDER = "b1gt6g8ht345abcdefgh";
    static final String DISK = "epd89t47vnhdabcdefgh";
    static final String SNAPSHOT = "fd8apannhdo9abcdefgh";
    static final String OPERATION = "epd473ndlm58abcdefgh";
    static final String IAM_TOKEN = "t1.9euelZqKkZ2Tk5GRmpCejY6Tl5nJnu3rnpWakpCLkY-Ti5KQnZHIipaPnZrl8_dX";

    private YandexStubs() {}

    static Map<String, String> settings(String baseUrl) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("endpoint", baseUrl);
        s.put("allowInsecureHttp", "true");
        s.put("folderId", FOLDER);
        s.put("oauthToken", "y0_AgAAAAAAoauth");
        return s;
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "8c1e2d3f-0000-4000-8000-000000000001").withBody(body);
    }

    static ResponseDefinitionBuilder iamIssued(String token, String expiresAt) {
        return json(200, "{\"iamToken\":\"" + token + "\",\"expiresAt\":\"" + expiresAt + "\"}");
    }

    static String operation(String id, boolean done, String snapshotStatus) {
        String meta = "\"metadata\":{\"@type\":\"type.googleapis.com/yandex.cloud.compute.v1.CreateSnapshotMetadata\",\"snapshotId\":\""
                + SNAPSHOT + "\",\"diskId\":\"" + DISK + "\"}";
        String response = done ? ",\"response\":" + snapshot(snapshotStatus, true) : "";
        return "{\"id\":\"" + id + "\",\"description\":\"Create snapshot\",\"done\":" + done + "," + meta + response + "}";
    }

    static String snapshot(String status, boolean typed) {
        return "{" + (typed ? "\"@type\":\"type.googleapis.com/yandex.cloud.compute.v1.Snapshot\"," : "") + "\"id\":\"" + SNAPSHOT
                + "\",\"folderId\":\"" + FOLDER + "\",\"createdAt\":\"2025-12-05T14:43:03Z\",\"name\":\"nightly\","
                + "\"labels\":{\"team\":\"storage\"},\"storageSize\":3632267264,\"diskSize\":\"21474836480\",\"status\":\"" + status
                + "\",\"sourceDiskId\":\"" + DISK + "\"}";
    }

    static String error(int code, String message, String requestId) {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\","
                + "\"requestId\":\"" + requestId + "\"}]}";
    }

    static String fixture(String name) {
        try (InputStream in = YandexStubs.class.getResourceAsStream("/wire/yandex/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
