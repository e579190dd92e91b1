package io.snapshotsdk.yandex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.internal.client.ClientRuntime;
import io.snapshotsdk.internal.client.Parse;
import io.snapshotsdk.internal.client.RequestRules;
import io.snapshotsdk.internal.client.TokenCache;
import io.snapshotsdk.internal.client.TokenStage;
import io.snapshotsdk.internal.http.Endpoints;
import io.snapshotsdk.internal.http.HttpPipeline;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.internal.poll.Poller;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.yandex.YandexSettings;
import io.snapshotsdk.yandex.YandexSnapshotClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The {@code yandex} client: {@code Snapshot.Create}, {@code Get} and {@code Delete} of the
 * Compute REST API, and {@code GET /operations/{id}} of the Operation API for everything that
 * returns an operation.
 */
public final class YandexClient implements SnapshotClient {
    static final String ID = YandexSnapshotClient.PROVIDER_ID;
    static final URI COMPUTE = URI.create("https://compute.api.cloud.yandex.net");
    static final URI OPERATION = URI.create("https://operation.api.cloud.yandex.net");
    static final URI IAM = URI.create("https://iam.api.cloud.yandex.net");
    static final URI METADATA = URI.create("http://169.254.169.254");
    static final String OPERATION_ID = "operationId";

    private final ClientRuntime runtime;
    private final URI compute;
    private final URI operations;
    private final HttpPipeline computeHttp;
    private final HttpPipeline operationHttp;
    private final Optional<String> folderId;

    /** Creates the client; see {@link YandexSnapshotClient#create(YandexSettings, ProviderContext)}. */
    public YandexClient(YandexSettings s, ProviderContext context) {
        this.runtime = ClientRuntime.create(ID, s, context);
        this.compute = Endpoints.checkEndpoint(ID, "endpoint", s.endpoint().orElse(COMPUTE), s.allowInsecureHttp());
        this.operations = Endpoints.checkEndpoint(ID, "operationEndpoint",
                s.operationEndpoint().or(s::endpoint).orElse(OPERATION), s.allowInsecureHttp());
        URI iam = Endpoints.checkEndpoint(ID, "iamEndpoint", s.iamEndpoint().or(s::endpoint).orElse(IAM), s.allowInsecureHttp());
        this.folderId = s.folderId().or(() -> env(context, "YC_FOLDER_ID"));
        List<Violation> v = new ArrayList<>();
        Optional<String> ycToken = env(context, "YC_TOKEN");
        Optional<String> iamToken = s.iamToken().or(() -> env(context, "YC_IAM_TOKEN")).or(() -> ycToken.filter(YandexClient::looksLikeIamToken));
        Optional<String> keyFile = s.serviceAccountKeyFile().or(() -> env(context, "YC_SERVICE_ACCOUNT_KEY_FILE"));
        Optional<String> oauth = s.oauthToken().or(() -> ycToken.filter(t -> !looksLikeIamToken(t)));
        Supplier<IamToken> source;
        boolean refreshable = true;
        if (iamToken.isPresent()) {
            IamToken fixed = new IamToken(iamToken.get(), Instant.MAX);
            source = () -> fixed;
            refreshable = false;
        } else if (keyFile.isPresent()) {
            ServiceAccountKey key = ServiceAccountKey.load(keyFile.get());
            HttpPipeline http = tokenPipeline(iam);
            String audience = iam + "/iam/v1/tokens";
            source = () -> exchange(http, iam, Json.object().put("jwt", key.jwt(audience, runtime.clock().instant())));
        } else if (oauth.isPresent()) {
            HttpPipeline http = tokenPipeline(iam);
            source = () -> exchange(http, iam, Json.object().put("yandexPassportOauthToken", oauth.get()));
        } else if (s.metadataService()) {
            URI metadata = s.metadataEndpoint().orElse(METADATA);
            HttpPipeline http = tokenPipeline(metadata);
            source = () -> fromMetadata(http, metadata);
        } else {
            v.add(new Violation("iamToken", "no Yandex Cloud credentials: set iamToken, serviceAccountKeyFile, oauthToken or "
                    + "metadataService=true (or YC_IAM_TOKEN, YC_SERVICE_ACCOUNT_KEY_FILE, YC_TOKEN)"));
            source = () -> null;
        }
        RequestRules.throwIfAny(ID, v);
        TokenCache<IamToken> tokens = new TokenCache<>(source, IamToken::expiresAt, Duration.ofMinutes(5), refreshable, runtime.clock());
        TokenStage<IamToken> bearer = new TokenStage<>(tokens, (r, t) -> TokenStage.bearer(r, t.value()),
                r -> r.status() == 401 || YandexErrors.code(r.body()).orElse(-1) == YandexErrors.Grpc.UNAUTHENTICATED.ordinal());
        this.computeHttp = pipeline(bearer, compute);
        this.operationHttp = pipeline(bearer, operations);
    }

