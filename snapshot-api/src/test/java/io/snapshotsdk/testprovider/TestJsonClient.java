package io.snapshotsdk.testprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.ProviderOptions;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.internal.client.ClientRuntime;
import io.snapshotsdk.internal.client.RequestRules;
import io.snapshotsdk.internal.http.Endpoints;
import io.snapshotsdk.internal.http.HttpPipeline;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.http.ServiceErrors;
import io.snapshotsdk.internal.http.ServiceErrors.Kind;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.internal.poll.Poller;
import io.snapshotsdk.spi.ProviderContext;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** The test provider's client; see {@link TestJsonProvider}. */
final class TestJsonClient implements SnapshotClient {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private final ClientRuntime runtime;
    private final HttpPipeline http;
    private final URI endpoint;

    TestJsonClient(TestJsonSettings settings, ProviderContext context) {
        this.runtime = ClientRuntime.create(TestJsonProvider.ID, settings, context);
        this.endpoint = Endpoints.checkEndpoint(TestJsonProvider.ID, "endpoint", settings.endpoint().orElseThrow(),
                settings.allowInsecureHttp());
        String token = settings.token().orElseThrow();
        this.http = runtime.pipeline()
                .errorMapper(this::error)
                .authenticator(chain -> chain.proceed(chain.request().toBuilder()
                        .setHeader("Authorization", "Bearer " + token).build()))
                .requestIdHeaders("X-Request-Id")
                .allowOrigin(endpoint)
                .build();
    }

    @Override
    public String providerId() {
        return TestJsonProvider.ID;
    }

    @Override
    public Snapshot createSnapshot(CreateSnapshotRequest request) {
        runtime.ensureOpen();
        List<Violation> v = new ArrayList<>();
        RequestRules.check(TestJsonProvider.ID, request, NoOptions.class, v);
        request.name().filter(n -> !NAME.matcher(n).matches())
                .ifPresent(n -> v.add(new Violation("name", "must match " + NAME.pattern())));
        request.description().filter(d -> d.length() > 256)
                .ifPresent(d -> v.add(new Violation("description", "must be at most 256 characters")));
        if (request.tags().size() > 10) {
            v.add(new Violation("tags", "at most 10 tags"));
        }
        RequestRules.throwIfAny(TestJsonProvider.ID, v);

        ObjectNode body = Json.object().put("source", request.sourceId());
        request.name().ifPresent(n -> body.put("name", n));
        request.description().ifPresent(d -> body.put("description", d));
        if (!request.tags().isEmpty()) {
            ObjectNode tags = body.putObject("tags");
            request.tags().forEach(tags::put);
        }
        Response r = http.send(Request.builder("POST", Endpoints.path(TestJsonProvider.ID, "sourceId", endpoint, "v1", "snapshots"))
                .operation("CreateSnapshot")
                .header("Idempotency-Key", RequestRules.idempotencyToken(request))
                .body(Json.write(body), "application/json")
                .retrySafe(true)
                .build());
        return snapshot(r);
    }

    @Override
    public Snapshot getSnapshot(String snapshotId) {
        runtime.ensureOpen();
        RequestRules.requireId(TestJsonProvider.ID, "snapshotId", snapshotId);
        return snapshot(http.send(Request.builder("GET", snapshotUri(snapshotId)).operation("GetSnapshot").build()));
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        runtime.ensureOpen();
        RequestRules.requireId(TestJsonProvider.ID, "snapshotId", snapshotId);
        http.send(Request.builder("DELETE", snapshotUri(snapshotId)).operation("DeleteSnapshot").build());
    }

    @Override
    public Snapshot awaitSnapshot(Snapshot snapshot, WaitOptions options) {
        runtime.ensureOpen();
        return runtime.poller().await(snapshot, options, Poller.rereading(this::getSnapshot));
    }

    @Override
    public CompletableFuture<Snapshot> awaitSnapshotAsync(Snapshot snapshot, WaitOptions options) {
        return runtime.awaitAsync(snapshot, options, Poller.rereading(this::getSnapshot));
    }

    @Override
    public void close() {
        runtime.close();
    }

    private URI snapshotUri(String id) {
        return Endpoints.path(TestJsonProvider.ID, "snapshotId", endpoint, "v1", "snapshots", id);
    }

    private Snapshot snapshot(Response r) {
        JsonNode n = Json.readObject(TestJsonProvider.ID, r);
        Optional<String> id = Json.text(n, "id");
        Optional<String> status = Json.text(n, "status");
        if (id.isEmpty() || status.isEmpty()) {
            throw new TransportException(TestJsonProvider.ID, "snapshot body lacks id or status", r.status(), r.requestId(), null);
        }
        Snapshot.Builder b = Snapshot.builder()
                .id(id.get())
                .providerId(TestJsonProvider.ID)
                .state(state(status.get()))
                .providerState(status.get())
                .name(Json.text(n, "name"))
                .description(Json.text(n, "description"))
                .sourceId(Json.text(n, "source"))
                .tags(Json.stringMap(n, "tags"))
                .requestId(r.requestId());
        Json.int64(n, "progress").ifPresent(p -> b.progressPercent((int) Math.max(0, Math.min(100, p))));
        Json.int64(n, "sizeBytes").ifPresent(b::sizeBytes);
        Json.text(n, "createdAt").ifPresent(t -> {
            try {
                b.createdAt(Instant.parse(t));
            } catch (DateTimeParseException ignored) {
                // A malformed time is left out rather than failing the whole read.
            }
        });
        return b.build();
    }

    private static SnapshotState state(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "creating" -> SnapshotState.CREATING;
            case "ready" -> SnapshotState.READY;
            case "failed" -> SnapshotState.FAILED;
            case "deleting" -> SnapshotState.DELETING;
            default -> SnapshotState.UNKNOWN;
        };
    }

    private ServiceException error(Response r) {
        Optional<JsonNode> error = Json.tryReadObject(r.body()).map(n -> n.get("error")).filter(JsonNode::isObject);
        if (error.isEmpty()) {
            return ServiceErrors.fromStatus(TestJsonProvider.ID, r, runtime.clock());
        }
        String code = Json.text(error.get(), "code").orElse(Integer.toString(r.status()));
        Kind kind = switch (code) {
            case "Unauthorized" -> Kind.AUTHENTICATION;
            case "Forbidden" -> Kind.PERMISSION_DENIED;
            case "SnapshotNotFound", "SourceNotFound" -> Kind.NOT_FOUND;
            case "SnapshotBusy" -> Kind.CONFLICT;
            case "QuotaExceeded" -> Kind.QUOTA_EXCEEDED;
            case "TooManyRequests" -> Kind.THROTTLED;
            default -> Kind.ofStatus(r.status());
        };
        return ServiceErrors.create(TestJsonProvider.ID, kind, ServiceErrors.details(r, runtime.clock())
                .errorCode(code)
                .message(Json.text(error.get(), "message").orElse(""))
                .retryable(code.equals("InternalError") || ServiceErrors.isRetryableStatus(r.status()))
                .build());
    }

    /** The test provider has no options of its own. */
    private interface NoOptions extends ProviderOptions {}
}
