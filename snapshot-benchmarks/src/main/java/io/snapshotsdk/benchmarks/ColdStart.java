package io.snapshotsdk.benchmarks;

import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cold start, timed as whole processes by {@code cold-start.sh}: {@code stub} serves every
 * provider's answers and writes the request the SDK sent for each one to a directory; {@code sdk}
 * makes one client and completes one create; {@code raw} sends that recorded request once with a
 * bare default JDK client. Each of the last two is a fresh JVM that exits when its call is done.
 *
 * <pre>
 * java -cp benchmarks.jar io.snapshotsdk.benchmarks.ColdStart stub DIR      # prints the base URL
 * java -cp benchmarks.jar io.snapshotsdk.benchmarks.ColdStart sdk PROVIDER BASE
 * java -cp benchmarks.jar io.snapshotsdk.benchmarks.ColdStart raw PROVIDER BASE DIR
 * </pre>
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "stub" -> stub(Path.of(args[1]));
            case "sdk" -> sdk(args[1], args[2]);
            case "raw" -> raw(args[1], args[2], Path.of(args[3]));
            default -> throw new IllegalArgumentException("stub, sdk or raw, not " + args[0]);
        }
    }

    /** Serves until killed; first records each provider's create as the SDK sends it. */
    private static void stub(Path dir) throws IOException, InterruptedException {
        StubServer stub = new StubServer();
        Clouds.install(stub);
        Files.createDirectories(dir);
        for (String provider : new String[] {"azure", "yandex", "aws-sgw", "aliyun", "openstack"}) {
            try (SnapshotClient client = SnapshotClients.create(provider, Clouds.settings(provider, stub.baseUrl()))) {
                client.createSnapshot(Clouds.request(provider));
            }
            String[] route = Clouds.createRoute(provider);
            StubServer.Exchange sent = stub.last(route[0], route[1]);
            StringBuilder head = new StringBuilder(sent.method()).append(' ').append(sent.target()).append('\n');
            sent.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append('\n'));
            Files.writeString(dir.resolve(provider + ".head"), head);
            Files.write(dir.resolve(provider + ".body"), sent.body());
        }
        System.out.println(stub.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** One client, one create, then exit. */
    private static void sdk(String provider, String base) {
        try (SnapshotClient client = SnapshotClients.create(provider, Clouds.settings(provider, base))) {
            Snapshot s = client.createSnapshot(Clouds.request(provider));
            System.out.println(s.id());
        }
    }

    /** The recorded request, once, through a default JDK client, then exit. */
    private static void raw(String provider, String base, Path dir) throws IOException, InterruptedException {
        String[] head = Files.readString(dir.resolve(provider + ".head"), StandardCharsets.UTF_8).split("\n");
        String[] requestLine = head[0].split(" ", 2);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + requestLine[1]))
                .method(requestLine[0], HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(dir.resolve(provider + ".body"))));
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(": ");
            String name = head[i].substring(0, colon);
            if (!Clouds.isRestricted(name)) {
                b.header(name, head[i].substring(colon + 2));
            }
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(r.statusCode());
    }
}
