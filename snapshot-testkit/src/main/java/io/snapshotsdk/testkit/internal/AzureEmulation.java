package io.snapshotsdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure: {@code Microsoft.Compute/snapshots} on Azure Resource Manager and the client-credentials
 * grant of Microsoft Entra ID.
 *
 * <p>ARM checks that every call carries a bearer token Entra ID issued here, an api-version of
 * DiskRP and this emulator's subscription. A snapshot is a PUT by name, so a second PUT of the
 * same name (in any letter case, as ARM compares names) answers the first snapshot. A new one is
 * a {@code 202} with {@code Azure-AsyncOperation} and {@code Location} URLs under
 * {@code DiskOperations}; reading either, or the snapshot, counts as a status read. Compute
 * reports no progress for a copy; a background copy ({@code CopyStart}) is provisioned at once
 * and reports {@code completionPercent}.
 *
 * <p>ARM is served under {@code /azure}, as a gateway in front of ARM would be; Entra ID under
 * {@code /azure-login}.
 */
final class AzureEmulation implements Emulation {
    private static final String PROVIDER = "azure";
    private static final String ARM = "azure";
    private static final String LOGIN = "azure-login";
    private static final String SUBSCRIPTION_ID = "6f1d3c2a-8b47-4e95-a0c3-5d2e7f9b1a64";
    private static final String RESOURCE_GROUP = "snapshots-rg";
    private static final String REGION = "westus";
    private static final String TENANT_ID = "3b8e5f2d-9c14-4a7e-b6d0-2f4a8c1e7d53";
    private static final String CLIENT_ID = "a4c7e1f9-2d5b-4f83-9e06-7b1c3d5f8a20";

