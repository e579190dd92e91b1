package io.snapshotsdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.internal.codec.Rfc3986;
import io.snapshotsdk.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Yandex Cloud Compute snapshots under {@code /yandex}: {@code POST /compute/v1/snapshots},
 * {@code GET} and {@code DELETE /compute/v1/snapshots/{id}}, the Operation API's
 * {@code GET /operations/{id}} and the IAM exchange {@code POST /iam/v1/tokens}.
 *
 * <p>The IAM exchange takes the emulator's OAuth token, or a PS256 JWT signed with the emulator's
 * service account key (signature, key id, issuer, audience and a lifetime of at most an hour are
 * checked); every other call needs {@code Authorization: Bearer} with an IAM token issued here.
 * Creates are checked against the current proto's rules and answer a running operation; a
 * repeated {@code Idempotency-Key} answers the first create's operation. That operation is done
 * after the configured number of status reads, with the snapshot or, for a failing one, an
 * {@code INTERNAL} error. A delete's operation is done at its first read. Refusals are
 * {@code google.rpc.Status} bodies with a {@code RequestInfo} detail, under the HTTP status of
 * their gRPC code; every answer carries {@code x-request-id}.
 */
final class YandexEmulation implements Emulation {
    private static final String PROVIDER = "yandex";
    private static final String PREFIX = "yandex";
    private static final String TOKENS_PATH = "/iam/v1/tokens";
    private static final String IAM_TOKEN_PREFIX = "t1.";
    private static final Duration IAM_TOKEN_LIFETIME = Duration.ofHours(12);
    private static final String REQUEST_ID = "x-request-id";
    private static final String COMPUTE_TYPE = "type.googleapis.com/yandex.cloud.compute.v1.";

    // Snapshot.extra keys.
    private static final String FOLDER_ID = "folderId";
    private static final String OPERATION_ID = "operationId";
    private static final String HARDWARE_GENERATION = "hardwareGeneration";
    private static final String DELETE_OPERATION_ID = "deleteOperationId";
    private static final String DELETE_REQUESTED_AT = "deleteRequestedAt";

    // CreateSnapshotRequest's rules in the current snapshot_service.proto.
    private static final int MAX_ID = 50;
    private static final int MAX_DESCRIPTION = 256;
    private static final int MAX_LABELS = 64;
    private static final Pattern NAME = Pattern.compile("|[a-z]([-_a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z][-_./@0-9a-z]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[-_./@0-9a-z]{0,63}");
    private static final Set<String> PCI_TOPOLOGIES = Set.of("PCI_TOPOLOGY_UNSPECIFIED", "PCI_TOPOLOGY_V1", "PCI_TOPOLOGY_V2");

    /** The gRPC codes answered here, with the HTTP status Yandex Cloud gives each. */
    private enum Grpc {
        INVALID_ARGUMENT(3, 400), NOT_FOUND(5, 404), RESOURCE_EXHAUSTED(8, 429), UNIMPLEMENTED(12, 501), INTERNAL(13, 500),
        UNAUTHENTICATED(16, 401);

        final int code;
        final int httpStatus;

        Grpc(int code, int httpStatus) {
            this.code = code;
            this.httpStatus = httpStatus;
        }
    }

    /** The service account every call is made as. */
    private static final String ACCOUNT_ID = "aje" + Store.hex(17);

    private final Store store;
    private final String folderId = "b1g" + Store.hex(17);
    // Random per emulator, so that a test can tell a leaked secret from any other text.
    private final String oauthToken = "y0_" + Store.hex(48);

    YandexEmulation(Store store) {
        this.store = store;
    }

    @Override
    public String providerId() {
        return PROVIDER;
    }

    @Override
    public List<String> prefixes() {
        return List.of(PREFIX);
    }

    @Override
    public Map<String, String> credentials() {
        return Map.of("oauthToken", oauthToken, "serviceAccountKeyFile", ServiceAccountKey.INSTANCE.keyFile);
    }

    /**
     * Returns both credentials the exchange accepts: the client signs with the key, which it
     * prefers, and exchanges the OAuth token when the key is taken out. The Operation and IAM
     * endpoints default to {@code endpoint}.
     */
    @Override
    public Map<String, String> settings(URI base) {
        return Map.of("endpoint", base + "/" + PREFIX, "allowInsecureHttp", "true", "folderId", folderId,
                "serviceAccountKeyFile", ServiceAccountKey.INSTANCE.keyFile, "oauthToken", oauthToken);
    }

