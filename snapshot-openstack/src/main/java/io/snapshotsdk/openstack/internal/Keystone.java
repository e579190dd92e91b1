package io.snapshotsdk.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.internal.client.TokenStage;
import io.snapshotsdk.internal.http.HttpPipeline;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.openstack.OpenStackSnapshotClient;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keystone authentication: the v3 password, application-credential and token methods
 * ({@code POST …/v3/auth/tokens}, token in {@code X-Subject-Token}) and v2.0 password or
 * Rackspace API key ({@code POST …/v2.0/tokens}, token in the body), each answer read with its
 * service catalog.
 */
final class Keystone {
    static final String ID = OpenStackSnapshotClient.PROVIDER_ID;

    /** How this client authenticates. */
    enum Method { V3_PASSWORD, V3_APPLICATION_CREDENTIAL, V3_TOKEN, V2_PASSWORD, V2_API_KEY }

    /** One endpoint of the catalog. */
    record Endpoint(String type, String interfaceType, Optional<String> region, String url) {}

    /**
     * A token, when it expires, the project it is scoped to and the catalog that came with it.
     * Prints only its expiry.
     */
    record KeystoneToken(String value, Instant expiresAt, Optional<String> projectId, List<Endpoint> catalog) {
        @Override
        public String toString() {
            return "KeystoneToken[****, expiresAt=" + expiresAt + ", projectId=" + projectId + "]";
        }
    }

    private final OpenStackConfig config;
    private final Method method;
    private final URI tokensUrl;

    private Keystone(OpenStackConfig config, Method method, URI tokensUrl) {
        this.config = config;
        this.method = method;
        this.tokensUrl = tokensUrl;
    }

    /**
     * Chooses the method from what is configured.
     *
     * @throws InvalidRequestException when nothing usable is configured, naming what is missing
     */
    static Keystone of(OpenStackConfig c) {
        URI auth = c.authUrl.orElseThrow(() -> new InvalidRequestException(ID, "authUrl",
                "is required to authenticate (or OS_AUTH_URL, or a cloud in clouds.yaml); "
                        + "without it, give endpoint and token to use a token as it is"));
        String path = auth.getPath() == null ? "" : auth.getPath().replaceAll("/+$", "");
        boolean v2 = path.endsWith("/v2.0") || (c.apiKey.isPresent() && !path.endsWith("/v3"));
        String base = auth.toString().replaceAll("/+$", "");
        if (v2 && !path.endsWith("/v2.0")) {
            base += "/v2.0";
        }
        if (!v2 && !path.endsWith("/v3")) {
            base += "/v3";
        }
        List<Violation> v = new ArrayList<>();
        Method m;
        if (!v2 && c.applicationCredentialId.isPresent()) {
            m = Method.V3_APPLICATION_CREDENTIAL;
            if (c.applicationCredentialSecret.isEmpty()) {
                v.add(new Violation("applicationCredentialSecret", "is required with applicationCredentialId"));
            }
        } else if (c.apiKey.isPresent()) {
            m = Method.V2_API_KEY;
            if (c.username.isEmpty()) {
                v.add(new Violation("username", "is required with apiKey"));
            }
        } else if (c.password.isPresent()) {
            m = v2 ? Method.V2_PASSWORD : Method.V3_PASSWORD;
            if (c.username.isEmpty() && (v2 || c.userId.isEmpty())) {
                v.add(new Violation("username", "is required with password" + (v2 ? "" : " (or userId)")));
            }
            if (!v2 && c.userId.isEmpty() && c.userDomainName.isEmpty() && c.userDomainId.isEmpty()) {
                v.add(new Violation("userDomainName", "is required with a user name (or userDomainId, OS_USER_DOMAIN_NAME)"));
            }
            if (!v2 && c.projectId.isEmpty() && c.projectName.isPresent() && c.projectDomainName.isEmpty() && c.projectDomainId.isEmpty()) {
                v.add(new Violation("projectDomainName", "is required with a project name (or projectDomainId)"));
            }
        } else if (!v2 && c.token.isPresent()) {
            m = Method.V3_TOKEN;
        } else {
            m = null;
            v.add(new Violation("password", "no OpenStack credentials: set password (with username), applicationCredentialId and "
                    + "applicationCredentialSecret, token, or apiKey (or OS_PASSWORD, OS_APPLICATION_CREDENTIAL_ID/_SECRET, OS_TOKEN, "
                    + "or a cloud in clouds.yaml)"));
        }
        if (!v.isEmpty()) {
            throw new InvalidRequestException(ID, v);
        }
        return new Keystone(c, m, URI.create(base + (v2 ? "/tokens" : "/auth/tokens")));
    }