    private HttpPipeline pipeline(TokenStage<IamToken> bearer, URI origin) {
        return runtime.pipeline()
                .authenticator(bearer)
                .errorMapper(r -> YandexErrors.map(r, runtime.clock()))
                .clientRequestIdHeader("x-client-request-id")
                .requestIdHeaders("x-request-id")
                .allowOrigin(origin)
                .build();
    }

    private HttpPipeline tokenPipeline(URI origin) {
        return runtime.pipeline()
                .errorMapper(r -> YandexErrors.map(r, runtime.clock()))
                .clientRequestIdHeader("x-client-request-id")
                .requestIdHeaders("x-request-id")
                .allowOrigin(origin)
                .build();
    }

    /** {@code POST {iam}/iam/v1/tokens} with a JWT or an OAuth token. */
    private IamToken exchange(HttpPipeline http, URI iam, ObjectNode body) {
        Response r = http.send(Request.builder("POST", URI.create(iam + "/iam/v1/tokens"))
                .operation("CreateIamToken")
                .body(Json.write(body), "application/json")
                .retrySafe(true)
                .build());
        JsonNode n = Json.readObject(ID, r);
        Optional<String> token = Json.text(n, "iamToken").filter(TokenStage::isSendable);
        Optional<Instant> expires = Json.text(n, "expiresAt").flatMap(Parse::instant);
        if (token.isEmpty() || expires.isEmpty()) {
            throw new TransportException(ID, "the IAM token answer has no iamToken or expiresAt", r.status(), r.requestId(), null);
        }
        return new IamToken(token.get(), expires.get());
    }

    /** {@code GET {metadata}/computeMetadata/v1/instance/service-accounts/default/token} with {@code Metadata-Flavor: Google}. */
    private IamToken fromMetadata(HttpPipeline http, URI metadata) {
        Response r = http.send(Request.builder("GET", URI.create(metadata + "/computeMetadata/v1/instance/service-accounts/default/token"))
                .operation("GetMetadataToken")
                .header("Metadata-Flavor", "Google")
                .build());
        JsonNode n = Json.readObject(ID, r);
        Optional<String> token = Json.text(n, "access_token").filter(TokenStage::isSendable);
        OptionalLong expiresIn = Json.int64(n, "expires_in");
        // An expiry past any instant is as unusable as none.
        Optional<Instant> expires = expiresIn.isPresent() ? Parse.after(runtime.clock().instant(), expiresIn.getAsLong()) : Optional.empty();
        if (token.isEmpty() || expires.isEmpty()) {
            throw new TransportException(ID, "the metadata token answer has no usable access_token or expires_in", r.status(), r.requestId(), null);
        }
        return new IamToken(token.get(), expires.get());
    }

    @Override
    public String providerId() {
        return ID;
    }

    /**
     * Returns the {@code Idempotency-Key} for a token. Compute wants a UUID there: one is sent as it
     * is, any other token as the UUID named by it, so the same token always makes the same key.
     */
    public static String idempotencyKey(String token) {
        try {
            return UUID.fromString(token).toString().equals(token.toLowerCase(Locale.ROOT)) ? token : named(token);
        } catch (IllegalArgumentException notAUuid) {
            return named(token);
        }
    }

