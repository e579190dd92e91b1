package io.snapshotsdk.benchmarks;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.benchmarks.StubServer.Exchange;
import io.snapshotsdk.benchmarks.StubServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Each provider's create as the benchmarks run it: the stub's answers (the protocol files'
 * bodies), the settings that point the real client at the stub, a create request, and the same
 * request replayed by a bare JDK client.
 */
final class Clouds {
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
    // The JDK sets these itself and refuses them from callers.
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private Clouds() {}

    /** Adds every provider's auth and create answers to {@code stub}. */
    static void install(StubServer stub) {
        String base = stub.baseUrl();
        stub.route("POST", "/" + TENANT + "/oauth2/v2.0/token", Reply.json(200, fixture("token-success.json")));
        stub.route("PUT", "/subscriptions/", Reply.json(201, fixture("create-202-response.json"),
                "x-ms-request-id", "9a062a88-e463-4697-bef2-fe039df73a02",
                "Azure-AsyncOperation", base + "/subscriptions/" + SUBSCRIPTION
                        + "/providers/Microsoft.Compute/locations/westus/DiskOperations/op1?api-version=2025-01-02"));
        stub.route("POST", "/iam/v1/tokens", Reply.json(200, "{\"iamToken\":\"t1.9euelZqNkc2Xx8eRnsmKm5GWjZmQz-3rnpWamZ2SipCLzZ\","
                + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}"));
        stub.route("POST", "/compute/v1/snapshots", Reply.json(200, fixture("create-operation-running.json"),
                "x-request-id", "4f1a5c0e-8c52-4f37-b4a5-6a2f7f1d9e10"));
        stub.route("POST", "/sgw", e -> !e.header("x-amz-target").isEmpty(),
                e -> SGW_CREATED);
        stub.route("POST", "/ecs", Reply.json(200, fixture("ecs-createsnapshot-response.json")));
        stub.route("POST", "/identity/v3/auth/tokens", Reply.json(201, fixture("keystone-v3-token.json").replace("BASE", base)
                .replace("2026-01-01T01:00:00.000000Z", "2099-01-01T00:00:00.000000Z"),
                "X-Subject-Token", "gAAAAABeMpmtbenchmarktoken"));
        stub.route("POST", "/v3/", Reply.json(202, fixture("v3-create-response.json"),
                "x-openstack-request-id", "req-5e8e2d5c-4c2e-4f8a-9a77-0f6d2b1a3c4d"));
    }

    private static final Reply SGW_CREATED = Reply.of(200, "application/x-amz-json-1.1", fixture("storagegateway-createsnapshot-response.json"),
            "x-amzn-RequestId", "CSOC7TJPLR0OOKIRLGOHVAICUFVV4KQNSO5AEMVJF66Q9ASUAAJG");

    /** Returns the settings that point {@code provider}'s client at the stub at {@code base}. */
    static Map<String, String> settings(String provider, String base) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("allowInsecureHttp", "true");
        switch (provider) {
            case "azure" -> {
                s.put("endpoint", base);
                s.put("authorityHost", base);
                s.put("tenantId", TENANT);
                s.put("clientId", "5f2c9a1e-0b7d-4c8e-9f3a-2d6b8e1c4a70");
                s.put("clientSecret", "bench~secret.value");
                s.put("subscriptionId", SUBSCRIPTION);
                s.put("resourceGroup", "backups");
                s.put("region", "westus");
            }
            case "yandex" -> {
                s.put("endpoint", base);
                s.put("folderId", "b1gt6g8ht345abcdefgh");
                s.put("oauthToken", "y0_AgAAAAAbenchmarkoauthtoken");
            }
            case "aws-sgw" -> {
                s.put("endpoint", base + "/sgw");
                s.put("ec2Endpoint", base + "/ec2");
                s.put("region", "us-east-1");
                s.put("accessKeyId", "AKIDEXAMPLE");
                s.put("secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
            }
            case "aliyun" -> {
                s.put("endpoint", base + "/ecs");
                s.put("region", "cn-hangzhou");
                s.put("accessKeyId", "LTAI5tBenchmarkKeyId");
                s.put("accessKeySecret", "benchmarkSecret0123456789abcd");
            }
            case "openstack" -> {
                s.put("authUrl", base + "/identity/v3");
                s.put("username", "admin");
                s.put("password", "devstacker");
                s.put("userDomainName", "Default");
                s.put("projectName", "admin");
                s.put("projectDomainId", "default");
                s.put("region", "RegionOne");
            }
            default -> throw new IllegalArgumentException(provider);
        }
        return s;
    }

    /** Returns a create request that {@code provider} accepts, with a name, tags and (where allowed) a description. */
    static CreateSnapshotRequest request(String provider) {
        CreateSnapshotRequest.Builder r = CreateSnapshotRequest.builder().name("nightly").putTags("team", "storage");
        switch (provider) {
            case "azure" -> r.sourceId("/subscriptions/" + SUBSCRIPTION + "/resourceGroups/app/providers/Microsoft.Compute/disks/data");
            case "yandex" -> r.sourceId("epd89t47vnhdabcdefgh").description("nightly backup");
            case "aws-sgw" -> r.sourceId("arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB")
                    .description("nightly backup");
            case "aliyun" -> r.sourceId("d-bp1s5fnvk4gn2tws0abcd").description("nightly backup");
            case "openstack" -> r.sourceId("5aa119a8-d25b-45a7-8d1b-88e127885635").description("nightly backup");
            default -> throw new IllegalArgumentException(provider);
        }
        return r.build();
    }

    /** Returns the path prefix of {@code provider}'s create on the stub. */
    static String[] createRoute(String provider) {
        return switch (provider) {
            case "azure" -> new String[] {"PUT", "/subscriptions/"};
            case "yandex" -> new String[] {"POST", "/compute/v1/snapshots"};
            case "aws-sgw" -> new String[] {"POST", "/sgw"};
            case "aliyun" -> new String[] {"POST", "/ecs"};
            case "openstack" -> new String[] {"POST", "/v3/"};
            default -> throw new IllegalArgumentException(provider);
        };
    }

    /** Returns {@code sent} as a bare JDK request with the same method, URL, headers and body. */
    static HttpRequest replay(String base, Exchange sent) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + sent.target()))
                .method(sent.method(), HttpRequest.BodyPublishers.ofByteArray(sent.body()));
        sent.headers().forEach((name, value) -> {
            if (!isRestricted(name)) {
                b.header(name, value);
            }
        });
        return b.build();
    }

    /** Returns whether the JDK client sets header {@code name} itself and refuses it from callers. */
    static boolean isRestricted(String name) {
        return RESTRICTED.contains(name.toLowerCase(Locale.ROOT));
    }

    static String fixture(String name) {
        try (InputStream in = Clouds.class.getResourceAsStream("/stub/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
