package io.snapshotsdk.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapshotsdk.aws.sgw.AwsSgwSnapshotClient;
import io.snapshotsdk.internal.codec.Rfc3986;
import io.snapshotsdk.openstack.OpenStackSnapshotClient;
import io.snapshotsdk.reliability.FaultProxy.Exchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a create off the wire, per provider: which requests are creates, the value that makes
 * every attempt of one create the same create (ClientToken, Idempotency-Key, marker tag or
 * metadata, the PUT's URL), and the values that must be new on every attempt (nonce, date,
 * signature).
 */
final class TokensWire {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-fA-F]+)");

    private TokensWire() {}

    /** Returns whether a request is {@code cloud}'s create call. */
    static Predicate<Exchange> isCreate(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> e -> e.method().equals("PUT") && e.path().contains("/Microsoft.Compute/snapshots/");
            case YANDEX -> e -> e.method().equals("POST") && e.path().endsWith("/compute/v1/snapshots");
            case AWS_SGW -> e -> e.header("x-amz-target").endsWith(".CreateSnapshot");
            case ALIYUN -> e -> e.header("x-acs-action").equals("CreateSnapshot")
                    || "CreateSnapshot".equals(query(e).get("Action"));
            case OPENSTACK -> e -> e.method().equals("POST") && e.path().endsWith("/snapshots");
        };
    }

    /** Returns the requests of the journal that are creates, in order. */
    static List<Exchange> creates(Cloud cloud, List<Exchange> journal) {
        return journal.stream().filter(isCreate(cloud)).toList();
    }

    /** Returns what makes an attempt the same create as another: the token, or Azure's PUT URL. */
    static String token(Cloud cloud, Exchange create) {
        return switch (cloud) {
            case AZURE -> create.target();
            case YANDEX -> create.header("idempotency-key");
            case AWS_SGW -> {
                for (JsonNode tag : json(create).path("Tags")) {
                    if (tag.path("Key").asText().equals(AwsSgwSnapshotClient.MARKER_TAG_KEY)) {
                        yield tag.path("Value").asText();
                    }
                }
                yield "";
            }
            case ALIYUN -> query(create).getOrDefault("ClientToken", "");
            case OPENSTACK -> json(create).path("snapshot").path("metadata").path(OpenStackSnapshotClient.MARKER_KEY).asText("");
        };
    }

    /** Returns the snapshot name a create asks for. */
    static String name(Cloud cloud, Exchange create) {
        return switch (cloud) {
            case AZURE -> create.path().substring(create.path().lastIndexOf('/') + 1);
            case YANDEX -> json(create).path("name").asText("");
            case AWS_SGW -> {
                for (JsonNode tag : json(create).path("Tags")) {
                    if (tag.path("Key").asText().equals("Name")) {
                        yield tag.path("Value").asText();
                    }
                }
                yield "";
            }
            case ALIYUN -> query(create).getOrDefault("SnapshotName", "");
            case OPENSTACK -> json(create).path("snapshot").path("name").asText("");
        };
    }

    /**
     * Returns the values each attempt must make anew, by name: nonce, date and signature of the
     * signing clouds; none for the clouds that send a bearer token.
     */
    static Map<String, String> fresh(Cloud cloud, Exchange create) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (cloud) {
            case AWS_SGW -> {
                out.put("x-amz-date", create.header("x-amz-date"));
                out.put("signature", signature(create.header("authorization")));
            }
            case ALIYUN -> {
                if (!create.header("authorization").isEmpty()) {
                    out.put("x-acs-signature-nonce", create.header("x-acs-signature-nonce"));
                    out.put("x-acs-date", create.header("x-acs-date"));
                    out.put("signature", signature(create.header("authorization")));
                } else {
                    Map<String, String> q = query(create);
                    out.put("SignatureNonce", q.getOrDefault("SignatureNonce", ""));
                    out.put("Timestamp", q.getOrDefault("Timestamp", ""));
                    out.put("Signature", q.getOrDefault("Signature", ""));
                }
            }
            default -> {
                // Bearer tokens: nothing is signed per attempt.
            }
        }
        return out;
    }

    /** Returns the decoded query parameters. */
    static Map<String, String> query(Exchange e) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : e.query().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(Rfc3986.decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : Rfc3986.decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String signature(String authorization) {
        Matcher m = SIGNATURE.matcher(authorization);
        return m.find() ? m.group(1) : "";
    }

    private static JsonNode json(Exchange e) {
        try {
            return JSON.readTree(e.body());
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }
}
