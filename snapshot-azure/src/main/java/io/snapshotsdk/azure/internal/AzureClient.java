package io.snapshotsdk.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.azure.AzureSettings;
import io.snapshotsdk.azure.AzureSnapshotClient;
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
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code azure} client: {@code PUT}, {@code GET} and {@code DELETE} of
 * {@code Microsoft.Compute/snapshots}, and ARM's long-running operations: the
 * {@code Azure-AsyncOperation} URL first, else {@code Location}, then a {@code GET} of the
 * resource. Polling URLs are used verbatim and only on the ARM endpoint's own origin.
 */
public final class AzureClient implements SnapshotClient {
    static final String ID = AzureSnapshotClient.PROVIDER_ID;
    static final URI DEFAULT_ENDPOINT = URI.create("https://management.azure.com");
    static final URI DEFAULT_AUTHORITY = URI.create("https://login.microsoftonline.com");
    static final URI DEFAULT_IMDS = URI.create("http://169.254.169.254/metadata/identity/oauth2/token");
    static final String ASYNC_OPERATION = "asyncOperationUrl";
    static final String LOCATION = "locationUrl";
    // The 401 codes that a new token cures (not, say, a token of the wrong tenant).
    private static final Set<String> REFRESH_CODES = Set.of("ExpiredAuthenticationToken", "InvalidAuthenticationToken");

    private static final Pattern SNAPSHOT_ID = Pattern.compile(
            "/?subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/snapshots/([^/]+)", Pattern.CASE_INSENSITIVE);

    private final ClientRuntime runtime;
    private final HttpPipeline arm;
    private final URI endpoint;
    private final ApiVersion api;
    private final String subscriptionId;
    private final Optional<String> resourceGroup;
    private final Optional<String> location;

    /** Creates the client; see {@link AzureSnapshotClient#create(AzureSettings, ProviderContext)}. */
    public AzureClient(AzureSettings s, ProviderContext context) {
        List<Violation> v = new ArrayList<>();
        Optional<String> subscription = s.subscriptionId().or(() -> env(context, "AZURE_SUBSCRIPTION_ID"));
        if (subscription.isEmpty()) {
            v.add(new Violation("subscriptionId", "is required (or set AZURE_SUBSCRIPTION_ID)"));
        }
        this.endpoint = Endpoints.checkEndpoint(ID, "endpoint", s.endpoint().orElse(DEFAULT_ENDPOINT), s.allowInsecureHttp());
        this.api = new ApiVersion(s.apiVersion());
        this.runtime = ClientRuntime.create(ID, s, context);
        Supplier<AccessToken> source = tokenSource(s, context, v);
        RequestRules.throwIfAny(ID, v);
        this.subscriptionId = subscription.get();
        this.resourceGroup = s.resourceGroup();
        this.location = s.region();
        TokenCache<AccessToken> tokens = new TokenCache<>(source, AccessToken::expiresAt, Duration.ofMinutes(5),
                s.accessToken().isEmpty(), runtime.clock());
        this.arm = runtime.pipeline()
                .authenticator(new TokenStage<>(tokens, (r, t) -> TokenStage.bearer(r, t.value()),
                        r -> r.status() == 401 && AzureErrors.code(r).filter(REFRESH_CODES::contains).isPresent()))
                .errorMapper(r -> AzureErrors.map(r, runtime.clock()))
                .requestIdHeaders("x-ms-request-id", "x-ms-correlation-request-id")
                .clientRequestIdHeader("x-ms-client-request-id")
                .allowOrigin(endpoint)
                .build();
    }