    @Override
    public boolean isAuthentication(String prefix, Call call) {
        return "POST".equals(call.method) && TOKENS_PATH.equals(call.path);
    }

    @Override
    public void handle(String prefix, Call call) throws IOException {
        if (isAuthentication(prefix, call)) {
            exchange(call);
            return;
        }
        if (!carriesIssuedToken(call)) {
            refuse(call, Grpc.UNAUTHENTICATED, "Token is invalid or has expired.");
            return;
        }
        List<String> segments = Arrays.stream(call.path.substring(1).split("/", -1)).map(Rfc3986::decode).toList();
        boolean snapshots = segments.size() >= 3 && segments.subList(0, 3).equals(List.of("compute", "v1", "snapshots"));
        if (snapshots && segments.size() == 3 && "POST".equals(call.method)) {
            create(call);
        } else if (snapshots && segments.size() == 4 && "GET".equals(call.method)) {
            get(call, segments.get(3));
        } else if (snapshots && segments.size() == 4 && "DELETE".equals(call.method)) {
            delete(call, segments.get(3));
        } else if (segments.size() == 2 && "operations".equals(segments.get(0)) && "GET".equals(call.method)) {
            operation(call, segments.get(1));
        } else {
            refuse(call, Grpc.UNIMPLEMENTED, call.method + " " + call.path + " is not emulated");
        }
    }

    /** Answers without {@code Retry-After}, which Yandex Cloud does not send: its own SDKs back off by themselves. */
    @Override
    public void throttle(Call call, Duration retryAfter) throws IOException {
        refuse(call, Grpc.RESOURCE_EXHAUSTED, "Request limit exceeded");
    }

    @Override
    public void serverError(Call call) throws IOException {
        refuse(call, Grpc.INTERNAL, "Internal error");
    }

    // ---- IAM -----------------------------------------------------------------------------

    private void exchange(Call call) throws IOException {
        JsonNode body = call.json().orElse(Json.object());
        Optional<String> oauth = Json.text(body, "yandexPassportOauthToken");
        Optional<String> jwt = Json.text(body, "jwt");
        if (oauth.isPresent() == jwt.isPresent()) {
            refuse(call, Grpc.INVALID_ARGUMENT, "Request validation error: exactly one of yandexPassportOauthToken and jwt is required");
            return;
        }
        if (oauth.filter(t -> t.length() > 4000).isPresent() || jwt.filter(t -> t.length() > 8000).isPresent()) {
            refuse(call, Grpc.INVALID_ARGUMENT, "Request validation error: the token is too long");
            return;
        }
        // A JWT's audience is the URL it is sent to, as the client was told it.
        String audience = "http://" + call.header("Host").orElse("") + "/" + PREFIX + TOKENS_PATH;
        boolean accepted = oauth.isPresent()
                ? MessageDigest.isEqual(oauth.get().getBytes(StandardCharsets.UTF_8), oauthToken.getBytes(StandardCharsets.UTF_8))
                : ServiceAccountKey.INSTANCE.signed(jwt.get(), audience, Instant.now());
        if (!accepted) {
            refuse(call, Grpc.UNAUTHENTICATED,
                    oauth.isPresent() ? "The OAuth token is invalid or has expired." : "The JWT is invalid or has expired.");
            return;
        }
        answer(call, Json.object().put("iamToken", store.issueToken(IAM_TOKEN_PREFIX))
                .put("expiresAt", Instant.now().plus(IAM_TOKEN_LIFETIME).toString()));
    }

    private boolean carriesIssuedToken(Call call) {
        return call.header("Authorization").filter(h -> h.startsWith("Bearer ")).map(h -> h.substring("Bearer ".length()))
                .filter(t -> t.startsWith(IAM_TOKEN_PREFIX) && store.issued(t)).isPresent();
    }

    // ---- Compute -------------------------------------------------------------------------

