package io.snapshotsdk.aws.sgw;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Stubs of Storage Gateway and EC2 as their documentation shows them, on one WireMock server. */
final class SgwStubs {
    static final String ARN = "arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB";
    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String TARGET = "StorageGateway_20130630.CreateSnapshot";
    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private SgwStubs() {}

    static Map<String, String> settings(String baseUrl) {
        return Map.of("endpoint", baseUrl, "allowInsecureHttp", "true", "region", "us-east-1",
                "accessKeyId", ACCESS_KEY, "secretAccessKey", SECRET);
    }

    static String fixture(String name) {
        try (InputStream in = SgwStubs.class.getResourceAsStream("/wire/aws-sgw/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MappingBuilder create() {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET));
    }

    static RequestPatternBuilder createRequests() {
        return postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET));
    }

    static MappingBuilder ec2(String action) {
        return post(urlEqualTo("/")).withHeader("Content-Type", equalToIgnoreCase(FORM))
                .withRequestBody(containing("Action=" + action + "&Version=2016-11-15"));
    }

    static RequestPatternBuilder ec2Requests(String action) {
        return postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&Version=2016-11-15"));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "CSOC7TJPLR0OOKIRLGOHVAICUFVV4KQNSO5AEMVJF66Q9ASUAAJG").withBody(body);
    }

    static ResponseDefinitionBuilder created(String snapshotId) {
        return json(200, "{\"VolumeARN\":\"" + ARN + "\",\"SnapshotId\":\"" + snapshotId + "\"}");
    }

    static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }

    static String describe(String snapshotId, String status, String progress) {
        return "<DescribeSnapshotsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId><snapshotSet><item>"
                + "<snapshotId>" + snapshotId + "</snapshotId><volumeId>vol-1122aabb</volumeId>"
                + "<status>" + status + "</status><startTime>2025-02-03T23:53:18.195Z</startTime>"
                + "<progress>" + progress + "</progress><ownerId>111122223333</ownerId><volumeSize>15</volumeSize>"
                + "<description>snapshot description</description><tagSet/><encrypted>false</encrypted>"
                + "</item></snapshotSet></DescribeSnapshotsResponse>";
    }

    static String emptyDescribe() {
        return "<DescribeSnapshotsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId><snapshotSet/></DescribeSnapshotsResponse>";
    }

    static String ec2Error(String code, String message) {
        return "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error></Errors>"
                + "<RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>";
    }

    /** Returns the value of the idempotency marker tag in a create request's body. */
    static String marker(LoggedRequest create) {
        try {
            JsonNode body = new ObjectMapper().readTree(create.getBodyAsString());
            for (JsonNode tag : body.get("Tags")) {
                if (tag.get("Key").asText().equals(AwsSgwSnapshotClient.MARKER_TAG_KEY)) {
                    return tag.get("Value").asText();
                }
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
