package io.snapshotsdk.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapshotsdk.aws.sgw.AwsSgwSnapshotClient;
import io.snapshotsdk.openstack.OpenStackSnapshotClient;
import io.snapshotsdk.reliability.FaultProxy.Answer;
import io.snapshotsdk.reliability.FaultProxy.Exchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How the fault matrix reads each provider's traffic in the proxy's journal: which request is the
 * create (the one a fault is played on), which is a token fetch, which is the marker lookup of
 * Storage Gateway and Cinder, and which idempotency key or marker a create carries.
 */
final class FaultMatrixWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultMatrixWire() {}

    /** What a journal entry was, as far as duplicates are concerned. */
    enum Step {
        /** A token fetch: Entra ID, Yandex IAM or Keystone. */
        TOKEN,
        /** The creating request. */
        CREATE,
        /** The look-up of a marked create (EC2 DescribeSnapshots by tag, Cinder list by volume). */
        LOOKUP
    }

    /** Returns the predicate that matches exactly {@code cloud}'s creating request. */
    static Predicate<Exchange> create(Cloud cloud) {
        return e -> switch (cloud) {
            case AZURE -> e.method().equals("PUT") && e.path().matches(".*/providers/Microsoft\\.Compute/snapshots/[^/]+");
            case YANDEX -> e.method().equals("POST") && e.path().endsWith("/compute/v1/snapshots");
            case AWS_SGW -> e.method().equals("POST") && e.header("x-amz-target").equals("StorageGateway_20130630.CreateSnapshot");
            // ACS3 names the action in a header, the v1 signed query in a parameter.
            case ALIYUN -> e.header("x-acs-action").equals("CreateSnapshot")
                    || "CreateSnapshot".equals(query(e).get("Action"));
            case OPENSTACK -> e.method().equals("POST") && e.path().endsWith("/snapshots");
        };
    }

    /** Returns whether {@code e} fetched a token. */
    static boolean isTokenFetch(Cloud cloud, Exchange e) {
        return e.method().equals("POST") && switch (cloud) {
            case AZURE -> e.path().endsWith("/oauth2/v2.0/token");
            case YANDEX -> e.path().endsWith("/iam/v1/tokens");
            case OPENSTACK -> e.path().endsWith("/auth/tokens");
            case AWS_SGW, ALIYUN -> false;
        };
    }

    /** Returns whether {@code e} looked a marked create up. */
    static boolean isLookup(Cloud cloud, Exchange e) {
        return switch (cloud) {
            case AWS_SGW -> e.method().equals("POST") && e.text().contains("Action=DescribeSnapshots")
                    && form(e.text()).getOrDefault("Filter.1.Name", "").equals("tag:" + AwsSgwSnapshotClient.MARKER_TAG_KEY);
            case OPENSTACK -> e.method().equals("GET") && e.path().endsWith("/snapshots/detail");
            case AZURE, YANDEX, ALIYUN -> false;
        };
    }

    /** Returns the token fetches, creates and look-ups of the journal, in order. */
    static List<Step> trace(Cloud cloud, List<Exchange> journal) {
        Predicate<Exchange> isCreate = create(cloud);
        List<Step> out = new ArrayList<>();
        for (Exchange e : journal) {
            if (isTokenFetch(cloud, e)) {
                out.add(Step.TOKEN);
            } else if (isCreate.test(e)) {
                out.add(Step.CREATE);
            } else if (isLookup(cloud, e)) {
                out.add(Step.LOOKUP);
            }
        }
        return out;
    }

    /** Returns the creates of the journal. */
    static List<Exchange> creates(Cloud cloud, List<Exchange> journal) {
        return journal.stream().filter(create(cloud)).toList();
    }

    /**
     * Returns what makes two attempts of a create the same create: the ARM URL (a PUT by name), the
     * {@code Idempotency-Key}, the {@code ClientToken}, or the marker tag or metadata value.
     */
    static String createKey(Cloud cloud, Exchange create) {
        return switch (cloud) {
            case AZURE -> create.target();
            case YANDEX -> create.header("Idempotency-Key");
            case ALIYUN -> query(create).getOrDefault("ClientToken", "");
            case AWS_SGW -> {
                for (JsonNode tag : json(create).path("Tags")) {
                    if (tag.path("Key").asText().equals(AwsSgwSnapshotClient.MARKER_TAG_KEY)) {
                        yield tag.path("Value").asText();
                    }
                }
                yield "";
            }
            case OPENSTACK -> json(create).path("snapshot").path("metadata").path(OpenStackSnapshotClient.MARKER_KEY).asText("");
        };
    }

    /** Returns the marker value a Storage Gateway look-up filters on, or "" for a Cinder list (matched by the client). */
    static String lookupKey(Cloud cloud, Exchange lookup) {
        return cloud == Cloud.AWS_SGW ? form(lookup.text()).getOrDefault("Filter.1.Value.1", "") : "";
    }

    /** Passes the request to the emulator, drops its answer, then plays {@code then}: the cloud did the work. */
    static Answer afterForward(Answer then) {
        return (request, client, forward) -> {
            forward.send(request);
            then.play(request, client, forward);
        };
    }

    /**
     * Answers 200 with a chunked JSON body of at least {@code bytes} bytes: no length is declared,
     * so the bound must hold while the body is read.
     */
    static Answer streamedOversize(int bytes) {
        return (request, client, forward) -> {
            OutputStream out = client.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("4000\r\n" + " ".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int sent = 0; sent < bytes; sent += 0x4000) {
                out.write(chunk);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        };
    }

    private static JsonNode json(Exchange e) {
        try {
            return JSON.readTree(e.body());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Map<String, String> query(Exchange e) {
        return form(e.query());
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }
}