    // Entra ID's access tokens are JWTs; the header part makes issued ones look the same.
    private static final String TOKEN_PREFIX = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.";
    // ARM's naming rule for Microsoft.Compute/snapshots: 1-80 characters, alphanumeric first,
    // alphanumeric or '_' last.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?");
    private static final List<String> API_VERSIONS = List.of("2016-04-30-preview", "2017-03-30", "2018-04-01", "2018-06-01",
            "2018-09-30", "2019-03-01", "2019-07-01", "2019-11-01", "2020-05-01", "2020-06-30", "2020-09-30", "2020-12-01",
            "2021-04-01", "2021-08-01", "2021-12-01", "2022-03-02", "2022-07-02", "2023-01-02", "2023-04-02", "2023-10-02",
            "2024-03-02", "2025-01-02");
    private static final Pattern SNAPSHOT = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/snapshots/([^/]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DISK = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/disks/([^/]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OPERATION = Pattern.compile(
            "/subscriptions/([^/]+)/providers/Microsoft\\.Compute/locations/([^/]+)/DiskOperations/([^/]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern RESOURCE_ID = Pattern.compile(
            "/?subscriptions/[^/]+/resourceGroups/([^/]+)/providers/([^/]+/[^/]+/[^/]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSxxx")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ENTRA_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    // Snap.extra keys.
    private static final String LOCATION = "location";
    private static final String CREATE_OPTION = "createOption";
    private static final String SKU = "sku";
    private static final String SIZE = "diskSizeGB";
    private static final String INCREMENTAL = "incremental";
    private static final String UNIQUE_ID = "uniqueId";
    private static final String OPERATION_ID = "operationId";

    private final Store store;
    // Random per emulator, so that a test can tell a leaked secret from any other text.
    private final String clientSecret = "emu8Q~" + Store.hex(32);

    AzureEmulation(Store store) {
        this.store = store;
    }

    @Override
    public String providerId() {
        return PROVIDER;
    }

    @Override
    public List<String> prefixes() {
        return List.of(ARM, LOGIN);
    }

    @Override
    public Map<String, String> credentials() {
        return Map.of("tenantId", TENANT_ID, "clientId", CLIENT_ID, "clientSecret", clientSecret);
    }

    @Override
    public Map<String, String> settings(URI base) {
        return Map.of("endpoint", base + "/" + ARM, "authorityHost", base + "/" + LOGIN, "allowInsecureHttp", "true",
                "subscriptionId", SUBSCRIPTION_ID, "resourceGroup", RESOURCE_GROUP, "region", REGION,
                "tenantId", TENANT_ID, "clientId", CLIENT_ID, "clientSecret", clientSecret);
    }

    @Override
    public boolean isAuthentication(String prefix, Call call) {
        return prefix.equals(LOGIN);
    }

    @Override
    public void handle(String prefix, Call call) throws IOException {
        if (prefix.equals(LOGIN)) {
            token(call);
        } else {
            arm(call);
        }
    }

    /** Compute's throttling answer: unwrapped, with the policy that ran out in its details. */
    @Override
    public void throttle(Call call, Duration retryAfter) throws IOException {
        String policy = call.method.equals("GET") ? "HighCostGet30Min" : "CreateUpdateDisks30Min";
        Instant now = Instant.now();
        ObjectNode window = Json.object().put("operationGroup", policy).put("startTime", TIME.format(now))
                .put("endTime", TIME.format(now.plus(retryAfter))).put("allowedRequestCount", 800).put("measuredRequestCount", 801);
        ObjectNode body = Json.object().put("code", "OperationNotAllowed")
                .put("message", "The server rejected the request because too many requests have been received for this subscription.");
        body.putArray("details").addObject().put("code", "TooManyRequests").put("target", policy).put("message", window.toString());
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        call.json(429, body, armHeaders(call, UUID.randomUUID().toString(), "Retry-After", Long.toString(seconds),
                "x-ms-ratelimit-remaining-resource", "Microsoft.Compute/" + policy + ";0"));
    }

    @Override
    public void serverError(Call call) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String correlationId = correlationId(call);
        armError(call, 500, error("InternalServerError", Optional.empty(), String.format(
                "Encountered internal server error. Diagnostic information: timestamp '%s', subscription id '%s', tracking id '%s', "
                        + "request correlation id '%s'.", STAMP.format(Instant.now()), SUBSCRIPTION_ID, requestId, correlationId)),
                tracing(call, requestId, correlationId));
    }

    // ---- Entra ID --------------------------------------------------------------------------

    /** {@code POST /{tenant}/oauth2/v2.0/token}: the tenant, the form, the application, its secret, then the scope. */
    private void token(Call call) throws IOException {
        Matcher m = TOKEN_PATH.matcher(call.path);
        if (!m.matches()) {
            call.empty(404, "x-ms-request-id", UUID.randomUUID().toString());
            return;
        }
        if (!call.method.equals("POST")) {
            entraError(call, 400, "invalid_request", 900561, "The endpoint only accepts POST, OPTIONS requests. Received a "
                    + call.method + " request.");
            return;
        }
        String tenant = m.group(1);
        if (!tenant.equalsIgnoreCase(TENANT_ID)) {
            entraError(call, 400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure you have the "
                    + "correct tenant ID and are signing into the correct cloud.");
            return;
        }
        Map<String, String> form = call.form();
        for (String required : List.of("grant_type", "client_id", "scope")) {
            if (form.getOrDefault(required, "").isEmpty()) {
                entraError(call, 400, "invalid_request", 900144, "The request body must contain the following parameter: '"
                        + required + "'.");
                return;
            }
        }
        if (!form.get("grant_type").equals("client_credentials")) {
            entraError(call, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
                    + form.get("grant_type") + "'.");
            return;
        }
        if (!form.get("client_id").equalsIgnoreCase(CLIENT_ID)) {
            entraError(call, 400, "unauthorized_client", 700016, "Application with identifier '" + form.get("client_id")
                    + "' was not found in the directory '" + tenant + "'. You may have sent your authentication request to the "
                    + "wrong tenant.");
            return;
        }
        String secret = form.getOrDefault("client_secret", "");
        if (secret.isEmpty()) {
            entraError(call, 401, "invalid_client", 7000218, "The request body must contain the following parameter: "
                    + "'client_assertion' or 'client_secret'.");
            return;
        }
        if (!secret.equals(clientSecret)) {
            entraError(call, 401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the "
                    + "request is the client secret value, not the client secret ID, for a secret added to app '" + CLIENT_ID + "'.");
            return;
        }
        String scope = form.get("scope");
        if (!knownScope(call, scope)) {
            entraError(call, 400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is not valid. "
                    + "The scope " + scope + " is not valid.");
            return;
        }
        ObjectNode body = Json.object().put("token_type", "Bearer").put("expires_in", 3599).put("ext_expires_in", 3599)
                .put("access_token", store.issueToken(TOKEN_PREFIX));
        call.json(200, body, entraHeaders(call, UUID.randomUUID().toString(),
                "Cache-Control", "no-store, no-cache", "Pragma", "no-cache"));
    }

    /** Returns whether {@code scope} is this emulator's ARM, {@code <origin>/.default} (or {@code <origin>//.default}). */
    private static boolean knownScope(Call call, String scope) {
        String arm = origin(call);
        return scope.equalsIgnoreCase(arm + "/.default") || scope.equalsIgnoreCase(arm + "//.default");
    }

    private static void entraError(Call call, int status, String error, int code, String message) throws IOException {
        String traceId = UUID.randomUUID().toString();
        String correlationId = call.header("client-request-id").orElseGet(() -> UUID.randomUUID().toString());
        String timestamp = ENTRA_TIME.format(Instant.now());
        ObjectNode body = Json.object().put("error", error)
                .put("error_description", "AADSTS" + code + ": " + message + "\r\nTrace ID: " + traceId + "\r\nCorrelation ID: "
                        + correlationId + "\r\nTimestamp: " + timestamp);
        body.putArray("error_codes").add(code);
        body.put("timestamp", timestamp).put("trace_id", traceId).put("correlation_id", correlationId)
                .put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        call.json(status, body, entraHeaders(call, traceId));
    }

    private static String[] entraHeaders(Call call, String requestId, String... more) {
        List<String> h = new ArrayList<>(List.of("x-ms-request-id", requestId));
        call.header("client-request-id").ifPresent(c -> h.addAll(List.of("client-request-id", c)));
        h.addAll(Arrays.asList(more));
        return h.toArray(String[]::new);
    }

    // ---- ARM -------------------------------------------------------------------------------

    private void arm(Call call) throws IOException {
        if (!authenticated(call)) {
            return;
        }
        String version = call.query().getOrDefault("api-version", "");
        if (version.isEmpty()) {
            armError(call, 400, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
            return;
        }
        String path = call.exchange.getRequestURI().getPath().substring(ARM.length() + 1);
        Matcher snapshot = SNAPSHOT.matcher(path);
        Matcher disk = DISK.matcher(path);
        Matcher operation = OPERATION.matcher(path);
        if (snapshot.matches()) {
            if (accepts(call, snapshot.group(1), version, "snapshots")) {
                switch (call.method) {
                    case "PUT" -> put(call, path, snapshot.group(3), version);
                    case "GET" -> getSnapshot(call, path, snapshot.group(2), snapshot.group(3), version);
                    case "DELETE" -> delete(call, path);
                    default -> notServed(call);
                }
            }
        } else if (disk.matches() && call.method.equals("GET")) {
            if (accepts(call, disk.group(1), version, "disks")) {
                getDisk(call, path, disk.group(3));
            }
        } else if (operation.matches() && call.method.equals("GET")) {
            if (accepts(call, operation.group(1), version, "locations/diskoperations")) {
                getOperation(call, operation.group(2), operation.group(3), version);
            }
        } else {
            notServed(call);
        }
    }

    /** Checks the bearer token; answers ARM's refusal, with its challenge, when it is not one issued here. */
    private boolean authenticated(Call call) throws IOException {
        Optional<String> header = call.header("Authorization");
        String code = "AuthenticationFailed";
        String message;
        if (header.isEmpty()) {
            message = "Authentication failed. The 'Authorization' header is missing.";
        } else if (!header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            message = "Authentication failed. The 'Authorization' header is provided in an invalid format.";
        } else {
            String token = header.get().substring(7).trim();
            if (token.startsWith(TOKEN_PREFIX) && store.issued(token)) {
                return true;
            }
            code = "InvalidAuthenticationToken";
            message = "The access token is invalid.";
        }
        armError(call, 401, code, message, "WWW-Authenticate", "Bearer authorization_uri=\"" + origin(call) + "/" + LOGIN
                + "/\", error=\"invalid_token\", error_description=\"" + message + "\"");
        return false;
    }

    /** Checks the subscription and the api-version for {@code type}; answers ARM's refusal when one is wrong. */
    private boolean accepts(Call call, String subscription, String version, String type) throws IOException {
        if (!subscription.equalsIgnoreCase(SUBSCRIPTION_ID)) {
            armError(call, 404, "SubscriptionNotFound", "The subscription '" + subscription + "' could not be found.");
            return false;
        }
        if (!API_VERSIONS.contains(version)) {
            armError(call, 400, "NoRegisteredProviderFound", "No registered resource provider found for location '" + REGION
                    + "' and API version '" + version + "' for type '" + type + "'. The supported api-versions are '"
                    + String.join(", ", API_VERSIONS) + "'.");
            return false;
        }
        return true;
    }

    private void put(Call call, String id, String name, String version) throws IOException {
        if (!NAME.matcher(name).matches()) {
            armError(call, 400, "InvalidParameter", Optional.of("snapshotName"), "The entity name '" + name
                    + "' is invalid according to its validation rule: ^" + NAME.pattern() + "$.");
            return;
        }
        Optional<JsonNode> parsed = call.json();
        if (parsed.isEmpty()) {
            armError(call, 400, "InvalidRequestContent", "The request content was invalid and could not be deserialized.");
            return;
        }
        JsonNode body = parsed.get();
        String location = Json.text(body, LOCATION).orElse("").replace(" ", "").toLowerCase(Locale.ROOT);
        if (location.isEmpty()) {
            armError(call, 400, "LocationRequired", "The location property is required for this definition.");
            return;
        }
        JsonNode properties = body.path("properties");
        JsonNode creation = properties.path("creationData");
        Optional<String> option = Json.text(creation, CREATE_OPTION);
        if (option.isEmpty()) {
            missing(call, creation.isObject() ? "createOption" : "creationData");
            return;
        }
        String sourceField = switch (option.get().toLowerCase(Locale.ROOT)) {
            case "copy", "copystart" -> "sourceResourceId";
            case "import" -> "sourceUri";
            default -> "";
        };
        if (sourceField.isEmpty()) {
            armError(call, 400, "InvalidParameter", Optional.of("creationData.createOption"),
                    "Create option '" + option.get() + "' is not supported for a snapshot.");
            return;
        }
        Optional<String> source = Json.text(creation, sourceField);
        if (source.isEmpty()) {
            missing(call, sourceField);
            return;
        }
        synchronized (store) {
            Optional<Snap> existing = findIgnoringCase(id);
            if (existing.isPresent()) {
                // ARM's PUT is create-or-update: the same goal again answers the resource as it is now.
                if (!existing.get().diskId.equalsIgnoreCase(source.get())) {
                    armError(call, 400, "PropertyChangeNotAllowed", Optional.of(sourceField),
                            "Changing property '" + sourceField + "' is not allowed.");
                    return;
                }
                call.json(200, resource(existing.get(), version), armHeaders(call, UUID.randomUUID().toString()));
                return;
            }
            Optional<Integer> sourceSize = heldDisk(source.get());
            if (sourceSize.isEmpty()) {
                notFound(call, source.get());
                return;
            }
            OptionalInt requested = properties.path(SIZE).canConvertToInt() ? OptionalInt.of(properties.path(SIZE).intValue())
                    : OptionalInt.empty();
            if (requested.isPresent() && requested.getAsInt() < sourceSize.get()) {
                armError(call, 400, "InvalidParameter", Optional.of(SIZE), "The specified disk size " + requested.getAsInt()
                        + " GB is smaller than the size of the source, " + sourceSize.get() + " GB.");
                return;
            }
            Snap s = store.create(PROVIDER, id, source.get(), Optional.of(name), Optional.empty(), Json.stringMap(body, "tags"));
            String operationId = UUID.randomUUID().toString();
            s.extra.put(LOCATION, location);
            s.extra.put(CREATE_OPTION, option.get());
            s.extra.put(SKU, Json.text(body.path(SKU), "name").or(() -> Json.text(properties, "accountType")).orElse("Standard_LRS"));
            s.extra.put(SIZE, Integer.toString(requested.orElse(sourceSize.get())));
            s.extra.put(INCREMENTAL, Boolean.toString(properties.path(INCREMENTAL).asBoolean(false)));
            s.extra.put(UNIQUE_ID, UUID.randomUUID().toString());
            s.extra.put(OPERATION_ID, operationId);
            // Compute's polling URLs carry an opaque token, so clients must use them as they are.
            String status = origin(call) + "/" + ARM + "/subscriptions/" + SUBSCRIPTION_ID + "/providers/Microsoft.Compute/locations/" + location
                    + "/DiskOperations/" + operationId + "?p=" + Store.hex(24);
            call.json(202, resource(s, version), armHeaders(call, operationId,
                    "Azure-AsyncOperation", status + "&api-version=" + version,
                    "Location", status + "&monitor=true&api-version=" + version));
        }
    }

    private void getSnapshot(Call call, String id, String group, String name, String version) throws IOException {
        synchronized (store) {
            Optional<Snap> s = findIgnoringCase(id).flatMap(x -> store.read(PROVIDER, x.id));
            if (s.isEmpty()) {
                armError(call, 404, "ResourceNotFound", "The Resource 'Microsoft.Compute/snapshots/" + name + "' under resource group '"
                        + group + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
                return;
            }
            call.json(200, resource(s.get(), version), armHeaders(call, UUID.randomUUID().toString()));
        }
    }

    /** Deletes at once; a snapshot that is not there is {@code 204}, as ARM answers a delete of a missing resource. */
    private void delete(Call call, String id) throws IOException {
        boolean removed = findIgnoringCase(id).map(s -> store.remove(PROVIDER, s.id)).orElse(false);
        call.empty(removed ? 200 : 204, armHeaders(call, UUID.randomUUID().toString()));
    }

    private void getDisk(Call call, String id, String name) throws IOException {
        Optional<Integer> size = heldDisk(id);
        if (size.isEmpty()) {
            notFound(call, id);
            return;
        }
        ObjectNode disk = Json.object().put("name", name).put("id", id).put("type", "Microsoft.Compute/disks").put(LOCATION, REGION);
        disk.putObject(SKU).put("name", "Standard_LRS").put("tier", "Standard");
        disk.putObject("properties").put(SIZE, size.get()).put("diskSizeBytes", (long) size.get() << 30)
                .put("diskState", "Unattached").put("provisioningState", "Succeeded");
        call.json(200, disk, armHeaders(call, UUID.randomUUID().toString()));
    }

    /**
     * The status of a create: the operation resource at the {@code Azure-AsyncOperation} URL, or,
     * with {@code monitor=true} (the {@code Location} URL), {@code 202} while it runs and the
     * snapshot once it is over.
     */
    private void getOperation(Call call, String location, String operationId, String version) throws IOException {
        boolean monitor = call.query().getOrDefault("monitor", "").equalsIgnoreCase("true");
        synchronized (store) {
            Optional<Snap> s = store.all(PROVIDER).stream()
                    .filter(x -> operationId.equalsIgnoreCase(x.extra.get(OPERATION_ID))
                            && location.equalsIgnoreCase(x.extra.get(LOCATION)))
                    .findFirst()
                    .flatMap(x -> store.read(PROVIDER, x.id));
            if (s.isEmpty()) {
                armError(call, 404, "NotFound", "The operation '" + operationId + "' was not found.");
                return;
            }
            Snap snap = s.get();
            String status = switch (provisioned(snap)) {
                case READY -> "Succeeded";
                case FAILED -> "Failed";
                default -> "InProgress";
            };
            if (monitor) {
                if (status.equals("InProgress")) {
                    String self = origin(call) + call.rawPath + "?" + call.rawQuery;
                    call.empty(202, armHeaders(call, operationId, "Location", self));
                } else {
                    call.json(200, resource(snap, version), armHeaders(call, operationId));
                }
                return;
            }
            ObjectNode body = Json.object().put("startTime", TIME.format(snap.createdAt));
            if (!status.equals("InProgress")) {
                body.put("endTime", TIME.format(Instant.now()));
            }
            body.put("status", status).put("name", operationId);
            if (status.equals("Failed")) {
                body.set("error", error("InternalDiskManagementError", Optional.empty(), "An internal disk management error occurred."));
            }
            call.json(200, body, armHeaders(call, operationId));
        }
    }

    /**
     * Returns how far provisioning has got. A background copy is provisioned at once; its data
     * follows, and a copy that fails says so in {@code copyCompletionError}.
     */
    private SnapshotState provisioned(Snap s) {
        return isBackgroundCopy(s) ? SnapshotState.READY : s.state(store.readsUntilReady());
    }

    /** Returns the snapshot resource in the shape of {@code version}; the caller holds the store's lock. */
    private ObjectNode resource(Snap s, String version) {
        SnapshotState state = s.state(store.readsUntilReady());
        boolean legacy = version.compareTo("2017-03-30") < 0;
        String sku = s.extra.get(SKU);
        ObjectNode n = Json.object().put("name", s.name.orElseThrow()).put("id", s.id).put("type", "Microsoft.Compute/snapshots")
                .put(LOCATION, s.extra.get(LOCATION));
        if (!s.tags.isEmpty()) {
            ObjectNode tags = n.putObject("tags");
            s.tags.forEach(tags::put);
        }
        if (!legacy) {
            n.putObject(SKU).put("name", sku).put("tier", sku.startsWith("Premium") ? "Premium" : "Standard");
        }
        ObjectNode p = n.putObject("properties");
        if (legacy) {
            p.put("accountType", sku);
        }
        boolean imported = s.extra.get(CREATE_OPTION).equalsIgnoreCase("Import");
        p.putObject("creationData").put(CREATE_OPTION, s.extra.get(CREATE_OPTION))
                .put(imported ? "sourceUri" : "sourceResourceId", s.diskId);
        int size = Integer.parseInt(s.extra.get(SIZE));
        p.put(SIZE, size);
        p.put("timeCreated", TIME.format(s.createdAt));
        p.put("provisioningState", switch (provisioned(s)) {
            case READY -> "Succeeded";
            case FAILED -> "Failed";
            default -> "Updating";
        });
        if (legacy) {
            return n;
        }
        p.put("diskSizeBytes", (long) size << 30).put("diskState", "Unattached").put(UNIQUE_ID, s.extra.get(UNIQUE_ID));
        if (version.compareTo("2019-03-01") >= 0) {
            p.put(INCREMENTAL, Boolean.parseBoolean(s.extra.get(INCREMENTAL)));
        }
        if (isBackgroundCopy(s)) {
            p.put("completionPercent", state == SnapshotState.READY ? 100.0 : s.progress(store.readsUntilReady()));
            if (state == SnapshotState.FAILED) {
                p.putObject("copyCompletionError").put("errorCode", "CopySourceNotFound")
                        .put("errorMessage", "The source of the copy was not found.");
            }
        }
        return n;
    }

    private static boolean isBackgroundCopy(Snap s) {
        return s.extra.get(CREATE_OPTION).equalsIgnoreCase("CopyStart");
    }

    private Optional<Snap> findIgnoringCase(String id) {
        return store.findIgnoringCase(PROVIDER, id);
    }

    /** Returns the size of a held disk; ARM ids come with or without their leading slash. */
    private Optional<Integer> heldDisk(String id) {
        return store.disk(PROVIDER, id).or(() -> store.disk(PROVIDER, id.startsWith("/") ? id.substring(1) : "/" + id));
    }

    private static void notFound(Call call, String source) throws IOException {
        Matcher m = RESOURCE_ID.matcher(source);
        String message = m.matches()
                ? "The Resource '" + m.group(2) + "' under resource group '" + m.group(1) + "' was not found."
                : "The source '" + source + "' was not found.";
        armError(call, 404, "ResourceNotFound", message + " For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    private static void missing(Call call, String parameter) throws IOException {
        armError(call, 400, "InvalidParameter", Optional.of(parameter), "Required parameter '" + parameter + "' is missing (null).");
    }

    private static void notServed(Call call) throws IOException {
        armError(call, 404, "NotFound", "The emulator does not serve " + call.method + " " + call.rawPath + ".");
    }

    private static void armError(Call call, int status, String code, String message, String... headers) throws IOException {
        armError(call, status, code, Optional.empty(), message, headers);
    }

    private static void armError(Call call, int status, String code, Optional<String> target, String message, String... headers)
            throws IOException {
        armError(call, status, error(code, target, message), tracing(call, UUID.randomUUID().toString(), correlationId(call), headers));
    }

    private static void armError(Call call, int status, ObjectNode error, String[] headers) throws IOException {
        ObjectNode body = Json.object();
        body.set("error", error);
        call.json(status, body, headers);
    }

    private static ObjectNode error(String code, Optional<String> target, String message) {
        ObjectNode error = Json.object().put("code", code);
        target.ifPresent(t -> error.put("target", t));
        return error.put("message", message);
    }

    /** Returns ARM's tracing headers, with a new correlation id unless the client sent one, followed by {@code more}. */
    private static String[] armHeaders(Call call, String requestId, String... more) {
        return tracing(call, requestId, correlationId(call), more);
    }

    private static String[] tracing(Call call, String requestId, String correlationId, String... more) {
        List<String> h = new ArrayList<>(List.of("x-ms-request-id", requestId, "x-ms-correlation-request-id", correlationId,
                "x-ms-routing-request-id", REGION.toUpperCase(Locale.ROOT) + ":" + STAMP.format(Instant.now()) + ":" + UUID.randomUUID()));
        call.header("x-ms-client-request-id").ifPresent(c -> h.addAll(List.of("x-ms-client-request-id", c)));
        h.addAll(Arrays.asList(more));
        return h.toArray(String[]::new);
    }

    private static String correlationId(Call call) {
        return call.header("x-ms-correlation-request-id").orElseGet(() -> UUID.randomUUID().toString());
    }

    /** Returns the origin the client called, which polling URLs and challenges must be on. */
    private static String origin(Call call) {
        return "http://" + call.header("Host").orElseGet(() -> "127.0.0.1:" + call.exchange.getLocalAddress().getPort());
    }
}
