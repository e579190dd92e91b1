package io.snapshotsdk.testkit;

import com.sun.net.httpserver.HttpServer;
import io.snapshotsdk.testkit.internal.Hub;
import io.snapshotsdk.testkit.internal.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An in-process emulator of the snapshot APIs of all five clouds, on {@code 127.0.0.1}. It speaks
 * each cloud's wire protocol, checks what the cloud checks (signatures, tokens, disks, name rules,
 * idempotency) and answers with the cloud's own bodies and codes, so the real clients run against
 * it unchanged.
 *
 * <pre>{@code
 * try (SnapshotEmulator emulator = SnapshotEmulator.start()) {
 *     emulator.addDisk("aliyun", "d-bp1s5fnvk4gn2tws0abcd", 40);
 *     try (SnapshotClient client = SnapshotClients.create("aliyun", emulator.settings("aliyun"))) {
 *         Snapshot s = client.createSnapshot(CreateSnapshotRequest.builder().sourceId("d-bp1s5fnvk4gn2tws0abcd").build());
 *         client.awaitSnapshot(s, WaitOptions.builder().pollInterval(Duration.ofMillis(10)).build());
 *     }
 * }
 * }</pre>
 *
 * <p>Snapshots start {@code CREATING} and become {@code READY} after a number of status reads
 * ({@link #readsUntilReady(int)}, 2 by default), reporting progress where the cloud does.
 * Providers and their disk ids: {@code azure} (the disk's ARM id), {@code yandex} (disk id),
 * {@code aws-sgw} (volume ARN), {@code aliyun} (disk id), {@code openstack} (volume UUID).
 *
 * <p>Thread-safe. Built on the JDK's HTTP server: no dependency reaches the tests that use it, and
 * it can close a connection without an answer, which a dropped-connection fault needs.
 */
public final class SnapshotEmulator implements AutoCloseable {
    static {
        // Without it the JDK server answers ~40 ms late on loopback (Nagle and delayed ACKs).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Store store = new Store();
    private final Hub hub = new Hub(store);
    private final URI base;

    private SnapshotEmulator(int port) {
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "snapshot-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", hub);
        server.start();
        this.base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Starts an emulator on a free port.
     *
     * @return the running emulator; close it when done
     */
    public static SnapshotEmulator start() {
        return new SnapshotEmulator(0);
    }

    /**
     * Starts an emulator on {@code port}.
     *
     * @param port the port, or 0 for a free one
     * @return the running emulator; close it when done
     * @throws UncheckedIOException if the port is taken
     */
    public static SnapshotEmulator start(int port) {
        return new SnapshotEmulator(port);
    }

    /**
     * Returns the port the emulator listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Returns the emulator's base URL, such as {@code http://127.0.0.1:49152}.
     *
     * @return the base URL
     */
    public URI baseUri() {
        return base;
    }

    /**
     * Returns the emulated provider ids.
     *
     * @return {@code azure}, {@code yandex}, {@code aws-sgw}, {@code aliyun} and {@code openstack}
     */
    public List<String> providers() {
        return hub.providers();
    }

    /**
     * Returns settings that point the real client of {@code providerId} at this emulator: endpoint
     * overrides, the emulator's test credentials (random per emulator) and the loopback {@code http}
     * opt-in.
     *
     * <pre>{@code
     * SnapshotClient client = SnapshotClients.create("azure", emulator.settings("azure"));
     * }</pre>
     *
     * @param providerId the provider id
     * @return the settings
     * @throws IllegalArgumentException if the provider is not emulated
     */
    public Map<String, String> settings(String providerId) {
        return hub.settings(providerId, base);
    }

    /**
     * Returns every credential the emulated {@code providerId} accepts, by the client's setting key:
     * those {@link #settings(String)} hands out and the alternatives (OpenStack's application
     * credential and Rackspace API key, Yandex's OAuth token). The secrets are random per emulator
     * (Yandex's service account key per run), so a test can look for them in what must not hold them.
     *
     * <pre>{@code
     * String apiKey = emulator.credentials("openstack").get("apiKey");
     * }</pre>
     *
     * @param providerId the provider id
     * @return the credentials
     * @throws IllegalArgumentException if the provider is not emulated
     */
    public Map<String, String> credentials(String providerId) {
        return hub.credentials(providerId);
    }

    /**
     * Adds a disk or volume that snapshots can be taken of.
     *
     * @param providerId the provider id
     * @param diskId the disk's id as the provider's client sends it
     * @param sizeGiB its size
     * @return this emulator
     */
    public SnapshotEmulator addDisk(String providerId, String diskId, int sizeGiB) {
        hub.requireProvider(providerId);
        store.addDisk(providerId, diskId, sizeGiB);
        return this;
    }

    /**
     * Sets after how many status reads a new snapshot becomes ready.
     *
     * @param reads the reads; 0 makes snapshots ready at once
     * @return this emulator
     */
    public SnapshotEmulator readsUntilReady(int reads) {
        store.readsUntilReady(reads);
        return this;
    }

    /**
     * Plays {@code faults}, in order, on the next calls to {@code providerId} (authentication calls
     * excepted); a snapshot failure applies to the next creates.
     *
     * @param providerId the provider id
     * @param faults the faults
     * @return this emulator
     */
    public SnapshotEmulator inject(String providerId, Fault... faults) {
        hub.requireProvider(providerId);
        store.inject(providerId, List.of(faults));
        return this;
    }

    /**
     * Returns the snapshots {@code providerId} holds, oldest first.
     *
     * @param providerId the provider id
     * @return the snapshots
     */
    public List<EmulatedSnapshot> snapshots(String providerId) {
        hub.requireProvider(providerId);
        return store.view(providerId);
    }

    /**
     * Forgets every disk, snapshot, token and fault.
     *
     * @return this emulator
     */
    public SnapshotEmulator reset() {
        store.reset();
        return this;
    }

    /** Stops the emulator and its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