    private Supplier<AccessToken> tokenSource(AzureSettings s, ProviderContext context, List<Violation> v) {
        if (s.accessToken().isPresent()) {
            AccessToken fixed = new AccessToken(s.accessToken().get(), Instant.MAX);
            return () -> fixed;
        }
        Optional<String> tenant = s.tenantId().or(() -> env(context, "AZURE_TENANT_ID"));
        Optional<String> client = s.clientId().or(() -> env(context, "AZURE_CLIENT_ID"));
        Optional<String> secret = s.clientSecret().or(() -> env(context, "AZURE_CLIENT_SECRET"));
        String audience = audience(endpoint);
        if (tenant.isPresent() && client.isPresent() && secret.isPresent()) {
            URI authority;
            try {
                authority = Endpoints.checkEndpoint(ID, "authorityHost",
                        s.authorityHost().or(() -> env(context, "AZURE_AUTHORITY_HOST").map(URI::create)).orElse(DEFAULT_AUTHORITY),
                        s.allowInsecureHttp());
            } catch (InvalidRequestException e) {
                v.addAll(e.violations());
                return () -> null;
            }
            HttpPipeline login = tokenPipeline(authority);
            return () -> EntraTokens.clientSecret(login, authority, tenant.get(), client.get(), secret.get(), audience + "/.default",
                    runtime.clock());
        }
        if (s.managedIdentity()) {
            URI imds = s.managedIdentityEndpoint().orElse(DEFAULT_IMDS);
            HttpPipeline pipeline = tokenPipeline(URI.create(imds.getScheme() + "://" + imds.getRawAuthority()));
            return () -> EntraTokens.managedIdentity(pipeline, imds, audience + "/", s.managedIdentityClientId(), runtime.clock());
        }
        v.add(new Violation("clientSecret", "no Azure credentials: set accessToken, or tenantId, clientId and clientSecret "
                + "(or AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET), or managedIdentity=true"
                + (tenant.isPresent() || client.isPresent() || secret.isPresent() ? "; the service principal is incomplete" : "")));
        return () -> null;
    }

    /**
     * Returns the token audience of an ARM endpoint: its origin, so that
     * {@code https://management.azure.com} asks for {@code https://management.azure.com/.default}
     * and a sovereign or test endpoint for its own.
     */
    static String audience(URI endpoint) {
        return Endpoints.origin(endpoint).replaceFirst("^(https://[^/]+):443$", "$1").replaceFirst("^(http://[^/]+):80$", "$1");
    }

    private HttpPipeline tokenPipeline(URI origin) {
        return runtime.pipeline()
                .errorMapper(r -> EntraTokens.error(r, runtime.clock()))
                .requestIdHeaders("x-ms-request-id", "client-request-id")
                .allowOrigin(origin)
                .build();
    }

    @Override
    public String providerId() {
        return ID;
    }

    @Override
    public Snapshot createSnapshot(CreateSnapshotRequest request) {
        runtime.ensureOpen();
        AzureRules.Plan plan = AzureRules.plan(request, api, resourceGroup, location);
        plan.diskSizeGB().ifPresent(size -> plan.sourceResourceId().ifPresent(source -> checkNotSmaller(size, source)));
        URI url = resourceUrl(subscriptionId, plan.resourceGroup(), plan.name());
        // A PUT by name is idempotent: a retry after a timeout updates the same snapshot.
        Response r = arm.send(Request.builder("PUT", url)
                .operation("Snapshots_CreateOrUpdate")
                .body(Json.write(plan.body()), "application/json")
                .build());
        String id = armId(url);
        Snapshot.Builder b = r.body().length == 0
                ? Snapshot.builder().id(id).providerId(ID).state(SnapshotState.CREATING).name(plan.name()).requestId(r.requestId())
                : AzureSnapshots.from(Json.readObject(ID, r), id, r.requestId());
        b.id(id);
        Optional<String> async = r.header("Azure-AsyncOperation").filter(x -> !x.isBlank());
        Optional<String> loc = r.header("Location").filter(x -> !x.isBlank());
        // Polling URLs stay on ARM's own origin: the token is never sent anywhere else.
        async.ifPresent(u -> Endpoints.requireSameOrigin(ID, endpoint, u));
        loc.ifPresent(u -> Endpoints.requireSameOrigin(ID, endpoint, u));
        async.ifPresent(u -> b.putAttributes(ASYNC_OPERATION, u));
        loc.ifPresent(u -> b.putAttributes(LOCATION, u));
        if (async.isPresent() || loc.isPresent()) {
            // Still running, whatever the first body says (a 200 with Azure-AsyncOperation is not final).
            b.state(SnapshotState.CREATING);
        }
        if (r.body().length == 0 && async.isEmpty() && loc.isEmpty()) {
            b.state(SnapshotState.UNKNOWN);
        }
        return b.build();
    }

