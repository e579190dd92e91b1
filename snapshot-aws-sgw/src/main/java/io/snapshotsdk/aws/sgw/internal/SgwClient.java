package io.snapshotsdk.aws.sgw.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.ErrorDetails;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.aws.sgw.AwsSgwSettings;
import io.snapshotsdk.aws.sgw.AwsSgwSnapshotClient;
import io.snapshotsdk.internal.client.ClientRuntime;
import io.snapshotsdk.internal.client.Parse;
import io.snapshotsdk.internal.client.MarkedCreate;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import io.snapshotsdk.internal.xml.Xml;
import javax.xml.stream.XMLStreamException;

/**
 * The {@code aws-sgw} client: {@code CreateSnapshot} on Storage Gateway (AWS JSON 1.1), and
 * {@code DescribeSnapshots} / {@code DeleteSnapshot} on EC2 (Query protocol, XML answers), both
 * signed with SigV4.
 *
 * <p>Snapshot attributes: {@code volumeARN} (after create), {@code volumeId}, {@code ownerId},
 * {@code volumeSizeGiB}, {@code encrypted}, {@code kmsKeyId}, {@code storageTier},
 * {@code statusMessage}, {@code completionTime}, where EC2 reports them.
 */
public final class SgwClient implements SnapshotClient {
    static final String ID = AwsSgwSnapshotClient.PROVIDER_ID;
    static final String TARGET = "StorageGateway_20130630.CreateSnapshot";
    static final String JSON_11 = "application/x-amz-json-1.1";
    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    static final String EC2_VERSION = "2016-11-15";

    private final ClientRuntime runtime;
    private final URI sgwEndpoint;
    private final URI ec2Endpoint;
    private final HttpPipeline sgw;
    private final HttpPipeline ec2;

    /** Creates the client; see {@link AwsSgwSnapshotClient#create(AwsSgwSettings, ProviderContext)}. */
    public SgwClient(AwsSgwSettings settings, ProviderContext context) {
        AwsConfig config = AwsConfig.resolve(settings, context.environment(), System.getProperty("user.home", ""));
        URI sgwUri;
        URI ec2Uri;
        try {
            sgwUri = AwsEndpoints.resolve("storagegateway", Optional.of(config.region()), config.useFips(),
                    config.useDualStack(), settings.endpoint());
            ec2Uri = AwsEndpoints.resolve("ec2", Optional.of(config.region()), config.useFips(), config.useDualStack(),
                    settings.ec2Endpoint().or(settings::endpoint));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(ID, "endpoint", e.getMessage());
        }
        this.sgwEndpoint = Endpoints.checkEndpoint(ID, "endpoint", sgwUri, settings.allowInsecureHttp());
        this.ec2Endpoint = Endpoints.checkEndpoint(ID, "ec2Endpoint", ec2Uri, settings.allowInsecureHttp());
        this.runtime = ClientRuntime.create(ID, settings, context);
        AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
        this.sgw = runtime.pipeline()
                .authenticator(new SigningStage(new SigV4("storagegateway", config.region(), false), config.credentials(),
                        runtime.clock(), offset, AwsErrors::jsonErrorCode))
                .errorMapper(r -> AwsErrors.storageGateway(r, runtime.clock()))
                .requestIdHeaders("x-amzn-RequestId", "x-amz-request-id")
                .allowOrigin(sgwEndpoint)
                .build();
        this.ec2 = runtime.pipeline()
                .authenticator(new SigningStage(new SigV4("ec2", config.region(), false), config.credentials(),
                        runtime.clock(), offset, AwsErrors::ec2ErrorCode))
                .errorMapper(r -> AwsErrors.ec2(r, runtime.clock()))
                .requestIdHeaders("x-amzn-RequestId", "x-amz-request-id")
                .allowOrigin(ec2Endpoint)
                .build();
    }

    @Override
    public String providerId() {
        return ID;
    }

    @Override
    public Snapshot createSnapshot(CreateSnapshotRequest request) {
        runtime.ensureOpen();
        String token = RequestRules.idempotencyToken(request);
        Map<String, String> tags = SgwRules.check(request, token);
        ObjectNode body = SgwRules.createBody(request, tags);
        Request create = Request.builder("POST", URI.create(sgwEndpoint + "/"))
                .operation("CreateSnapshot")
                .header("X-Amz-Target", TARGET)
                .body(Json.write(body), JSON_11)
                // Never re-sent blindly: MarkedCreate looks the marker up first.
                .retrySafe(false)
                .build();
        return MarkedCreate.run(runtime.retryPolicy(), runtime.clock(), runtime.sleeper(),
                () -> created(sgw.send(create), request, tags),
                () -> findByMarker(token), request.idempotencyToken().isPresent());
    }

