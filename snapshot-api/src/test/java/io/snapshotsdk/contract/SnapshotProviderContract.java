package io.snapshotsdk.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.snapshotsdk.ConflictException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotClients;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.ThrottledException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.testing.ManualClock;
import io.snapshotsdk.testing.TestClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour every provider shares, checked against WireMock. A provider module extends this
 * class and answers the hooks with its own wire format: the stubs return the exact bodies and
 * error bodies its cloud documents.
 *
 * <p>Clients are made through {@link ServiceLoader}, as {@link SnapshotClients} does, with a
 * {@link ManualClock} so that retries and polling take no wall-clock time.
 */
public abstract class SnapshotProviderContract {

    /** The server the provider is pointed at; reset before each test. */
    @RegisterExtension
    protected static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    /** The kinds of refusal every provider must map. */
    public enum ErrorCase {
        /** The provider's not-found refusal (HTTP 404 on most clouds), on a read. */
        NOT_FOUND,
        /** The provider's conflict or "resource busy" refusal (409 on most clouds), on a delete. */
        CONFLICT,
        /** The provider's throttling refusal (429 on most clouds), on a read. */
        THROTTLED,
        /** The provider's internal server error (500 on most clouds), on a read. */
        SERVER_ERROR
    }

    /** What the client must report for a stubbed refusal. */
    public record ExpectedError(int httpStatus, String errorCode, String requestId) {}

    /** The clock of the client under test. */
    protected ManualClock clock;