    private void create(Call call) throws IOException {
        Optional<JsonNode> parsed = call.json();
        List<String> problems = parsed.map(YandexEmulation::createProblems).orElse(List.of("the body is not a JSON object"));
        if (!problems.isEmpty()) {
            refuse(call, Grpc.INVALID_ARGUMENT, "Request validation error: " + String.join("; ", problems));
            return;
        }
        JsonNode body = parsed.get();
        String diskId = body.get("diskId").asText();
        if (store.disk(PROVIDER, diskId).isEmpty()) {
            refuse(call, Grpc.NOT_FOUND, "Disk " + diskId + " not found");
            return;
        }
        String id = "fd8" + Store.hex(17);
        Optional<String> idempotencyKey = call.header("Idempotency-Key");
        Optional<ObjectNode> operation;
        Optional<String> first;
        synchronized (store) {
            first = idempotencyKey.isPresent() ? store.idempotent(PROVIDER, idempotencyKey.get(), id) : Optional.empty();
            if (first.isPresent()) {
                operation = store.find(PROVIDER, first.get()).map(s -> createOperation(s, s.state(store.readsUntilReady())));
            } else {
                operation = Optional.of(createOperation(newSnapshot(id, body), SnapshotState.CREATING));
            }
        }
        if (operation.isEmpty()) {
            // The key's snapshot was deleted, and the emulator keeps no operations of deleted snapshots.
            refuse(call, Grpc.NOT_FOUND, "Snapshot " + first.orElseThrow() + " not found");
            return;
        }
        answer(call, operation.get());
    }

    /** Returns what the proto's rules find wrong with a create body. */
    private static List<String> createProblems(JsonNode body) {
        List<String> problems = new ArrayList<>();
        for (String field : List.of("folderId", "diskId")) {
            Optional<String> id = text(body, field, problems);
            if (id.filter(v -> !v.isEmpty()).isEmpty()) {
                problems.add(title(field) + ": is required");
            } else if (id.get().length() > MAX_ID) {
                problems.add(title(field) + ": is at most " + MAX_ID + " characters");
            }
        }
        text(body, "name", problems).filter(n -> !NAME.matcher(n).matches()).ifPresent(n -> problems.add("Name: invalid resource name"));
        text(body, "description", problems).filter(d -> d.codePointCount(0, d.length()) > MAX_DESCRIPTION)
                .ifPresent(d -> problems.add("Description: is at most " + MAX_DESCRIPTION + " characters"));
        JsonNode labels = body.path("labels");
        if (!labels.isMissingNode() && !labels.isObject()) {
            problems.add("Labels: is a map of strings");
        } else if (labels.size() > MAX_LABELS) {
            problems.add("Labels: at most " + MAX_LABELS + " labels");
        } else {
            labels.properties().forEach(e -> {
                if (!LABEL_KEY.matcher(e.getKey()).matches()) {
                    problems.add("Labels: invalid key " + e.getKey());
                }
                if (!e.getValue().isTextual() || !LABEL_VALUE.matcher(e.getValue().asText()).matches()) {
                    problems.add("Labels: invalid value of " + e.getKey());
                }
            });
        }
        JsonNode hardware = body.path("hardwareGeneration");
        if (hardware.has("legacyFeatures") && hardware.has("generation2Features")) {
            problems.add("HardwareGeneration: only one of legacyFeatures and generation2Features");
        } else if (!PCI_TOPOLOGIES.contains(hardware.path("legacyFeatures").path("pciTopology").asText("PCI_TOPOLOGY_UNSPECIFIED"))) {
            problems.add("HardwareGeneration: unknown pciTopology");
        }
        return problems;
    }