    @Override
    public Snapshot getSnapshot(String snapshotId) {
        runtime.ensureOpen();
        URI url = snapshotUrl(snapshotId);
        Response r = arm.send(Request.builder("GET", url).operation("Snapshots_Get").build());
        return AzureSnapshots.from(Json.readObject(ID, r), armId(url), r.requestId()).build();
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        runtime.ensureOpen();
        URI url = snapshotUrl(snapshotId);
        Response r;
        try {
            r = arm.send(Request.builder("DELETE", url).operation("Snapshots_Delete").build());
        } catch (NotFoundException gone) {
            return;
        }
        if (r.status() != 202) {
            return;
        }
        Snapshot deleting = Snapshot.builder().id(armId(url)).providerId(ID).state(SnapshotState.DELETING).build();
        Optional<String> async = r.header("Azure-AsyncOperation").filter(x -> !x.isBlank());
        Optional<String> loc = r.header("Location").filter(x -> !x.isBlank());
        if (async.isEmpty() && loc.isEmpty()) {
            return;
        }
        async.ifPresent(u -> Endpoints.requireSameOrigin(ID, endpoint, u));
        loc.ifPresent(u -> Endpoints.requireSameOrigin(ID, endpoint, u));
        Operation op = async.isPresent() ? new Operation(Mode.ASYNC, async.get()) : new Operation(Mode.LOCATION, loc.get());
        Optional<Duration> first = AzureErrors.retryAfter(r, runtime.clock().instant());
        WaitOptions wait = first.map(d -> WaitOptions.builder().pollInterval(d).maxPollInterval(d.compareTo(Duration.ofSeconds(30)) > 0
                ? d : Duration.ofSeconds(30)).build()).orElse(WaitOptions.defaults());
        runtime.poller().awaitDone(deleting, wait, () -> {
            Step step = step(op, deleting);
            return new Poller.Check(step.done(), step.retryAfter());
        });
    }

    @Override
    public Snapshot awaitSnapshot(Snapshot snapshot, WaitOptions options) {
        runtime.ensureOpen();
        return runtime.poller().await(snapshot, options, polls(snapshot));
    }

    @Override
    public CompletableFuture<Snapshot> awaitSnapshotAsync(Snapshot snapshot, WaitOptions options) {
        runtime.ensureOpen();
        Poller.PollFunction polls;
        try {
            polls = polls(snapshot);
        } catch (RuntimeException foreignPollUrl) {
            return CompletableFuture.failedFuture(foreignPollUrl);
        }
        return runtime.awaitAsync(snapshot, options, polls);
    }

    /** Returns the polls of one wait: the operation while it runs, then the resource. */
    private Poller.PollFunction polls(Snapshot snapshot) {
        Operation op = Optional.ofNullable(snapshot.attributes().get(ASYNC_OPERATION)).map(u -> new Operation(Mode.ASYNC, u))
                .or(() -> Optional.ofNullable(snapshot.attributes().get(LOCATION)).map(u -> new Operation(Mode.LOCATION, u)))
                .orElse(new Operation(Mode.RESOURCE, null));
        if (op.url() != null) {
            Endpoints.requireSameOrigin(ID, endpoint, op.url());
        }
        Operation[] current = {op};
        return last -> {
            if (current[0].mode() == Mode.RESOURCE) {
                return Poller.Poll.of(getSnapshot(last.id()));
            }
            Step step = step(current[0], last);
            if (!step.done()) {
                return new Poller.Poll(step.snapshot(), step.retryAfter());
            }
            // The operation is over; the resource itself says how it ended (and, for a background
            // copy, how far its data has come).
            current[0] = new Operation(Mode.RESOURCE, null);
            return Poller.Poll.of(getSnapshot(last.id()));
        };
    }

    @Override
    public void close() {
        runtime.close();
    }

    private enum Mode { ASYNC, LOCATION, RESOURCE }

    private record Operation(Mode mode, String url) {}

    private record Step(boolean done, Snapshot snapshot, Optional<Duration> retryAfter) {}