    private final List<SnapshotClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startClock() {
        clock = ManualClock.start();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SnapshotClient::close);
    }

    // ---- hooks ---------------------------------------------------------------------------

    /** Returns the provider's id. */
    protected abstract String providerId();

    /** Returns settings that point the provider at {@code baseUrl}, with credentials the stubs accept. */
    protected abstract Map<String, String> settings(String baseUrl);

    /** Returns a create request the provider accepts. */
    protected abstract CreateSnapshotRequest validRequest();

    /** Returns a create request that breaks at least one of the provider's rules. */
    protected abstract CreateSnapshotRequest invalidRequest();

    /** Stubs whatever authentication the provider needs (token endpoints); nothing by default. */
    protected void stubAuthentication() {}

    /**
     * Stubs a create that answers with snapshot {@code snapshotId} in progress.
     *
     * @return the pattern matching a create request on the wire
     */
    protected abstract RequestPatternBuilder stubCreate(String snapshotId);

    /**
     * Stubs a create that is throttled once and then accepted, answering with {@code snapshotId}.
     *
     * @return the pattern matching a create request on the wire
     */
    protected abstract RequestPatternBuilder stubCreateThrottledOnce(String snapshotId);

    /** Returns the idempotency token or duplicate marker a create request carries on the wire. */
    protected abstract String idempotencyToken(LoggedRequest createRequest);

    /** Stubs status reads of {@code snapshotId} that report it in progress, then ready. */
    protected abstract void stubInProgressThenReady(String snapshotId);

    /** Stubs a read of {@code snapshotId} that reports it ready. */
    protected abstract void stubReady(String snapshotId);

    /**
     * Stubs an accepted delete of {@code snapshotId}.
     *
     * @return the pattern matching the delete request on the wire
     */
    protected abstract RequestPatternBuilder stubDelete(String snapshotId);

    /**
     * Stubs the refusal {@code errorCase} for reads of {@code snapshotId} (deletes for
     * {@link ErrorCase#CONFLICT}), with the provider's real error body and a request id.
     *
     * @return what the client must report
     */
    protected abstract ExpectedError stubError(ErrorCase errorCase, String snapshotId);

    /** Returns whether the provider reports progress in percent while a snapshot is made. */
    protected boolean reportsProgressPercent() {
        return true;
    }

    /** Returns the snapshot id the stubs use. */
    protected String snapshotId() {
        return "snap-0001";
    }

    // ---- the contract --------------------------------------------------------------------

    @Test
    void isFoundThroughServiceLoaderByItsId() {
        assertThat(SnapshotClients.providers()).contains(providerId());
        try (SnapshotClient c = SnapshotClients.create(providerId(), settings(server.baseUrl()))) {
            assertThat(c.providerId()).isEqualTo(providerId());
        }
    }

    @Test
    void createsAwaitsWithProgressAndEndsReady() {
        stubAuthentication();
        stubCreate(snapshotId());
        stubInProgressThenReady(snapshotId());
        SnapshotClient client = client();

        Snapshot created = client.createSnapshot(validRequest());
        assertThat(created.id()).isEqualTo(snapshotId());
        assertThat(created.providerId()).isEqualTo(providerId());
        assertThat(created.state()).isIn(SnapshotState.CREATING, SnapshotState.UNKNOWN);

        List<Snapshot> seen = new CopyOnWriteArrayList<>();
        Snapshot ready = client.awaitSnapshot(created, WaitOptions.builder()
                .timeout(Duration.ofMinutes(30))
                .onProgress(seen::add)
                .build());

        assertThat(ready.state()).isEqualTo(SnapshotState.READY);
        assertThat(ready.id()).isEqualTo(snapshotId());
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(seen.size() - 1).state()).isEqualTo(SnapshotState.READY);
        assertThat(seen).anyMatch(s -> s.state() == SnapshotState.CREATING);
        if (reportsProgressPercent()) {
            assertThat(seen).anyMatch(s -> s.state() == SnapshotState.CREATING && s.progressPercent().isPresent());
        }
        assertThat(clock.sleeps()).isNotEmpty();
    }

    @Test
    void awaitsAsynchronouslyOnTheClientsOwnThreads() throws Exception {
        stubAuthentication();
        stubCreate(snapshotId());
        stubInProgressThenReady(snapshotId());
        SnapshotClient client = client();
        Snapshot created = client.createSnapshot(validRequest());
        List<String> threads = new CopyOnWriteArrayList<>();

        Snapshot ready = client.awaitSnapshotAsync(created, WaitOptions.builder()
                .pollInterval(Duration.ofMillis(5))
                .maxPollInterval(Duration.ofMillis(5))
                .onProgress(s -> threads.add(Thread.currentThread().getName()))
                .build()).get(30, TimeUnit.SECONDS);

        assertThat(ready.state()).isEqualTo(SnapshotState.READY);
        assertThat(ready.id()).isEqualTo(snapshotId());
        assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("snapshot-sdk-" + providerId() + "-poll-"));
    }

    @Test
    void closingTheClientFailsItsAsynchronousWaits() {
        stubAuthentication();
        stubCreate(snapshotId());
        SnapshotClient client = client();
        Snapshot created = client.createSnapshot(validRequest());
        CompletableFuture<Snapshot> waiting = client.awaitSnapshotAsync(created, WaitOptions.builder()
                .pollInterval(Duration.ofMinutes(5)).maxPollInterval(Duration.ofMinutes(5)).build());

        client.close();

        assertThat(waiting).isCompletedExceptionally();
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> client.awaitSnapshotAsync(created, WaitOptions.defaults())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readsASnapshot() {
        stubAuthentication();
        stubReady(snapshotId());
        Snapshot s = client().getSnapshot(snapshotId());
        assertThat(s.id()).isEqualTo(snapshotId());
        assertThat(s.state()).isEqualTo(SnapshotState.READY);
        assertThat(s.providerId()).isEqualTo(providerId());
    }

    @Test
    void deletesASnapshot() {
        stubAuthentication();
        RequestPatternBuilder delete = stubDelete(snapshotId());
        client().deleteSnapshot(snapshotId());
        server.verify(1, delete);
    }

    @ParameterizedTest
    @EnumSource(ErrorCase.class)
    void mapsEachRefusalToItsException(ErrorCase errorCase) {
        stubAuthentication();
        ExpectedError expected = stubError(errorCase, snapshotId());
        SnapshotClient client = client();

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> {
            if (errorCase == ErrorCase.CONFLICT) {
                client.deleteSnapshot(snapshotId());
            } else {
                client.getSnapshot(snapshotId());
            }
        });

        assertThat(e).as("a ServiceException for %s", errorCase).isNotNull();
        Class<? extends ServiceException> type = switch (errorCase) {
            case NOT_FOUND -> NotFoundException.class;
            case CONFLICT -> ConflictException.class;
            case THROTTLED -> ThrottledException.class;
            case SERVER_ERROR -> ServiceException.class;
        };
        assertThat(e).isInstanceOf(type);
        assertThat(e.providerId()).isEqualTo(providerId());
        assertThat(e.httpStatus()).isEqualTo(expected.httpStatus());
        assertThat(e.errorCode()).isEqualTo(expected.errorCode());
        assertThat(e.requestId()).contains(expected.requestId());
        if (errorCase == ErrorCase.THROTTLED || errorCase == ErrorCase.SERVER_ERROR) {
            assertThat(e.isRetryable()).isTrue();
        } else if (errorCase == ErrorCase.NOT_FOUND) {
            assertThat(e.isRetryable()).isFalse();
        }
        // A conflict may pass with time on some clouds; whatever is retryable was retried (reads and
        // deletes are safe to repeat) and the final exception carries the earlier attempts.
        assertThat(e.getSuppressed()).hasSize(e.isRetryable() ? 2 : 0);
    }

    @Test
    void retriesAThrottledCreateWithoutASecondSnapshot() {
        stubAuthentication();
        RequestPatternBuilder create = stubCreateThrottledOnce(snapshotId());

        Snapshot created = client().createSnapshot(validRequest());

        assertThat(created.id()).isEqualTo(snapshotId());
        List<LoggedRequest> attempts = server.findAll(create);
        assertThat(attempts).hasSize(2);
        String token = idempotencyToken(attempts.get(0));
        assertThat(token).isNotBlank();
        assertThat(idempotencyToken(attempts.get(1))).isEqualTo(token);
    }

    @Test
    void rejectsInvalidInputBeforeSendingAnything() {
        stubAuthentication();
        SnapshotClient client = client();
        server.resetRequests();

        assertThatThrownBy(() -> client.createSnapshot(invalidRequest()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).violations()).isNotEmpty())
                .satisfies(e -> assertThat(((InvalidRequestException) e).providerId()).isEqualTo(providerId()));
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aClosedClientRefusesCallsWithoutSending() {
        SnapshotClient client = client();
        client.close();
        client.close();
        server.resetRequests();
        assertThatThrownBy(() -> client.getSnapshot(snapshotId())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> client.createSnapshot(validRequest())).isInstanceOf(IllegalStateException.class);
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------

    /** Returns a client for the provider found by {@link ServiceLoader}, on the test clock. */
    protected SnapshotClient client() {
        return client(settings(server.baseUrl()));
    }

    /** Returns a client with {@code settings}, on the test clock; closed after the test. */
    protected SnapshotClient client(Map<String, String> settings) {
        SnapshotClient c = TestClients.create(providerId(), settings, clock);
        clients.add(c);
        return c;
    }
}