    /** Returns a string field; a field of another type is a problem. */
    private static Optional<String> text(JsonNode body, String field, List<String> problems) {
        JsonNode v = body.path(field);
        if (!v.isMissingNode() && !v.isTextual()) {
            problems.add(title(field) + ": is a string");
            return Optional.empty();
        }
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** Returns a field's name as validation messages spell it, such as {@code FolderId}. */
    private static String title(String field) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    private Snap newSnapshot(String id, JsonNode body) {
        Snap s = store.create(PROVIDER, id, body.get("diskId").asText(), nonEmpty(body, "name"), nonEmpty(body, "description"),
                Json.stringMap(body, "labels"));
        s.extra.put(FOLDER_ID, body.get("folderId").asText());
        s.extra.put(OPERATION_ID, "epd" + Store.hex(17));
        if (body.path(HARDWARE_GENERATION).isObject()) {
            s.extra.put(HARDWARE_GENERATION, body.get(HARDWARE_GENERATION).toString());
        }
        return s;
    }

    private static Optional<String> nonEmpty(JsonNode body, String field) {
        return Json.text(body, field).filter(v -> !v.isEmpty());
    }

    private void get(Call call, String id) throws IOException {
        Optional<ObjectNode> snapshot;
        synchronized (store) {
            snapshot = store.read(PROVIDER, id).map(s -> snapshot(s, false));
        }
        if (snapshot.isEmpty()) {
            refuse(call, Grpc.NOT_FOUND, "Snapshot " + id + " not found");
            return;
        }
        answer(call, snapshot.get());
    }

    /** Starts deleting; the snapshot is DELETING until its operation is read. */
    private void delete(Call call, String id) throws IOException {
        Optional<ObjectNode> operation;
        synchronized (store) {
            operation = store.find(PROVIDER, id).map(s -> {
                s.extra.putIfAbsent(DELETE_OPERATION_ID, "epd" + Store.hex(17));
                s.extra.putIfAbsent(DELETE_REQUESTED_AT, Instant.now().toString());
                return deleteOperation(s, false);
            });
        }
        if (operation.isEmpty()) {
            refuse(call, Grpc.NOT_FOUND, "Snapshot " + id + " not found");
            return;
        }
        answer(call, operation.get());
    }

    // ---- Operations ----------------------------------------------------------------------

    private void operation(Call call, String operationId) throws IOException {
        Optional<ObjectNode> operation;
        synchronized (store) {
            List<Snap> all = store.all(PROVIDER);
            operation = all.stream().filter(s -> operationId.equals(s.extra.get(OPERATION_ID))).findFirst()
                    .flatMap(s -> store.read(PROVIDER, s.id))
                    .map(s -> createOperation(s, s.state(store.readsUntilReady())))
                    .or(() -> all.stream().filter(s -> operationId.equals(s.extra.get(DELETE_OPERATION_ID))).findFirst()
                            .map(s -> {
                                store.remove(PROVIDER, s.id);
                                return deleteOperation(s, true);
                            }));
        }
        if (operation.isEmpty()) {
            refuse(call, Grpc.NOT_FOUND, "Operation " + operationId + " not found");
            return;
        }
        answer(call, operation.get());
    }

    private ObjectNode createOperation(Snap s, SnapshotState state) {
        ObjectNode op = operation(s.extra.get(OPERATION_ID), "Create snapshot", s.createdAt, state != SnapshotState.CREATING);
        op.putObject("metadata").put("@type", COMPUTE_TYPE + "CreateSnapshotMetadata").put("snapshotId", s.id).put("diskId", s.diskId);
        if (state == SnapshotState.FAILED) {
            op.putObject("error").put("code", Grpc.INTERNAL.code).put("message", "Snapshot " + s.id + " could not be created")
                    .putArray("details");
        } else if (state == SnapshotState.READY) {
            op.set("response", snapshot(s, true));
        }
        return op;
    }

    private ObjectNode deleteOperation(Snap s, boolean done) {
        Instant requested = Instant.parse(s.extra.get(DELETE_REQUESTED_AT));
        ObjectNode op = operation(s.extra.get(DELETE_OPERATION_ID), "Delete snapshot", requested, done);
        op.putObject("metadata").put("@type", COMPUTE_TYPE + "DeleteSnapshotMetadata").put("snapshotId", s.id);
        if (done) {
            op.putObject("response").put("@type", "type.googleapis.com/google.protobuf.Empty");
        }
        return op;
    }

    private ObjectNode operation(String id, String description, Instant createdAt, boolean done) {
        return Json.object().put("id", id).put("description", description).put("createdAt", createdAt.toString())
                .put("createdBy", ACCOUNT_ID).put("modifiedAt", (done ? Instant.now() : createdAt).toString()).put("done", done);
    }

    /** Returns the Snapshot resource; with its {@code @type} inside an operation's response. */
    private ObjectNode snapshot(Snap s, boolean typed) {
        ObjectNode n = Json.object();
        if (typed) {
            n.put("@type", COMPUTE_TYPE + "Snapshot");
        }
        n.put("id", s.id).put("folderId", s.extra.get(FOLDER_ID)).put("createdAt", s.createdAt.toString());
        s.name.ifPresent(v -> n.put("name", v));
        s.description.ifPresent(v -> n.put("description", v));
        if (!s.tags.isEmpty()) {
            ObjectNode labels = n.putObject("labels");
            s.tags.forEach(labels::put);
        }
        // int64 fields are strings in the proto3 JSON mapping; the emulated disks are full.
        String bytes = Long.toString(s.sizeGiB * (1L << 30));
        n.put("storageSize", bytes).put("diskSize", bytes).put("status", status(s)).put("sourceDiskId", s.diskId);
        Optional.ofNullable(s.extra.get(HARDWARE_GENERATION)).flatMap(h -> Json.tryReadObject(h.getBytes(StandardCharsets.UTF_8)))
                .ifPresent(h -> n.set(HARDWARE_GENERATION, h));
        return n;
    }

    private String status(Snap s) {
        if (s.extra.containsKey(DELETE_OPERATION_ID)) {
            return "DELETING";
        }
        return switch (s.state(store.readsUntilReady())) {
            case READY -> "READY";
            case FAILED -> "ERROR";
            default -> "CREATING";
        };
    }

    // ---- answers -------------------------------------------------------------------------

    private static void answer(Call call, JsonNode body) throws IOException {
        call.json(200, body, REQUEST_ID, UUID.randomUUID().toString());
    }

    private static void refuse(Call call, Grpc grpc, String message) throws IOException {
        String requestId = UUID.randomUUID().toString();
        ObjectNode status = Json.object().put("code", grpc.code).put("message", message);
        status.putArray("details").addObject().put("@type", "type.googleapis.com/google.rpc.RequestInfo").put("requestId", requestId);
        call.json(grpc.httpStatus, status, REQUEST_ID, requestId);
    }

    /**
     * The service account's key: the key file the client signs with, and the check of the JWTs it
     * signs (PS256: RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt). Made once per run, on first
     * use, since making an RSA key takes up to seconds: random per run, not per emulator.
     */
    private static final class ServiceAccountKey {
        private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
        private static final long MAX_LIFETIME_SECONDS = 3600;
        static final ServiceAccountKey INSTANCE = new ServiceAccountKey();

        private final String id = "aje" + Store.hex(17);
        private final KeyPair pair;
        private final String keyFile;

        private ServiceAccountKey() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                this.pair = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java runtime makes RSA keys", e);
            }
            // As `yc iam key create` writes it, preamble line included.
            this.keyFile = Json.object().put("id", id).put("service_account_id", ACCOUNT_ID).put("created_at", Instant.now().toString())
                    .put("key_algorithm", "RSA_2048").put("public_key", pem("PUBLIC KEY", pair.getPublic().getEncoded()))
                    .put("private_key", "PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID " + id + "\n"
                            + pem("PRIVATE KEY", pair.getPrivate().getEncoded()))
                    .toString();
        }