    Method method() {
        return method;
    }

    URI tokensUrl() {
        return tokensUrl;
    }

    /** Authenticates once. */
    KeystoneToken authenticate(HttpPipeline keystone) {
        Response r = keystone.send(Request.builder("POST", tokensUrl)
                .operation(method == Method.V2_PASSWORD || method == Method.V2_API_KEY ? "Tokens.Create" : "Auth.Tokens.Create")
                .body(Json.write(body()), "application/json")
                .header("Accept", "application/json")
                // A token request has no lasting effect, so repeating it is harmless.
                .retrySafe(true)
                .build());
        return method == Method.V2_PASSWORD || method == Method.V2_API_KEY ? readV2(r) : readV3(r);
    }

    ObjectNode body() {
        ObjectNode root = Json.object();
        ObjectNode auth = root.putObject("auth");
        switch (method) {
            case V2_PASSWORD -> {
                tenant(auth);
                auth.putObject("passwordCredentials").put("username", config.username.get()).put("password", config.password.get());
            }
            case V2_API_KEY -> {
                auth.putObject("RAX-KSKEY:apiKeyCredentials").put("username", config.username.get()).put("apiKey", config.apiKey.get());
                tenant(auth);
            }
            case V3_APPLICATION_CREDENTIAL -> {
                ObjectNode identity = auth.putObject("identity");
                identity.putArray("methods").add("application_credential");
                identity.putObject("application_credential").put("id", config.applicationCredentialId.get())
                        .put("secret", config.applicationCredentialSecret.get());
                // No scope: an application credential is bound to its project.
            }
            case V3_TOKEN -> {
                ObjectNode identity = auth.putObject("identity");
                identity.putArray("methods").add("token");
                identity.putObject("token").put("id", config.token.get());
                scope(auth);
            }
            case V3_PASSWORD -> {
                ObjectNode identity = auth.putObject("identity");
                identity.putArray("methods").add("password");
                ObjectNode user = identity.putObject("password").putObject("user");
                if (config.userId.isPresent() && config.username.isEmpty()) {
                    user.put("id", config.userId.get());
                } else {
                    user.put("name", config.username.get());
                    user.set("domain", domain(config.userDomainId, config.userDomainName));
                }
                user.put("password", config.password.get());
                scope(auth);
            }
        }
        return root;
    }

    private void tenant(ObjectNode auth) {
        config.projectId.ifPresentOrElse(id -> auth.put("tenantId", id),
                () -> config.projectName.ifPresent(name -> auth.put("tenantName", name)));
    }

    private void scope(ObjectNode auth) {
        if (config.projectId.isPresent()) {
            auth.putObject("scope").putObject("project").put("id", config.projectId.get());
        } else if (config.projectName.isPresent()) {
            ObjectNode project = auth.putObject("scope").putObject("project").put("name", config.projectName.get());
            project.set("domain", domain(config.projectDomainId, config.projectDomainName));
        }
    }

    private static ObjectNode domain(Optional<String> id, Optional<String> name) {
        ObjectNode d = Json.object();
        id.ifPresentOrElse(x -> d.put("id", x), () -> d.put("name", name.orElse("Default")));
        return d;
    }

