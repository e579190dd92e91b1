package io.snapshotsdk.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.CreateOutcomeUnknownException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.internal.client.ClientRuntime;
import io.snapshotsdk.internal.client.MarkedCreate;
import io.snapshotsdk.internal.client.RequestRules;
import io.snapshotsdk.internal.client.TokenCache;
import io.snapshotsdk.internal.client.TokenStage;
import io.snapshotsdk.internal.codec.Rfc3986;
import io.snapshotsdk.internal.http.Endpoints;
import io.snapshotsdk.internal.http.HttpPipeline;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.internal.poll.Poller;
import io.snapshotsdk.openstack.OpenStackSettings;
import io.snapshotsdk.openstack.OpenStackSnapshotClient;
import io.snapshotsdk.spi.ProviderContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The {@code openstack} client: {@code POST}, {@code GET} and {@code DELETE} of Cinder snapshots
 * on v1 (Rackspace), v2 or v3, at the Block Storage endpoint of the service catalog (or the
 * configured one), with Keystone tokens sent as {@code X-Auth-Token}.
 */
public final class OpenStackClient implements SnapshotClient {
    static final String ID = OpenStackSnapshotClient.PROVIDER_ID;
    private static final int MAX_LOOKUP_PAGES = 20;

    private final ClientRuntime runtime;
    private final OpenStackConfig config;
    private final OpenStackSettings settings;
    private final TokenCache<Keystone.KeystoneToken> tokens;
    private final Object volumeLock = new Object();
    private volatile Volume volume;

    /** The Block Storage endpoint in use, found once. */
    private record Volume(String base, int version, HttpPipeline http) {}

    /** Creates the client; see {@link OpenStackSnapshotClient#create(OpenStackSettings, ProviderContext)}. */
    public OpenStackClient(OpenStackSettings s, ProviderContext context) {
        this.settings = s;
        this.config = OpenStackConfig.resolve(s, context.environment(), System.getProperty("user.home", ""));
        this.runtime = ClientRuntime.create(ID, s, context);
        config.endpoint.ifPresent(e -> Endpoints.checkEndpoint(ID, "endpoint", e, s.allowInsecureHttp()));
        Supplier<Keystone.KeystoneToken> source;
        boolean refreshable;
        if (config.authUrl.isEmpty() && config.token.isPresent() && config.endpoint.isPresent()) {
            // A token used as it is, straight against the configured endpoint.
            Keystone.KeystoneToken fixed = new Keystone.KeystoneToken(config.token.get(), Instant.MAX, config.projectId, List.of());
            source = () -> fixed;
            refreshable = false;
        } else {
            Keystone keystone = Keystone.of(config);
            URI auth = Endpoints.checkEndpoint(ID, "authUrl", keystone.tokensUrl(), s.allowInsecureHttp());
            HttpPipeline http = runtime.pipeline()
                    .errorMapper(r -> CinderErrors.map(r, runtime.clock()))
                    .requestIdHeaders("x-openstack-request-id", "x-compute-request-id")
                    .allowOrigin(auth)
                    .build();
            source = () -> keystone.authenticate(http);
            refreshable = true;
        }
        // keystoneauth renews a token when fewer than two minutes remain.
        this.tokens = new TokenCache<>(source, Keystone.KeystoneToken::expiresAt, Duration.ofMinutes(2), refreshable, runtime.clock());
    }

    private Volume volume() {
        Volume v = volume;
        if (v != null) {
            return v;
        }
        synchronized (volumeLock) {
            if (volume == null) {
                Keystone.KeystoneToken token = tokens.get();
                String url = config.endpoint.map(URI::toString)
                        .orElseGet(() -> Keystone.volumeEndpoint(token.catalog(), config.interfaceType, config.region));
                int version = config.volumeApiVersion.or(() -> CinderUrls.version(url)).orElse(3);
                String base = CinderUrls.version(url).filter(x -> x != version).isPresent() ? CinderUrls.withVersion(url, version) : url;
                base = base.replaceAll("/+$", "");
                if (CinderUrls.endsWithVersion(base)) {
                    String project = token.projectId().or(() -> config.projectId).orElseThrow(() -> new InvalidRequestException(ID,
                            "projectId", "is required: the endpoint " + url + " has no project id and the token names none"));
                    base += "/" + Rfc3986.encode(project);
                }
                URI parsed;
                try {
                    parsed = URI.create(base);
                } catch (IllegalArgumentException notAUrl) {
                    // Only the catalog can say this; a configured endpoint is a URI already.
                    throw new TransportException(ID, "the service catalog's Block Storage endpoint is not a URL", notAUrl);
                }
                URI checked = Endpoints.checkEndpoint(ID, "endpoint", parsed, settings.allowInsecureHttp());
                TokenStage<Keystone.KeystoneToken> stage = new TokenStage<>(tokens,
                        (r, t) -> r.toBuilder().setHeader("X-Auth-Token", t.value()).build(), r -> r.status() == 401);
                HttpPipeline http = runtime.pipeline()
                        .authenticator(version == 3 ? withMicroversion(stage) : stage)
                        .errorMapper(r -> CinderErrors.map(r, runtime.clock()))
                        .requestIdHeaders("x-openstack-request-id", "x-compute-request-id")
                        .allowOrigin(checked)
                        .build();
                volume = new Volume(checked.toString(), version, http);
            }
            return volume;
        }
    }