        /** Returns whether {@code jwt} is this key's for {@code audience}, valid at {@code now} for at most an hour. */
        boolean signed(String jwt, String audience, Instant now) {
            String[] parts = jwt.split("\\.", -1);
            if (parts.length != 3) {
                return false;
            }
            Optional<JsonNode> header = decode(parts[0]);
            Optional<JsonNode> claims = decode(parts[1]);
            if (header.isEmpty() || claims.isEmpty()) {
                return false;
            }
            OptionalLong iat = Json.int64(claims.get(), "iat");
            OptionalLong exp = Json.int64(claims.get(), "exp");
            if (iat.isEmpty() || exp.isEmpty()) {
                return false;
            }
            long issued = iat.getAsLong();
            long expires = exp.getAsLong();
            return "PS256".equals(header.get().path("alg").asText())
                    && id.equals(header.get().path("kid").asText())
                    && ACCOUNT_ID.equals(claims.get().path("iss").asText())
                    && audience.equals(claims.get().path("aud").asText())
                    && issued <= now.plus(CLOCK_SKEW).getEpochSecond()
                    && expires > now.getEpochSecond()
                    && expires > issued && expires - issued <= MAX_LIFETIME_SECONDS
                    && verifies(parts[0] + "." + parts[1], parts[2]);
        }

        private boolean verifies(String signingInput, String signature) {
            try {
                Signature ps256 = Signature.getInstance("RSASSA-PSS");
                ps256.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                ps256.initVerify(pair.getPublic());
                ps256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return ps256.verify(Base64.getUrlDecoder().decode(signature));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }

        private static Optional<JsonNode> decode(String part) {
            try {
                return Json.tryReadObject(Base64.getUrlDecoder().decode(part));
            } catch (IllegalArgumentException notBase64Url) {
                return Optional.empty();
            }
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }
    }
}
