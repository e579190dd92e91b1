package io.snapshotsdk;

import java.util.concurrent.CompletableFuture;

/**
 * Creates, reads, awaits and deletes snapshots on one cloud account. Get one from
 * {@link SnapshotClients#create} or from a provider module's typed factory.
 *
 * <pre>{@code
 * try (SnapshotClient client = SnapshotClients.create("aliyun", Map.of("region", "cn-hangzhou"))) {
 *     Snapshot pending = client.createSnapshot(CreateSnapshotRequest.builder()
 *             .sourceId("d-bp1abc")
 *             .name("nightly")
 *             .build());
 *     Snapshot ready = client.awaitSnapshot(pending, WaitOptions.defaults());
 * }
 * }</pre>
 *
 * <p>Thread-safe and meant to be shared: one client holds one HTTP connection pool. Close it
 * when done; calls after {@link #close()} throw {@link IllegalStateException}.
 */
public interface SnapshotClient extends AutoCloseable {

    /**
     * Returns the id of this client's provider, such as {@code "azure"}.
     *
     * @return the provider id
     */
    String providerId();

    /**
     * Starts a snapshot and returns as soon as the cloud has accepted it, usually in state
     * {@link SnapshotState#CREATING}. A create is sent at most once in effect: retries carry the
     * request's idempotency token (or one the client made), so a retried create never makes a
     * second snapshot.
     *
     * @param request what to snapshot
     * @return the accepted snapshot
     * @throws InvalidRequestException if the request breaks a rule of the provider; nothing was sent
     * @throws ServiceException if the cloud refused the call
     * @throws TransportException if no usable answer came back
     */
    Snapshot createSnapshot(CreateSnapshotRequest request);

    /**
     * Reads a snapshot's current state.
     *
     * @param snapshotId the provider's snapshot id
     * @return the snapshot
     * @throws InvalidRequestException if the id is malformed; nothing was sent
     * @throws NotFoundException if there is no such snapshot
     * @throws ServiceException if the cloud refused the call
     * @throws TransportException if no usable answer came back
     */
    Snapshot getSnapshot(String snapshotId);

    /**
     * Deletes a snapshot and returns once the cloud has accepted the deletion. Deleting a
     * snapshot that is already gone throws {@link NotFoundException} unless the provider
     * documents otherwise.
     *
     * @param snapshotId the provider's snapshot id
     * @throws InvalidRequestException if the id is malformed; nothing was sent
     * @throws NotFoundException if there is no such snapshot
     * @throws ConflictException if the snapshot is in use or busy
     * @throws ServiceException if the cloud refused the call
     * @throws TransportException if no usable answer came back
     */
    void deleteSnapshot(String snapshotId);

    /**
     * Polls until the snapshot is {@link SnapshotState#READY} and returns it, telling
     * {@link WaitOptions#onProgress()} after every poll. Transient failures of single polls are
     * tolerated until the deadline.
     *
     * @param snapshot a snapshot returned by this client
     * @param options how long and how often to poll
     * @return the ready snapshot
     * @throws OperationFailedException if the snapshot failed or went away
     * @throws WaitTimeoutException if it was not ready before {@link WaitOptions#timeout()}
     * @throws ServiceException if the cloud refused a poll for a reason that will not pass
     * @throws SnapshotException if the waiting thread was interrupted (the interrupt flag stays set)
     */
    Snapshot awaitSnapshot(Snapshot snapshot, WaitOptions options);

    /**
     * Waits like {@link #awaitSnapshot} without holding the caller's thread, or any thread between
     * polls: one timer and a few worker threads of this client serve every such wait, so thousands
     * can run at once. {@link WaitOptions#onProgress()} is told on a worker thread.
     *
     * <pre>{@code
     * List<CompletableFuture<Snapshot>> ready = pending.stream()
     *         .map(s -> client.awaitSnapshotAsync(s, WaitOptions.defaults()))
     *         .toList();
     * }</pre>
     *
     * @param snapshot a snapshot returned by this client
     * @param options how long and how often to poll
     * @return a future of the ready snapshot; it fails with the exceptions {@link #awaitSnapshot}
     *     throws, or with {@link IllegalStateException} if the client is closed first. Cancelling
     *     it stops the polling.
     * @throws IllegalStateException if the client is closed
     */
    CompletableFuture<Snapshot> awaitSnapshotAsync(Snapshot snapshot, WaitOptions options);

    /**
     * Releases the client's connections and threads. Idempotent. An {@link java.net.http.HttpClient}
     * passed in by the caller is left open.
     */
    @Override
    void close();
}