    private io.snapshotsdk.internal.http.Interceptor withMicroversion(TokenStage<Keystone.KeystoneToken> stage) {
        String header = "volume " + settings.microversion();
        return chain -> stage.intercept(new io.snapshotsdk.internal.http.Interceptor.Chain() {
            @Override
            public Request request() {
                return chain.request().toBuilder().setHeader("OpenStack-API-Version", header).build();
            }

            @Override
            public int attempt() {
                return chain.attempt();
            }

            @Override
            public Response proceed(Request request) throws java.io.IOException {
                return chain.proceed(request);
            }
        });
    }

    @Override
    public String providerId() {
        return ID;
    }

    @Override
    public Snapshot createSnapshot(CreateSnapshotRequest request) {
        runtime.ensureOpen();
        String token = RequestRules.idempotencyToken(request);
        var options = CinderRules.check(request, token);
        Volume v = volume();
        ObjectNode body = CinderRules.createBody(request, options, v.version(), settings.microversion(), token);
        Request post = Request.builder("POST", URI.create(v.base() + "/snapshots"))
                .operation("Snapshots.Create")
                .body(Json.write(body), "application/json")
                .header("Accept", "application/json")
                // Never re-sent blindly: Cinder has no idempotency token.
                .retrySafe(false)
                .build();
        Supplier<Snapshot> create = () -> {
            Response r = v.http().send(post);
            return CinderSnapshots.from(snapshotObject(r), r.requestId());
        };
        if (v.version() == 1) {
            return MarkedCreate.runWithoutMarker(runtime.retryPolicy(), runtime.clock(), runtime.sleeper(), create,
                    failure -> new CreateOutcomeUnknownException(ID, request.sourceId(), request.name(), failure));
        }
        return MarkedCreate.run(runtime.retryPolicy(), runtime.clock(), runtime.sleeper(), create, () -> findByMarker(v, request.sourceId(), token),
                request.idempotencyToken().isPresent());
    }

    @Override
    public Snapshot getSnapshot(String snapshotId) {
        runtime.ensureOpen();
        // Checked before the token and the catalog are fetched: a refused id sends nothing.
        CinderRules.checkId("snapshotId", snapshotId);
        Volume v = volume();
        Response r = v.http().send(Request.builder("GET", Endpoints.path(ID, "snapshotId", URI.create(v.base()), "snapshots",
                snapshotId)).operation("Snapshots.Show").header("Accept", "application/json").build());
        return CinderSnapshots.from(snapshotObject(r), r.requestId());
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        runtime.ensureOpen();
        CinderRules.checkId("snapshotId", snapshotId);
        Volume v = volume();
        try {
            v.http().send(Request.builder("DELETE", Endpoints.path(ID, "snapshotId", URI.create(v.base()), "snapshots",
                    snapshotId)).operation("Snapshots.Delete").build());
        } catch (NotFoundException gone) {
            // Already gone: deleting is done.
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

    /** Lists the volume's snapshots and returns the one carrying the create's marker. */
    private Optional<Snapshot> findByMarker(Volume v, String volumeId, String token) {
        URI next = URI.create(v.base() + "/snapshots/detail?volume_id=" + Rfc3986.encode(volumeId));
        for (int page = 0; page < MAX_LOOKUP_PAGES && next != null; page++) {
            Response r = v.http().send(Request.builder("GET", next).operation("Snapshots.ListDetail").header("Accept", "application/json").build());
            JsonNode list = Json.readObject(ID, r);
            for (JsonNode s : list.path("snapshots")) {
                if (token.equals(Json.stringMap(s, "metadata").get(OpenStackSnapshotClient.MARKER_KEY))
                        && Json.text(s, "volume_id").filter(volumeId::equals).isPresent()
                        && Json.text(s, "id").filter(x -> !x.isBlank()).isPresent()) {
                    return Optional.of(CinderSnapshots.from(s, r.requestId()));
                }
            }
            next = null;
            for (JsonNode link : list.path("snapshots_links")) {
                if (Json.text(link, "rel").filter("next"::equals).isPresent()) {
                    next = Endpoints.requireSameOrigin(ID, URI.create(v.base()), Json.text(link, "href").orElse(""));
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode snapshotObject(Response r) {
        JsonNode s = Json.readObject(ID, r).path("snapshot");
        if (!s.isObject() || Json.text(s, "id").filter(x -> !x.isBlank()).isEmpty()) {
            throw new TransportException(ID, "the answer has no snapshot object with an id", r.status(), r.requestId(), null);
        }
        return s;
    }
}
