package io.snapshotsdk.aliyun.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.ErrorDetails;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.aliyun.AliyunSettings;
import io.snapshotsdk.aliyun.AliyunSnapshotClient;
import io.snapshotsdk.internal.client.ClientRuntime;
import io.snapshotsdk.internal.client.Parse;
import io.snapshotsdk.internal.client.RequestRules;
import io.snapshotsdk.internal.codec.Rfc3986;
import io.snapshotsdk.internal.http.Endpoints;
import io.snapshotsdk.internal.http.HttpPipeline;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.internal.poll.Poller;
import io.snapshotsdk.spi.ProviderContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code aliyun} client: ECS {@code CreateSnapshot}, {@code DescribeSnapshots} and
 * {@code DeleteSnapshot} as RPC calls ({@code POST /} with the API parameters in the query and an
 * empty body, as the current SDKs send them), signed per attempt.
 *
 * <p>Snapshot attributes, where ECS reports them: {@code sourceDiskSizeGiB}, {@code sourceDiskType},
 * {@code retentionDays}, {@code encrypted}, {@code kmsKeyId}, {@code usage}, {@code snapshotType},
 * {@code category}, {@code instantAccess}, {@code resourceGroupId}, {@code snapshotSN},
 * {@code remainTimeSeconds}, {@code lastModifiedTime}.
 */
public final class AliyunClient implements SnapshotClient {
    static final String ID = AliyunSnapshotClient.PROVIDER_ID;

    private final ClientRuntime runtime;
    private final HttpPipeline http;
    private final URI endpoint;
    private final String region;

    /** Creates the client; see {@link AliyunSnapshotClient#create(AliyunSettings, ProviderContext)}. */
    public AliyunClient(AliyunSettings settings, ProviderContext context) {
        AliyunConfig config = AliyunConfig.resolve(settings, context.environment(), System.getProperty("user.home", ""));
        this.region = config.region();
        this.endpoint = Endpoints.checkEndpoint(ID, "endpoint",
                settings.endpoint().orElseGet(() -> AliyunEndpoints.of(config.region(), settings.network())), settings.allowInsecureHttp());
        this.runtime = ClientRuntime.create(ID, settings, context);
        this.http = runtime.pipeline()
                .authenticator(new AcsSigningStage(settings.signatureVersion(), config, runtime.clock()))
                .errorMapper(r -> AliyunErrors.map(r, runtime.clock()))
                .requestIdHeaders("x-acs-request-id")
                .allowOrigin(endpoint)
                .build();
    }

    @Override
    public String providerId() {
        return ID;
    }

    @Override
    public Snapshot createSnapshot(CreateSnapshotRequest request) {
        runtime.ensureOpen();
        Map<String, String> params = AliyunRules.createParameters(request, RequestRules.idempotencyToken(request));
        // The ClientToken makes every attempt of this create the same create.
        Response r = http.send(rpc("CreateSnapshot", params, true));
        JsonNode n = Json.readObject(ID, r);
        Optional<String> id = Json.text(n, "SnapshotId").filter(x -> !x.isBlank());
        if (id.isEmpty()) {
            throw new TransportException(ID, "CreateSnapshot answer has no SnapshotId", r.status(), requestId(n, r), null);
        }
        return Snapshot.builder()
                .id(id.get())
                .providerId(ID)
                .state(SnapshotState.CREATING)
                .name(request.name())
                .description(request.description())
                .sourceId(request.sourceId())
                .tags(request.tags())
                .requestId(requestId(n, r))
                .build();
    }