    private static String named(String token) {
        return UUID.nameUUIDFromBytes(("snapshot-sdk:" + token).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public Snapshot createSnapshot(CreateSnapshotRequest request) {
        runtime.ensureOpen();
        ObjectNode body = YandexRules.createBody(request, folderId);
        Response r = computeHttp.send(Request.builder("POST", Endpoints.path(ID, "snapshotId", compute, "compute", "v1", "snapshots"))
                .operation("Snapshot.Create")
                // The same key on every attempt: a repeated create returns the first operation.
                .header("Idempotency-Key", idempotencyKey(RequestRules.idempotencyToken(request)))
                .body(Json.write(body), "application/json")
                .retrySafe(true)
                .build());
        JsonNode op = Json.readObject(ID, r);
        Optional<String> snapshotId = Json.text(op.path("metadata"), "snapshotId").filter(x -> !x.isBlank());
        Optional<String> operationId = Json.text(op, "id").filter(x -> !x.isBlank());
        if (snapshotId.isEmpty() || operationId.isEmpty()) {
            throw new TransportException(ID, "the create operation has no id or metadata.snapshotId", r.status(), r.requestId(), null);
        }
        Snapshot pending = Snapshot.builder()
                .id(snapshotId.get())
                .providerId(ID)
                .state(SnapshotState.CREATING)
                .providerState("CREATING")
                .name(request.name())
                .description(request.description())
                .sourceId(request.sourceId())
                .tags(request.tags())
                .requestId(r.requestId())
                .putAttributes(OPERATION_ID, operationId.get())
                .build();
        return outcome(op, pending).orElse(pending);
    }

    @Override
    public Snapshot getSnapshot(String snapshotId) {
        runtime.ensureOpen();
        YandexRules.checkId("snapshotId", snapshotId);
        Response r = computeHttp.send(Request.builder("GET", Endpoints.path(ID, "snapshotId", compute, "compute", "v1", "snapshots", snapshotId))
                .operation("Snapshot.Get").build());
        return YandexSnapshots.from(Json.readObject(ID, r), r.requestId());
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        runtime.ensureOpen();
        YandexRules.checkId("snapshotId", snapshotId);
        Response r = computeHttp.send(Request.builder("DELETE", Endpoints.path(ID, "snapshotId", compute, "compute", "v1", "snapshots", snapshotId))
                .operation("Snapshot.Delete")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .build());
        JsonNode op = Json.readObject(ID, r);
        Snapshot deleting = Snapshot.builder().id(snapshotId).providerId(ID).state(SnapshotState.DELETING).build();
        String operationId = Json.text(op, "id").orElseThrow(() ->
                new TransportException(ID, "the delete operation has no id", r.status(), r.requestId(), null));
        if (done(op)) {
            failure(op, deleting);
            return;
        }
        // The deletion is awaited; its operation ends with an empty response or an error.
        runtime.poller().awaitDone(deleting, WaitOptions.defaults(), () -> {
            JsonNode polled = readOperation(operationId);
            failure(polled, deleting);
            return new Poller.Check(done(polled), Optional.empty());
        });
    }

    @Override
    public Snapshot awaitSnapshot(Snapshot snapshot, WaitOptions options) {
        runtime.ensureOpen();
        return runtime.poller().await(snapshot, options, polls(snapshot));
    }

    @Override
    public CompletableFuture<Snapshot> awaitSnapshotAsync(Snapshot snapshot, WaitOptions options) {
        return runtime.awaitAsync(snapshot, options, polls(snapshot));
    }

    /** Returns the polls of one wait: the create's operation until it is done, then the snapshot. */
    private Poller.PollFunction polls(Snapshot snapshot) {
        Optional<String> operationId = Optional.ofNullable(snapshot.attributes().get(OPERATION_ID));
        boolean[] operationDone = {operationId.isEmpty()};
        return last -> {
            if (operationDone[0]) {
                return Poller.Poll.of(getSnapshot(last.id()));
            }
            JsonNode op = readOperation(operationId.get());
            Optional<Snapshot> outcome = outcome(op, last);
            if (outcome.isEmpty()) {
                return Poller.Poll.of(Snapshot.builder().from(last).state(SnapshotState.CREATING).build());
            }
            operationDone[0] = true;
            return Poller.Poll.of(outcome.get());
        };
    }

    @Override
    public void close() {
        runtime.close();
    }

    private JsonNode readOperation(String operationId) {
        YandexRules.checkId("operationId", operationId);
        Response r = operationHttp.send(Request.builder("GET", Endpoints.path(ID, "operationId", operations, "operations", operationId))
                .operation("Operation.Get").build());
        return Json.readObject(ID, r);
    }

    /**
     * Returns the snapshot an operation ended with, or empty while it runs.
     *
     * @throws OperationFailedException if it carries an error, even before {@code done}
     */
    private Optional<Snapshot> outcome(JsonNode op, Snapshot last) {
        failure(op, last);
        if (!done(op)) {
            return Optional.empty();
        }
        JsonNode response = op.path("response");
        if (response.isObject() && Json.text(response, "id").isPresent()) {
            Snapshot s = YandexSnapshots.from(response, last.requestId());
            return Optional.of(Snapshot.builder().from(s).putAttributes(OPERATION_ID, last.attributes().getOrDefault(OPERATION_ID, "")).build());
        }
        return Optional.of(getSnapshot(last.id()));
    }

    /** Throws the operation's error, which may arrive before {@code done} while a rollback runs. */
    private static void failure(JsonNode op, Snapshot last) {
        JsonNode error = op.path("error");
        if (!error.isObject()) {
            return;
        }
        long code = Json.int64(error, "code").orElse(2);
        String name = YandexErrors.Grpc.of(code).map(Enum::name).orElse(Long.toString(code));
        String message = Json.text(error, "message").orElse("");
        throw new OperationFailedException(ID, "operation " + Json.text(op, "id").orElse("?") + " on " + last.id() + " failed: "
                + name + " (" + code + ")" + (message.isEmpty() ? "" : " " + message), last.id(), Optional.of(name),
                Optional.of(Snapshot.builder().from(last).state(SnapshotState.FAILED).providerState("ERROR").build()));
    }

    private static boolean done(JsonNode op) {
        return op.path("done").asBoolean(false);
    }

    // Terraform's rule for YC_TOKEN: an IAM token starts with "t1." and has exactly two dots.
    static boolean looksLikeIamToken(String token) {
        return token.startsWith("t1.") && token.chars().filter(c -> c == '.').count() == 2;
    }

    private static Optional<String> env(ProviderContext context, String name) {
        return context.environment().apply(name).map(String::trim).filter(x -> !x.isEmpty());
    }

}