    @Override
    public Snapshot getSnapshot(String snapshotId) {
        runtime.ensureOpen();
        SgwRules.snapshotId(snapshotId);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("SnapshotId.1", snapshotId);
        Response r = ec2.send(ec2Request("DescribeSnapshots", params));
        return describe(r).stream().findFirst().orElseThrow(() -> new NotFoundException(ID, ErrorDetails.builder()
                .httpStatus(r.status())
                .errorCode("InvalidSnapshot.NotFound")
                .message("DescribeSnapshots returned no snapshot " + snapshotId)
                .requestId(requestId(r))
                .build()));
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        runtime.ensureOpen();
        SgwRules.snapshotId(snapshotId);
        ec2.send(ec2Request("DeleteSnapshot", Map.of("SnapshotId", snapshotId)));
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

    private Optional<Snapshot> findByMarker(String token) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Owner.1", "self");
        params.put("Filter.1.Name", "tag:" + AwsSgwSnapshotClient.MARKER_TAG_KEY);
        params.put("Filter.1.Value.1", token);
        return describe(ec2.send(ec2Request("DescribeSnapshots", params))).stream().findFirst();
    }

    private Request ec2Request(String action, Map<String, String> params) {
        StringBuilder form = new StringBuilder("Action=").append(action).append("&Version=").append(EC2_VERSION);
        params.forEach((k, v) -> form.append('&').append(Rfc3986.encode(k)).append('=').append(Rfc3986.encode(v)));
        return Request.builder("POST", URI.create(ec2Endpoint + "/"))
                .operation(action)
                .body(form.toString().getBytes(StandardCharsets.UTF_8), FORM)
                // Describe reads; DeleteSnapshot of one id has the same effect however often it arrives.
                .retrySafe(true)
                .build();
    }

    /** Returns the snapshot a {@code CreateSnapshot} answer names. */
    static Snapshot created(Response r, CreateSnapshotRequest request, Map<String, String> tags) {
        JsonNode n = Json.readObject(ID, r);
        Optional<String> id = Json.text(n, "SnapshotId").filter(x -> !x.isBlank());
        if (id.isEmpty()) {
            throw new TransportException(ID, "CreateSnapshot answer has no SnapshotId", r.status(), r.requestId(), null);
        }
        Snapshot.Builder b = Snapshot.builder()
                .id(id.get())
                .providerId(ID)
                .state(SnapshotState.CREATING)
                .name(request.name())
                .description(request.description())
                .sourceId(Json.text(n, "VolumeARN").orElse(request.sourceId()))
                .tags(tags)
                .requestId(r.requestId());
        Json.text(n, "VolumeARN").ifPresent(arn -> b.putAttributes("volumeARN", arn));
        return b.build();
    }

    private List<Snapshot> describe(Response r) {
        Xml root;
        try {
            root = Xml.parse(r.body());
        } catch (XMLStreamException e) {
            throw new TransportException(ID, "HTTP " + r.status() + " answer to " + r.request().operation()
                    + " is not the XML EC2 documents", r.status(), r.requestId(), e);
        }
        Optional<String> requestId = root.text("requestId").or(r::requestId);
        Optional<Xml> set = root.child("snapshotSet");
        if (!root.name().equals("DescribeSnapshotsResponse") || set.isEmpty()) {
            throw new TransportException(ID, "DescribeSnapshots answer has no snapshotSet", r.status(), requestId, null);
        }
        return set.get().children("item").stream().map(item -> snapshot(item, requestId, r)).toList();
    }

    private Snapshot snapshot(Xml item, Optional<String> requestId, Response r) {
        Optional<String> id = item.text("snapshotId").filter(x -> !x.isBlank());
        Optional<String> status = item.text("status");
        if (id.isEmpty() || status.isEmpty()) {
            throw new TransportException(ID, "DescribeSnapshots item lacks snapshotId or status", r.status(), requestId, null);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        item.child("tagSet").ifPresent(set -> set.children("item").forEach(t ->
                tags.put(t.text("key").orElse(""), t.child("value").map(Xml::text).orElse(""))));
        tags.remove("");
        Snapshot.Builder b = Snapshot.builder()
                .id(id.get())
                .providerId(ID)
                .state(state(status.get()))
                .providerState(status.get())
                .name(Optional.ofNullable(tags.get(SgwRules.NAME_TAG)))
                .description(item.text("description"))
                .sourceId(item.text("volumeId"))
                .tags(tags)
                .requestId(requestId);
        item.text("progress").flatMap(Parse::percent).ifPresent(b::progressPercent);
        item.text("startTime").flatMap(Parse::instant).ifPresent(b::createdAt);
        item.text("fullSnapshotSizeInBytes").flatMap(Parse::count).ifPresent(b::sizeBytes);
        for (String[] a : new String[][] {{"volumeId", "volumeId"}, {"ownerId", "ownerId"}, {"volumeSize", "volumeSizeGiB"},
                {"encrypted", "encrypted"}, {"kmsKeyId", "kmsKeyId"}, {"storageTier", "storageTier"},
                {"statusMessage", "statusMessage"}, {"completionTime", "completionTime"}}) {
            item.text(a[0]).ifPresent(v -> b.putAttributes(a[1], v));
        }
        return b.build();
    }

    static SnapshotState state(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "pending", "recovering" -> SnapshotState.CREATING;
            case "completed" -> SnapshotState.READY;
            case "error" -> SnapshotState.FAILED;
            // In the Recycle Bin: deleted, but still recoverable.
            case "recoverable" -> SnapshotState.DELETING;
            default -> SnapshotState.UNKNOWN;
        };
    }

    private static Optional<String> requestId(Response r) {
        try {
            return Xml.parse(r.body()).text("requestId").or(r::requestId);
        } catch (XMLStreamException e) {
            return r.requestId();
        }
    }
}