    @Override
    public Snapshot getSnapshot(String snapshotId) {
        runtime.ensureOpen();
        checkId(snapshotId);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("RegionId", region);
        params.put("SnapshotIds", Json.text(Json.array().add(snapshotId)));
        Response r = http.send(rpc("DescribeSnapshots", params, true));
        JsonNode n = Json.readObject(ID, r);
        JsonNode list = n.path("Snapshots").path("Snapshot");
        if (n.path("Snapshots").isMissingNode() || !(list.isArray() || list.isMissingNode())) {
            throw new TransportException(ID, "DescribeSnapshots answer has no Snapshots.Snapshot list", r.status(), requestId(n, r), null);
        }
        for (JsonNode s : list) {
            if (Json.text(s, "SnapshotId").filter(snapshotId::equals).isPresent()) {
                return snapshot(s, requestId(n, r));
            }
        }
        throw new NotFoundException(ID, ErrorDetails.builder()
                .httpStatus(r.status())
                .errorCode("InvalidSnapshotId.NotFound")
                .message("DescribeSnapshots returned no snapshot " + snapshotId)
                .requestId(requestId(n, r))
                .build());
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        runtime.ensureOpen();
        checkId(snapshotId);
        try {
            http.send(rpc("DeleteSnapshot", Map.of("SnapshotId", snapshotId), true));
        } catch (NotFoundException gone) {
            // ECS documents that deleting a snapshot that does not exist is ignored.
            if (!gone.errorCode().equals("InvalidSnapshotId.NotFound")) {
                throw gone;
            }
        }
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

    private Request rpc(String action, Map<String, String> params, boolean retrySafe) {
        StringBuilder url = new StringBuilder(512).append(endpoint).append('/');
        char separator = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            url.append(separator).append(Rfc3986.encode(p.getKey())).append('=').append(Rfc3986.encode(p.getValue()));
            separator = '&';
        }
        return Request.builder("POST", URI.create(url.toString()))
                .operation(action)
                .retrySafe(retrySafe)
                .build();
    }

    private static void checkId(String snapshotId) {
        RequestRules.requireId(ID, "snapshotId", snapshotId);
        if (!AliyunRules.RESOURCE_ID.matcher(snapshotId).matches()) {
            throw new InvalidRequestException(ID, "snapshotId", AliyunRules.RESOURCE_ID_RULE);
        }
    }

    private static Optional<String> requestId(JsonNode n, Response r) {
        return Json.text(n, "RequestId").or(r::requestId);
    }

    /** Returns the snapshot one {@code DescribeSnapshots} item describes. */
    static Snapshot snapshot(JsonNode s, Optional<String> requestId) {
        String status = Json.text(s, "Status").orElse("");
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode t : s.path("Tags").path("Tag")) {
            Json.text(t, "TagKey").ifPresent(k -> tags.put(k, Json.text(t, "TagValue").orElse("")));
        }
        Snapshot.Builder b = Snapshot.builder()
                .id(Json.text(s, "SnapshotId").orElseThrow())
                .providerId(ID)
                .state(state(status))
                .providerState(Optional.of(status).filter(x -> !x.isEmpty()))
                .name(Json.text(s, "SnapshotName").filter(x -> !x.isEmpty()))
                .description(Json.text(s, "Description").filter(x -> !x.isEmpty()))
                .sourceId(Json.text(s, "SourceDiskId").filter(x -> !x.isEmpty()))
                .tags(tags)
                .requestId(requestId);
        Json.text(s, "Progress").flatMap(Parse::percent).ifPresent(b::progressPercent);
        Json.text(s, "CreationTime").flatMap(Parse::instant).ifPresent(b::createdAt);
        for (String[] a : new String[][] {{"SourceDiskSize", "sourceDiskSizeGiB"}, {"SourceDiskType", "sourceDiskType"},
                {"RetentionDays", "retentionDays"}, {"Encrypted", "encrypted"}, {"KMSKeyId", "kmsKeyId"}, {"Usage", "usage"},
                {"SnapshotType", "snapshotType"}, {"Category", "category"}, {"InstantAccess", "instantAccess"},
                {"ResourceGroupId", "resourceGroupId"}, {"SnapshotSN", "snapshotSN"}, {"RemainTime", "remainTimeSeconds"},
                {"LastModifiedTime", "lastModifiedTime"}}) {
            Json.text(s, a[0]).filter(x -> !x.isEmpty()).ifPresent(x -> b.putAttributes(a[1], x));
        }
        return b.build();
    }

    static SnapshotState state(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "progressing" -> SnapshotState.CREATING;
            case "accomplished" -> SnapshotState.READY;
            case "failed" -> SnapshotState.FAILED;
            default -> SnapshotState.UNKNOWN;
        };
    }
}