    /** Reads a polling URL once. */
    private Step step(Operation op, Snapshot last) {
        URI url = Endpoints.requireSameOrigin(ID, endpoint, op.url());
        Response r = arm.send(Request.builder("GET", url).operation(op.mode() == Mode.ASYNC ? "GetOperationStatus" : "GetOperationResult").build());
        Optional<Duration> retryAfter = AzureErrors.retryAfter(r, runtime.clock().instant());
        Snapshot.Builder running = Snapshot.builder().from(last).state(SnapshotState.CREATING).requestId(r.requestId());
        if (op.mode() == Mode.LOCATION) {
            return r.status() == 202 ? new Step(false, running.build(), retryAfter) : new Step(true, last, retryAfter);
        }
        JsonNode status = Json.readObject(ID, r);
        String value = Json.text(status, "status").orElse("InProgress");
        switch (value.toLowerCase(Locale.ROOT)) {
            case "succeeded", "completed" -> {
                return new Step(true, last, retryAfter);
            }
            case "failed", "canceled", "cancelled", "undefined" -> {
                JsonNode error = status.path("error");
                Optional<String> code = Json.text(error, "code");
                throw new OperationFailedException(ID, "operation on " + last.id() + " ended " + value
                        + code.map(c -> ": " + c).orElse("") + Json.text(error, "message").map(m -> " " + m).orElse(""),
                        last.id(), code.or(() -> Optional.of(value)), Optional.of(Snapshot.builder().from(last)
                                .state(SnapshotState.FAILED).providerState(value).build()));
            }
            default -> {
                running.providerState(value);
                Json.text(status, "percentComplete").flatMap(Parse::percent).ifPresent(running::progressPercent);
                return new Step(false, running.build(), retryAfter);
            }
        }
    }

    private void checkNotSmaller(int size, String sourceResourceId) {
        // The plan checked each segment; they are encoded like every other path segment.
        String[] segments = AzureRules.urlSegments(sourceResourceId).orElseThrow(() ->
                new InvalidRequestException(ID, "sourceId", "is not an ARM id that can be read"));
        URI sourceUrl = Endpoints.path(ID, "sourceId", endpoint, segments);
        Response r = arm.send(Request.builder("GET", URI.create(sourceUrl + "?api-version=" + api.value()))
                .operation("GetSource").build());
        Json.int64(Json.readObject(ID, r).path("properties"), "diskSizeGB").ifPresent(source -> {
            if (size < source) {
                throw new InvalidRequestException(ID, "options.diskSizeGB", "must not be smaller than the source's " + source + " GB, was " + size);
            }
        });
    }

    private URI snapshotUrl(String snapshotId) {
        RequestRules.requireId(ID, "snapshotId", snapshotId);
        Matcher m = SNAPSHOT_ID.matcher(snapshotId);
        if (m.matches()) {
            // Each part becomes a path segment: a subscription GUID, a resource group and a snapshot name.
            if (!AzureRules.SUBSCRIPTION.matcher(m.group(1)).matches() || !AzureRules.isResourceGroup(m.group(2))
                    || !AzureRules.isSnapshotName(m.group(3))) {
                throw new InvalidRequestException(ID, "snapshotId", "an ARM id needs a subscription GUID, a resource group that "
                        + AzureRules.RESOURCE_GROUP_RULE.replaceFirst("^must ", "") + " and a valid snapshot name");
            }
            return resourceUrl(m.group(1), m.group(2), m.group(3));
        }
        if (!AzureRules.isSnapshotName(snapshotId)) {
            throw new InvalidRequestException(ID, "snapshotId",
                    "must be a snapshot's ARM id (/subscriptions/…/providers/Microsoft.Compute/snapshots/name) or a valid name");
        }
        String group = resourceGroup.orElseThrow(() -> new InvalidRequestException(ID, "snapshotId",
                "a bare name needs the resourceGroup setting; pass the full ARM id instead"));
        return resourceUrl(subscriptionId, group, snapshotId);
    }

    /** Returns a resource's ARM id: its URL's path without the path of an endpoint such as a gateway's. */
    private String armId(URI url) {
        String base = endpoint.getRawPath();
        int prefix = base.endsWith("/") ? base.length() - 1 : base.length();
        return url.getRawPath().substring(prefix);
    }

    private URI resourceUrl(String subscription, String group, String name) {
        URI path = Endpoints.path(ID, "snapshotId", endpoint, "subscriptions", subscription, "resourceGroups", group,
                "providers", "Microsoft.Compute", "snapshots", name);
        return URI.create(path + "?api-version=" + api.value());
    }

    private static Optional<String> env(ProviderContext context, String name) {
        return context.environment().apply(name).map(String::trim).filter(x -> !x.isEmpty());
    }
}