    private static KeystoneToken readV3(Response r) {
        Optional<String> token = r.header("X-Subject-Token").filter(TokenStage::isSendable);
        JsonNode t = Json.readObject(ID, r).path("token");
        Optional<Instant> expires = Json.text(t, "expires_at").flatMap(Keystone::time);
        if (token.isEmpty() || expires.isEmpty()) {
            throw new TransportException(ID, "the Keystone answer has no X-Subject-Token or expires_at", r.status(), r.requestId(), null);
        }
        List<Endpoint> catalog = new ArrayList<>();
        for (JsonNode service : t.path("catalog")) {
            String type = Json.text(service, "type").orElse("");
            for (JsonNode e : service.path("endpoints")) {
                Json.text(e, "url").ifPresent(url -> catalog.add(new Endpoint(type, Json.text(e, "interface").orElse("public"),
                        Json.text(e, "region_id").or(() -> Json.text(e, "region")), url)));
            }
        }
        return new KeystoneToken(token.get(), expires.get(), Json.text(t.path("project"), "id"), catalog);
    }

    private static KeystoneToken readV2(Response r) {
        JsonNode access = Json.readObject(ID, r).path("access");
        Optional<String> token = Json.text(access.path("token"), "id").filter(TokenStage::isSendable);
        Optional<Instant> expires = Json.text(access.path("token"), "expires").flatMap(Keystone::time);
        if (token.isEmpty() || expires.isEmpty()) {
            throw new TransportException(ID, "the Keystone v2.0 answer has no access.token.id or expires", r.status(), r.requestId(), null);
        }
        List<Endpoint> catalog = new ArrayList<>();
        for (JsonNode service : access.path("serviceCatalog")) {
            String type = Json.text(service, "type").orElse("");
            for (JsonNode e : service.path("endpoints")) {
                Optional<String> region = Json.text(e, "region");
                for (String[] i : new String[][] {{"publicURL", "public"}, {"internalURL", "internal"}, {"adminURL", "admin"}}) {
                    Json.text(e, i[0]).ifPresent(url -> catalog.add(new Endpoint(type, i[1], region, url)));
                }
            }
        }
        return new KeystoneToken(token.get(), expires.get(), Json.text(access.path("token").path("tenant"), "id"), catalog);
    }

    /** Keystone writes {@code …Z}, Rackspace also {@code …-05:00}. */
    static Optional<Instant> time(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The Block Storage service types, the official one first. */
    static final List<String> SERVICE_TYPES = List.of("block-storage", "volumev3", "volumev2", "volume", "block-store");

    /**
     * Returns the Block Storage endpoint of the catalog for {@code interfaceType} and {@code region};
     * the caller switches its version when another one is configured.
     *
     * @throws InvalidRequestException when there is none, or several regions and none chosen
     */
    static String volumeEndpoint(List<Endpoint> catalog, String interfaceType, Optional<String> region) {
        for (String type : SERVICE_TYPES) {
            List<Endpoint> matching = catalog.stream()
                    .filter(e -> e.type().equalsIgnoreCase(type) && e.interfaceType().equalsIgnoreCase(interfaceType))
                    .filter(e -> region.isEmpty() || e.region().map(r -> r.equalsIgnoreCase(region.get())).orElse(true))
                    .toList();
            if (matching.isEmpty()) {
                continue;
            }
            List<String> regions = matching.stream().map(e -> e.region().orElse("")).distinct().toList();
            if (region.isEmpty() && regions.size() > 1) {
                throw new InvalidRequestException(ID, "region", "several regions offer Block Storage (" + String.join(", ", regions)
                        + "); set region or OS_REGION_NAME");
            }
            return matching.get(0).url();
        }
        throw new InvalidRequestException(ID, "endpoint", "the service catalog has no Block Storage endpoint ("
                + String.join(", ", SERVICE_TYPES) + ") for interface " + interfaceType + region.map(r -> " in region " + r).orElse("")
                + "; set endpoint to give it directly");
    }
}
