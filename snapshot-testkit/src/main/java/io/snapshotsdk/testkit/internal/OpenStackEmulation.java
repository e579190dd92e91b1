package io.snapshotsdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.internal.codec.Rfc3986;
import io.snapshotsdk.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenStack as its client meets it: Keystone v3 ({@code /identity/v3/auth/tokens}: password,
 * application credential and token methods) and v2.0 ({@code /identity/v2.0/tokens}: password and
 * Rackspace API key), whose catalogs lead to Cinder snapshots under {@code /v1}, {@code /v2} and
 * {@code /v3/{project_id}/snapshots}. One user, {@value #USER_NAME}, whose default project is
 * {@value #PROJECT_NAME}, so every token is scoped to it; Cinder accepts only tokens issued here,
 * checks the v3 request schema and microversion, and answers with its fault bodies and a
 * {@code x-openstack-request-id} on every answer.
 */
final class OpenStackEmulation implements Emulation {
    private static final String PROVIDER = "openstack";
    private static final String PREFIX = "openstack";
    private static final String USER_ID = "ee4dfb6e5540447cb3741905149d9b6e";
    private static final String USER_NAME = "demo";
    private static final String DOMAIN_ID = "default";
    private static final String DOMAIN_NAME = "Default";
    private static final String PROJECT_ID = "a6944d763bf64ee6a275f1263fae0352";
    private static final String PROJECT_NAME = "demo";
    private static final String ROLE_ID = "51cc68287d524c759f47c811e6463340";
    private static final String APPLICATION_CREDENTIAL_ID = "423f19a4ac1e4f48bbb4180756e6eb6c";
    private static final String REGION = "RegionOne";
    /** Keystone's Fernet tokens start so; it also keeps other clouds' tokens out. */
    private static final String TOKEN_PREFIX = "gAAAAAB";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final int MAX_MINOR = 71;
    /** Cinder's {@code osapi_max_limit}: the longest list page. */
    private static final int MAX_PAGE = 1000;
    private static final String UNAUTHORIZED = "The request you have made requires authentication.";
    private static final Pattern UUID_LIKE =
            Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    private static final Pattern METADATA_KEY = Pattern.compile("[a-zA-Z0-9-_:. /]{1,255}");
    private static final Pattern MICROVERSION = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern VERSIONED_PATH = Pattern.compile("/v([123])/.*");
    private static final Set<String> TRUE_STRINGS = Set.of("True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes", "y", "t");
    private static final Set<String> FALSE_STRINGS = Set.of("False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No", "no", "n", "f");
    private static final Set<String> V3_SNAPSHOT_FIELDS = Set.of("volume_id", "force", "name", "display_name", "description", "metadata");
    private static final DateTimeFormatter CINDER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter KEYSTONE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter V2_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Store store;
    // Random per emulator, so that a test can tell a leaked secret from any other text.
    private final String password = "os-password-" + Store.hex(32);
    private final String applicationCredentialSecret = "os-appcred-" + Store.hex(32);
    private final String apiKey = "os-apikey-" + Store.hex(32);

    OpenStackEmulation(Store store) {
        this.store = store;
    }

    /**
     * The Block Storage API a call speaks: the major version in its path (0 when none) and the
     * {@code OpenStack-API-Version} it asks for ({@code major} -1 when malformed).
     */
    private record Api(int version, String microversion, int major, int minor) {
        boolean supported() {
            return major == 3 && minor <= MAX_MINOR;
        }
    }

    @Override
    public String providerId() {
        return PROVIDER;
    }

    @Override
    public List<String> prefixes() {
        return List.of(PREFIX);
    }

    /** Keystone takes the password, the application credential, and (on v2.0) the Rackspace API key. */
    @Override
    public Map<String, String> credentials() {
        return Map.of("username", USER_NAME, "password", password, "applicationCredentialId", APPLICATION_CREDENTIAL_ID,
                "applicationCredentialSecret", applicationCredentialSecret, "apiKey", apiKey);
    }

    @Override
    public Map<String, String> settings(URI base) {
        return Map.of("authUrl", base + "/" + PREFIX + "/identity/v3", "username", USER_NAME, "password", password,
                "userDomainName", DOMAIN_NAME, "projectName", PROJECT_NAME, "projectDomainId", DOMAIN_ID, "region", REGION,
                "allowInsecureHttp", "true");
    }

    @Override
    public boolean isAuthentication(String prefix, Call call) {
        return call.path.startsWith("/identity/");
    }

    @Override
    public void handle(String prefix, Call call) throws IOException {
        if (call.path.startsWith("/identity/")) {
            identity(call);
        } else {
            cinder(call);
        }
    }

    @Override
    public void throttle(Call call, Duration retryAfter) throws IOException {
        // Cinder copies the Retry-After seconds into the fault's retryAfter.
        String seconds = Long.toString((retryAfter.toMillis() + 999) / 1000);
        ObjectNode body = Json.object();
        body.putObject("overLimit").put("code", 413).put("message", "This request was rate-limited.").put("retryAfter", seconds);
        answer(call, api(call), 413, body, "Retry-After", seconds);
    }

    @Override
    public void serverError(Call call) throws IOException {
        answer(call, api(call), 500,
                fault(500, "computeFault", "The server has either erred or is incapable of performing the requested operation."));
    }

    // ---- Keystone --------------------------------------------------------------------------

    private void identity(Call call) throws IOException {
        if (call.method.equals("POST") && call.path.equals("/identity/v3/auth/tokens")) {
            keystoneV3(call);
        } else if (call.method.equals("POST") && call.path.equals("/identity/v2.0/tokens")) {
            keystoneV2(call);
        } else {
            keystoneError(call, 404, "Not Found", "The resource could not be found.");
        }
    }

    private void keystoneV3(Call call) throws IOException {
        JsonNode auth = call.json().map(b -> b.path("auth")).orElse(MissingNode.getInstance());
        JsonNode identity = auth.path("identity");
        JsonNode methods = identity.path("methods");
        if (!auth.isObject() || !identity.isObject() || !methods.isArray() || methods.isEmpty()) {
            keystoneError(call, 400, "Bad Request", "Expecting to find identity in auth. The server could not comply with the request "
                    + "since it is either malformed or otherwise incorrect. The client is assumed to be in error.");
            return;
        }
        boolean authenticated = true;
        boolean applicationCredential = false;
        for (JsonNode m : methods) {
            String method = m.asText();
            applicationCredential |= method.equals("application_credential");
            authenticated &= verifies(method, identity.path(method));
        }
        JsonNode scope = auth.path("scope");
        // An application credential is bound to its project and may not ask for a scope.
        boolean inScope = scope.isMissingNode() || (!applicationCredential && isOurProject(scope.path("project")) && scope.size() == 1);
        if (!authenticated || !inScope) {
            keystoneError(call, 401, "Unauthorized", UNAUTHORIZED);
            return;
        }
        Instant now = Instant.now();
        String token = store.issueToken(TOKEN_PREFIX);
        ObjectNode root = Json.object();
        ObjectNode body = root.putObject("token");
        ArrayNode used = body.putArray("methods");
        methods.forEach(m -> used.add(m.asText()));
        ObjectNode user = body.putObject("user").put("id", USER_ID).put("name", USER_NAME).putNull("password_expires_at");
        user.set("domain", domain());
        body.putArray("audit_ids").add(auditId());
        body.put("expires_at", KEYSTONE_TIME.format(now.plus(TOKEN_LIFETIME)));
        body.put("issued_at", KEYSTONE_TIME.format(now));
        ObjectNode project = body.putObject("project").put("id", PROJECT_ID).put("name", PROJECT_NAME);
        project.set("domain", domain());
        body.put("is_domain", false);
        body.putArray("roles").addObject().put("id", ROLE_ID).put("name", "member");
        if (applicationCredential) {
            body.putObject("application_credential").put("id", APPLICATION_CREDENTIAL_ID).put("name", "snapshot-sdk").put("restricted", true);
        }
        ObjectNode service = body.putArray("catalog").addObject().put("type", "block-storage").put("name", "cinder")
                .put("id", "7f3d0b1e2a4c4a8e9b6d5c4b3a291807");
        ArrayNode endpoints = service.putArray("endpoints");
        for (String face : List.of("public", "internal", "admin")) {
            endpoints.addObject().put("id", Store.hex(32)).put("interface", face).put("region", REGION).put("region_id", REGION)
                    .put("url", cinderUrl(call, 3));
        }
        call.json(201, root, "X-Subject-Token", token, "Vary", "X-Auth-Token", "x-openstack-request-id", requestId());
    }

    private boolean verifies(String method, JsonNode credentials) {
        return switch (method) {
            case "password" -> {
                JsonNode user = credentials.path("user");
                boolean named = USER_NAME.equals(user.path("name").asText()) && isOurDomain(user.path("domain"));
                yield (USER_ID.equals(user.path("id").asText()) || named) && password.equals(user.path("password").asText());
            }
            case "application_credential" -> APPLICATION_CREDENTIAL_ID.equals(credentials.path("id").asText())
                    && applicationCredentialSecret.equals(credentials.path("secret").asText());
            case "token" -> issued(credentials.path("id").asText());
            default -> false;
        };
    }

    private static boolean isOurProject(JsonNode project) {
        return PROJECT_ID.equals(project.path("id").asText())
                || (PROJECT_NAME.equals(project.path("name").asText()) && isOurDomain(project.path("domain")));
    }

    private static boolean isOurDomain(JsonNode domain) {
        return DOMAIN_ID.equals(domain.path("id").asText()) || DOMAIN_NAME.equals(domain.path("name").asText());
    }

    private static ObjectNode domain() {
        return Json.object().put("id", DOMAIN_ID).put("name", DOMAIN_NAME);
    }

    /**
     * Upstream Keystone v2.0 answers password credentials with the volume v2 and v1 services;
     * Rackspace answers its API key credentials with Cloud Block Storage, v1 only.
     */
    private void keystoneV2(Call call) throws IOException {
        JsonNode auth = call.json().map(b -> b.path("auth")).orElse(MissingNode.getInstance());
        JsonNode passwordCredentials = auth.path("passwordCredentials");
        JsonNode apiKeyCredentials = auth.path("RAX-KSKEY:apiKeyCredentials");
        if (!passwordCredentials.isObject() && !apiKeyCredentials.isObject()) {
            keystoneError(call, 400, "Bad Request", "Expecting to find passwordCredentials in auth. The server could not comply with the "
                    + "request since it is either malformed or otherwise incorrect. The client is assumed to be in error.");
            return;
        }
        boolean rackspace = apiKeyCredentials.isObject();
        boolean authenticated = rackspace
                ? USER_NAME.equals(apiKeyCredentials.path("username").asText()) && apiKey.equals(apiKeyCredentials.path("apiKey").asText())
                : USER_NAME.equals(passwordCredentials.path("username").asText())
                        && password.equals(passwordCredentials.path("password").asText());
        boolean inScope = (!auth.has("tenantId") || PROJECT_ID.equals(auth.path("tenantId").asText()))
                && (!auth.has("tenantName") || PROJECT_NAME.equals(auth.path("tenantName").asText()));
        if (!authenticated || !inScope) {
            if (rackspace) {
                call.json(401, fault(401, "unauthorized", "Unable to authenticate user with credentials provided."),
                        "x-openstack-request-id", requestId());
            } else {
                keystoneError(call, 401, "Unauthorized", UNAUTHORIZED);
            }
            return;
        }
        Instant now = Instant.now();
        ObjectNode body = Json.object();
        ObjectNode access = body.putObject("access");
        ObjectNode token = access.putObject("token").put("id", store.issueToken(TOKEN_PREFIX))
                .put("expires", V2_TIME.format(now.plus(TOKEN_LIFETIME))).put("issued_at", V2_TIME.format(now));
        token.putObject("tenant").put("id", PROJECT_ID).put("name", PROJECT_NAME);
        ArrayNode catalog = access.putArray("serviceCatalog");
        if (rackspace) {
            token.putArray("RAX-AUTH:authenticatedBy").add("APIKEY");
            catalog.addObject().put("name", "cloudBlockStorage").put("type", "volume").putArray("endpoints").addObject()
                    .put("region", REGION).put("tenantId", PROJECT_ID).put("publicURL", cinderUrl(call, 1));
        } else {
            token.putArray("audit_ids").add(auditId());
            for (int version : List.of(2, 1)) {
                String url = cinderUrl(call, version);
                catalog.addObject().put("name", version == 2 ? "cinderv2" : "cinder").put("type", version == 2 ? "volumev2" : "volume")
                        .putArray("endpoints").addObject().put("id", Store.hex(32)).put("region", REGION)
                        .put("publicURL", url).put("internalURL", url).put("adminURL", url);
            }
        }
        access.putObject("user").put("id", USER_ID).put("name", USER_NAME).putArray("roles").addObject().put("id", ROLE_ID)
                .put("name", "member");
        call.json(200, body, "x-openstack-request-id", requestId());
    }

    private void keystoneError(Call call, int status, String title, String message) throws IOException {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", status).put("title", title).put("message", message);
        if (status == 401) {
            call.json(status, body, "WWW-Authenticate", "Keystone uri=\"" + origin(call) + "/" + PREFIX + "/identity\"",
                    "x-openstack-request-id", requestId());
        } else {
            call.json(status, body, "x-openstack-request-id", requestId());
        }
    }

    private boolean issued(String token) {
        return token.startsWith(TOKEN_PREFIX) && store.issued(token);
    }

    // ---- Cinder ----------------------------------------------------------------------------

    private void cinder(Call call) throws IOException {
        Api api = api(call);
        if (!call.header("X-Auth-Token").filter(this::issued).isPresent()) {
            // keystonemiddleware refuses before Cinder sees the call, in Keystone's own shape.
            keystoneError(call, 401, "Unauthorized", UNAUTHORIZED);
            return;
        }
        String[] segments = call.path.substring(1).split("/", -1);
        if (api.version() == 0 || segments.length < 3 || segments.length > 4 || !segments[2].equals("snapshots")) {
            answer(call, api, 404, fault(404, "itemNotFound", "The resource could not be found."));
            return;
        }
        if (api.version() == 3 && api.major() < 0) {
            answer(call, api, 400, fault(400, "badRequest", "API Version String " + api.microversion()
                    + " is of invalid format. Must be of format MajorNum.MinorNum."));
            return;
        }
        if (api.version() == 3 && !api.supported()) {
            answer(call, api, 406, fault(406, "computeFault", "Version " + api.microversion()
                    + " is not supported by the API. Minimum is 3.0 and maximum is 3." + MAX_MINOR + "."));
            return;
        }
        if (!segments[1].equals(PROJECT_ID)) {
            // The project in the URL must be the token's.
            answer(call, api, 400, fault(400, "badRequest", "Malformed request url"));
            return;
        }
        String below = segments.length == 3 ? "" : segments[3].equals("detail") ? " detail" : " {id}";
        switch (call.method + below) {
            case "POST" -> create(call, api);
            case "GET" -> list(call, api, false);
            case "GET detail" -> list(call, api, true);
            case "GET {id}" -> show(call, api, Rfc3986.decode(segments[3]));
            case "DELETE {id}" -> delete(call, api, Rfc3986.decode(segments[3]));
            default -> answer(call, api, 404, fault(404, "itemNotFound", "The resource could not be found."));
        }
    }

    private void create(Call call, Api api) throws IOException {
        if (!call.header("Content-Type").filter(c -> c.startsWith("application/json")).isPresent()) {
            answer(call, api, 415, fault(415, "badMediaType", "Unsupported Content-Type"));
            return;
        }
        Optional<JsonNode> body = call.json();
        Optional<String> violation = body.isEmpty() ? Optional.of("Malformed request body") : violation(body.get(), api.version());
        if (violation.isPresent()) {
            answer(call, api, 400, fault(400, "badRequest", violation.get()));
            return;
        }
        JsonNode s = body.get().path("snapshot");
        String volumeId = s.path("volume_id").asText("None");
        if (store.disk(PROVIDER, volumeId).isEmpty()) {
            answer(call, api, 404, fault(404, "itemNotFound", "Volume " + volumeId + " could not be found."));
            return;
        }
        JsonNode force = s.path("force");
        if (api.version() == 3 && api.minor() >= 66 && FALSE_STRINGS.contains(force.asText("true"))) {
            answer(call, api, 400, fault(400, "badRequest", "Since microversion 3.66 the 'force' flag is invalid for this request.  "
                    + "For backward compatability, however, when the 'force' flag is passed with a value evaluating to True, it is "
                    + "silently ignored."));
            return;
        }
        Optional<String> name = Json.text(s, "name").or(() -> Json.text(s, "display_name"));
        Optional<String> description = Json.text(s, "description").or(() -> Json.text(s, "display_description"));
        Snap snap = store.create(PROVIDER, UUID.randomUUID().toString(), volumeId, name, description, Json.stringMap(s, "metadata"));
        answer(call, api, api.version() == 1 ? 200 : 202, wrap("snapshot", view(snap, api, false)));
    }

    private void show(Call call, Api api, String id) throws IOException {
        Optional<Snap> snap = store.read(PROVIDER, id);
        if (snap.isEmpty()) {
            answer(call, api, 404, fault(404, "itemNotFound", "Snapshot " + id + " could not be found."));
            return;
        }
        answer(call, api, 200, wrap("snapshot", view(snap.get(), api, true)));
    }

    /** The summary or detail list, newest first, with the filters and paging of Cinder's list calls. */
    private void list(Call call, Api api, boolean detail) throws IOException {
        Map<String, String> q = call.query();
        int limit;
        try {
            int asked = Integer.parseInt(q.getOrDefault("limit", "0"));
            // No limit, or 0, is the longest page.
            limit = asked == 0 ? MAX_PAGE : Math.min(MAX_PAGE, asked);
        } catch (NumberFormatException e) {
            answer(call, api, 400, fault(400, "badRequest", "limit param must be an integer"));
            return;
        }
        if (limit < 0) {
            answer(call, api, 400, fault(400, "badRequest", "limit param must be positive"));
            return;
        }
        // Cinder's default order is created_at descending; the store keeps creation order.
        List<Snap> all = store.all(PROVIDER);
        Collections.reverse(all);
        ArrayNode page = Json.object().arrayNode();
        boolean markerSeen = !q.containsKey("marker");
        String last = null;
        boolean more = false;
        for (Snap s : all) {
            if (!markerSeen) {
                markerSeen = s.id.equals(q.get("marker"));
                continue;
            }
            ObjectNode v = view(s, api, detail);
            if (!matches(q, "volume_id", s.diskId) || !matches(q, "name", s.name.orElse("")) || !matches(q, "status", v.path("status").asText())) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(v);
            last = s.id;
        }
        if (!markerSeen) {
            answer(call, api, 404, fault(404, "itemNotFound", "Marker " + q.get("marker") + " could not be found."));
            return;
        }
        ObjectNode body = Json.object();
        body.set("snapshots", page);
        if (more) {
            StringBuilder next = new StringBuilder(origin(call)).append(call.rawPath).append('?');
            q.forEach((k, v) -> {
                if (!k.equals("marker")) {
                    next.append(Rfc3986.encode(k)).append('=').append(Rfc3986.encode(v)).append('&');
                }
            });
            next.append("marker=").append(last);
            body.putArray("snapshots_links").addObject().put("rel", "next").put("href", next.toString());
        }
        answer(call, api, 200, body);
    }

    private static boolean matches(Map<String, String> query, String filter, String value) {
        return !query.containsKey(filter) || query.get(filter).equals(value);
    }

    private void delete(Call call, Api api, String id) throws IOException {
        Optional<Snap> snap = store.find(PROVIDER, id);
        if (snap.isEmpty()) {
            answer(call, api, 404, fault(404, "itemNotFound", "Snapshot " + id + " could not be found."));
            return;
        }
        if (snap.get().state(store.readsUntilReady()) == SnapshotState.CREATING) {
            answer(call, api, 400, fault(400, "badRequest",
                    "Invalid snapshot: status must be available or error and Snapshot must not be part of a group."));
            return;
        }
        // Deleting takes no time here, so the snapshot is gone as soon as the answer is given.
        store.remove(PROVIDER, id);
        answer(call, api, 202, null);
    }

    /**
     * Returns the first violation of the v3 create schema ({@code additionalProperties: false},
     * a UUID {@code volume_id}, 255-character names and descriptions, the {@code force} spellings,
     * the metadata key pattern), in Cinder's words; v1 and v2 check the same fields but take
     * others too.
     */
    private static Optional<String> violation(JsonNode body, int version) {
        if (version == 3) {
            for (Map.Entry<String, JsonNode> e : body.properties()) {
                if (!e.getKey().equals("snapshot")) {
                    return Optional.of("Additional properties are not allowed ('" + e.getKey() + "' was unexpected)");
                }
            }
        }
        JsonNode s = body.get("snapshot");
        if (s == null) {
            return Optional.of("'snapshot' is a required property");
        }
        if (!s.isObject()) {
            return invalid("snapshot", s, s + " is not of type 'object'");
        }
        if (version == 3) {
            for (Map.Entry<String, JsonNode> e : s.properties()) {
                if (!V3_SNAPSHOT_FIELDS.contains(e.getKey())) {
                    return invalid("snapshot", s, "Additional properties are not allowed ('" + e.getKey() + "' was unexpected)");
                }
            }
        }
        JsonNode volume = s.get("volume_id");
        if (volume == null) {
            return invalid("snapshot", s, "'volume_id' is a required property");
        }
        if (!volume.isNull() && !(volume.isTextual() && UUID_LIKE.matcher(volume.asText()).matches())) {
            return invalid("volume_id", volume, volume + " is not a 'uuid'");
        }
        for (String field : List.of("name", "display_name", "description", "display_description")) {
            JsonNode v = s.path(field);
            if (v.isMissingNode() || v.isNull()) {
                continue;
            }
            if (!v.isTextual()) {
                return invalid(field, v, v + " is not of type 'string', 'null'");
            }
            if (v.asText().codePointCount(0, v.asText().length()) > 255) {
                return invalid(field, v, v + " is too long");
            }
            if (field.endsWith("description") && v.asText().chars().anyMatch(Character::isISOControl)) {
                return invalid(field, v, v + " does not match the pattern of printable characters");
            }
        }
        JsonNode force = s.path("force");
        if (!force.isMissingNode() && !force.isBoolean() && !(force.isTextual() && (TRUE_STRINGS.contains(force.asText()) || FALSE_STRINGS.contains(force.asText())))) {
            return invalid("force", force, force + " is not valid under any of the given schemas");
        }
        JsonNode metadata = s.path("metadata");
        if (metadata.isMissingNode() || metadata.isNull()) {
            return Optional.empty();
        }
        if (!metadata.isObject()) {
            return invalid("metadata", metadata, metadata + " is not of type 'object', 'null'");
        }
        for (Map.Entry<String, JsonNode> e : metadata.properties()) {
            if (!METADATA_KEY.matcher(e.getKey()).matches()) {
                return invalid("metadata", metadata, "Additional properties are not allowed ('" + e.getKey()
                        + "' does not match any of the regexes: '^[a-zA-Z0-9-_:. /]{1,255}$')");
            }
            if (!e.getValue().isTextual()) {
                return invalid(e.getKey(), e.getValue(), e.getValue() + " is not of type 'string'");
            }
            if (e.getValue().asText().codePointCount(0, e.getValue().asText().length()) > 255) {
                return invalid(e.getKey(), e.getValue(), e.getValue() + " is too long");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> invalid(String field, JsonNode value, String reason) {
        return Optional.of("Invalid input for field/attribute " + field + ". Value: " + value + ". " + reason);
    }

    /** Returns the snapshot as {@code api} shows it; the extended attributes only in show and detail. */
    private ObjectNode view(Snap snap, Api api, boolean extended) {
        synchronized (store) {
            SnapshotState state = snap.state(store.readsUntilReady());
            String status = switch (state) {
                case READY -> "available";
                case FAILED -> "error";
                default -> "creating";
            };
            if (state != SnapshotState.CREATING) {
                snap.extra.putIfAbsent("updated_at", CINDER_TIME.format(Instant.now()));
            }
            ObjectNode s = Json.object().put("id", snap.id);
            s.put(api.version() == 1 ? "display_name" : "name", snap.name.orElse(null));
            s.put(api.version() == 1 ? "display_description" : "description", snap.description.orElse(null));
            s.put("volume_id", snap.diskId).put("status", status).put("size", snap.sizeGiB);
            ObjectNode metadata = s.putObject("metadata");
            snap.tags.forEach(metadata::put);
            s.put("created_at", CINDER_TIME.format(snap.createdAt));
            if (api.version() > 1) {
                s.put("updated_at", snap.extra.get("updated_at"));
            }
            if (api.version() == 3 && api.minor() >= 14) {
                s.putNull("group_snapshot_id");
            }
            if (api.version() == 3 && api.minor() >= 41) {
                s.put("user_id", USER_ID);
            }
            if (api.version() == 3 && api.minor() >= 65) {
                s.put("consumes_quota", true);
            }
            if (extended) {
                int progress = state == SnapshotState.READY ? 100 : snap.progress(store.readsUntilReady());
                s.put("os-extended-snapshot-attributes:progress", progress + "%");
                s.put("os-extended-snapshot-attributes:project_id", PROJECT_ID);
            }
            return s;
        }
    }

    /**
     * Answers a Cinder call: {@code x-openstack-request-id} always, {@code x-compute-request-id}
     * too on faults and on v1, and on v3 the microversion served.
     */
    private static void answer(Call call, Api api, int status, ObjectNode body, String... more) throws IOException {
        List<String> headers = new ArrayList<>(List.of(more));
        String id = requestId();
        headers.addAll(List.of("x-openstack-request-id", id));
        if (status >= 400 || api.version() == 1) {
            headers.addAll(List.of("x-compute-request-id", id));
        }
        if (api.version() == 3 && api.supported()) {
            headers.addAll(List.of("OpenStack-API-Version", "volume 3." + api.minor(), "Vary", "OpenStack-API-Version"));
        }
        String[] h = headers.toArray(String[]::new);
        if (body == null) {
            call.empty(status, h);
        } else {
            call.json(status, body, h);
        }
    }

    /** Reads the version from the path and the {@code volume} entry of {@code OpenStack-API-Version}; none means 3.0. */
    private static Api api(Call call) {
        Matcher path = VERSIONED_PATH.matcher(call.path);
        int version = path.matches() ? Integer.parseInt(path.group(1)) : 0;
        String requested = "3.0";
        for (String h : call.headers("OpenStack-API-Version")) {
            for (String entry : h.split(",")) {
                String[] parts = entry.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[0].equalsIgnoreCase("volume")) {
                    requested = parts[1].trim();
                }
            }
        }
        if (requested.equalsIgnoreCase("latest")) {
            return new Api(version, requested, 3, MAX_MINOR);
        }
        Matcher m = MICROVERSION.matcher(requested);
        if (!m.matches()) {
            return new Api(version, requested, -1, 0);
        }
        try {
            return new Api(version, requested, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException tooLong) {
            return new Api(version, requested, Integer.MAX_VALUE, 0);
        }
    }

    private static ObjectNode fault(int code, String name, String message) {
        ObjectNode body = Json.object();
        body.putObject(name).put("code", code).put("message", message);
        return body;
    }

    private static ObjectNode wrap(String key, ObjectNode value) {
        ObjectNode body = Json.object();
        body.set(key, value);
        return body;
    }

    private static String cinderUrl(Call call, int version) {
        return origin(call) + "/" + PREFIX + "/v" + version + "/" + PROJECT_ID;
    }

    /** Returns the scheme, host and port the client called. */
    private static String origin(Call call) {
        return "http://" + call.header("Host").orElse("127.0.0.1");
    }

    private static String requestId() {
        return "req-" + UUID.randomUUID();
    }

    /** Keystone's audit ids are 16 random bytes, base64url without padding. */
    private static String auditId() {
        UUID u = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
