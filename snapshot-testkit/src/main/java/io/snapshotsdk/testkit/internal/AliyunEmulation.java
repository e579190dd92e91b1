package io.snapshotsdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.aliyun.internal.AcsSignature;
import io.snapshotsdk.internal.codec.Hashing;
import io.snapshotsdk.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alibaba Cloud ECS (API version {@code 2014-05-26}) as RPC calls under {@code /aliyun/}:
 * {@code CreateSnapshot}, {@code DescribeSnapshots} and {@code DeleteSnapshot}, answered in JSON.
 *
 * <p>Each call is signed either with {@code ACS3-HMAC-SHA256} in the {@code Authorization} header
 * (V3, over the real path, the query, the {@code host}, {@code content-type} and {@code x-acs-*}
 * headers and the body's hash) or with the HMAC-SHA1 {@code Signature} query parameter (V1), and
 * is checked as ECS checks it: a known AccessKey id, a timestamp within 15 minutes, the signature,
 * an unused nonce and no STS token, which the emulator never issues. Refusals are ECS's
 * {@code {RequestId, HostId, Code, Message, Recommend}} bodies with ECS's status codes; every
 * answer carries the request id in the body and in {@code x-acs-request-id}.
 */
final class AliyunEmulation implements Emulation {
    private static final String PROVIDER = "aliyun";
    private static final String REGION = "cn-hangzhou";
    private static final String ACCESS_KEY_ID = "LTAI5tSnapshotEmulator01";
    private static final String API_VERSION = "2014-05-26";
    private static final String JSON = "application/json;charset=utf-8";
    private static final String REQUEST_ID_HEADER = "x-acs-request-id";
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern AUTHORIZATION =
            Pattern.compile(Pattern.quote(AcsSignature.V3_ALGORITHM) + " Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)");
    // A letter first (Chinese included), then letters, ASCII digits, ':', '_', '.', '-'.
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("\\p{L}[\\p{L}0-9:_.\\-]*");
    private static final Pattern TAG_PARAMETER = Pattern.compile("Tag\\.([^.]*)\\.(Key|Value)");
    private static final Pattern TAG_INDEX = Pattern.compile("[1-9]|1[0-9]|20");
    private static final Pattern PAGE_NUMBER = Pattern.compile("[1-9][0-9]{0,8}");
    private static final int MAX_TAGS = 20;
    private static final int MAX_SNAPSHOT_IDS = 100;
    private static final int MAX_PAGE_SIZE = 100;
    /** The parameters that make one create the same as another under a ClientToken. */
    private static final Set<String> CREATE_PARAMETERS = Set.of("DiskId", "SnapshotName", "Description", "RetentionDays", "Category",
            "InstantAccess", "InstantAccessRetentionDays", "ResourceGroupId");

    private final Store store;
    // Random per emulator, so that a test can tell a leaked secret from any other text.
    private final String accessKeySecret = "acs-secret-" + Store.hex(32);

    AliyunEmulation(Store store) {
        this.store = store;
    }

    @Override
    public String providerId() {
        return PROVIDER;
    }

    @Override
    public List<String> prefixes() {
        return List.of(PROVIDER);
    }

    @Override
    public Map<String, String> credentials() {
        return Map.of("accessKeyId", ACCESS_KEY_ID, "accessKeySecret", accessKeySecret);
    }

    @Override
    public Map<String, String> settings(URI base) {
        return Map.of("endpoint", base + "/" + PROVIDER, "region", REGION, "accessKeyId", ACCESS_KEY_ID,
                "accessKeySecret", accessKeySecret, "allowInsecureHttp", "true");
    }

    @Override
    public boolean isAuthentication(String prefix, Call call) {
        // Every ECS call is signed on its own; there is no token endpoint.
        return false;
    }

    @Override
    public void handle(String prefix, Call call) throws IOException {
        String requestId = requestId();
        try {
            Map<String, String> params = parameters(call);
            String action = call.header("Authorization").isPresent() ? verifyV3(call) : verifyV1(call, params);
            ObjectNode answer = Json.object().put("RequestId", requestId);
            switch (action) {
                case "CreateSnapshot" -> answer.put("SnapshotId", create(params));
                case "DescribeSnapshots" -> describe(params, answer);
                case "DeleteSnapshot" -> delete(params);
                default -> throw new Refusal(404, "InvalidAction.NotFound",
                        "Specified api is not found, please check your url and method.");
            }
            call.respond(200, JSON, answer.toString(), REQUEST_ID_HEADER, requestId);
        } catch (Refusal r) {
            refuse(call, requestId, r.status, r.code, r.getMessage());
        }
    }

    @Override
    public void throttle(Call call, Duration retryAfter) throws IOException {
        // The gateway's hint is in milliseconds.
        refuse(call, requestId(), 400, "Throttling.User", "Request was denied due to user flow control.",
                "x-acs-retry-after", Long.toString(retryAfter.toMillis()));
    }

    @Override
    public void serverError(Call call) throws IOException {
        refuse(call, requestId(), 500, "InternalError", "The request processing has failed due to some unknown error.");
    }

    // ---- signatures ----------------------------------------------------------------------

    /** Checks the HMAC-SHA1 signed query; returns the action. */
    private String verifyV1(Call call, Map<String, String> params) throws Refusal {
        String given = params.get("Signature");
        if (given == null || !"HMAC-SHA1".equals(params.get("SignatureMethod")) || !"1.0".equals(params.get("SignatureVersion"))) {
            throw incompleteSignature();
        }
        String action = required(params.get("Action"), "Action");
        checkVersion(required(params.get("Version"), "Version"));
        checkTimestamp(params.get("Timestamp"), "Timestamp");
        String nonce = required(params.get("SignatureNonce"), "SignatureNonce");
        String secret = secretOf(required(params.get("AccessKeyId"), "AccessKeyId"));
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.remove("Signature");
        String stringToSign = AcsSignature.v1StringToSign(call.method, AcsSignature.v1CanonicalQuery(signed));
        checkSignature(AcsSignature.v1Signature(secret, stringToSign), given, stringToSign);
        checkNoSecurityToken(params.get("SecurityToken"));
        checkNonce(nonce);
        return action;
    }

    /** Checks the ACS3-HMAC-SHA256 {@code Authorization}; returns the action. */
    private String verifyV3(Call call) throws Refusal {
        Matcher auth = AUTHORIZATION.matcher(call.header("Authorization").orElseThrow());
        Map<String, String> headers = new LinkedHashMap<>();
        call.exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.isEmpty() ? "" : values.get(0)));
        TreeMap<String, String> signedHeaders = AcsSignature.v3SignedHeaders(headers);
        // Every header V3 covers must be signed, or an unsigned x-acs-action could redirect the call.
        if (!auth.matches() || !auth.group(2).equals(String.join(";", signedHeaders.keySet()))) {
            throw incompleteSignature();
        }
        String action = required(signedHeaders.get("x-acs-action"), "x-acs-action");
        checkVersion(required(signedHeaders.get("x-acs-version"), "x-acs-version"));
        checkTimestamp(signedHeaders.get("x-acs-date"), "x-acs-date");
        String nonce = required(signedHeaders.get("x-acs-signature-nonce"), "x-acs-signature-nonce");
        String secret = secretOf(auth.group(1));
        // The payload hash is the body's own, so a body changed after signing does not match.
        String canonical = AcsSignature.v3CanonicalRequest(call.method, call.rawPath, call.query(), signedHeaders,
                Hashing.sha256Hex(call.body));
        String stringToSign = AcsSignature.v3StringToSign(canonical);
        checkSignature(AcsSignature.v3Signature(secret, stringToSign), auth.group(3), stringToSign);
        checkNoSecurityToken(signedHeaders.get("x-acs-security-token"));
        checkNonce(nonce);
        return action;
    }

    private static void checkVersion(String version) throws Refusal {
        if (!version.equals(API_VERSION)) {
            throw new Refusal(400, "InvalidVersion", "Specified parameter Version is not valid.");
        }
    }

    private static void checkTimestamp(String value, String name) throws Refusal {
        Instant at;
        try {
            at = Instant.from(TIMESTAMP.parse(value == null ? "" : value));
        } catch (DateTimeException e) {
            // ECS words a malformed timestamp as a missing one.
            throw new Refusal(400, "IllegalTimestamp", missing(name));
        }
        if (Duration.between(at, Instant.now()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new Refusal(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
        }
    }

    private String secretOf(String accessKeyId) throws Refusal {
        if (!accessKeyId.equals(ACCESS_KEY_ID)) {
            throw new Refusal(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
        return accessKeySecret;
    }

    private static void checkSignature(String expected, String given, String stringToSign) throws Refusal {
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            // ECS shows its string to sign, which holds no secret, so that callers can compare.
            throw new Refusal(400, "SignatureDoesNotMatch",
                    "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign);
        }
    }

    private static void checkNoSecurityToken(String token) throws Refusal {
        if (token != null) {
            throw new Refusal(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.");
        }
    }

    private void checkNonce(String nonce) throws Refusal {
        if (!store.freshNonce(PROVIDER, nonce)) {
            throw new Refusal(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
        }
    }

    private static Refusal incompleteSignature() {
        return new Refusal(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
    }

    // ---- actions -------------------------------------------------------------------------

    /** Creates a snapshot, or finds the one its ClientToken made; returns its id. */
    private String create(Map<String, String> params) throws Refusal {
        String diskId = required(params.get("DiskId"), "DiskId");
        Optional<String> name = Optional.ofNullable(params.get("SnapshotName"));
        Optional<String> description = Optional.ofNullable(params.get("Description"));
        if (name.isPresent() && !isSnapshotName(name.get())) {
            throw new Refusal(400, "InvalidSnapshotName.Malformed", "The specified SnapshotName is wrongly formed.");
        }
        if (description.isPresent() && !isDescription(description.get())) {
            // 404, as ECS documents it.
            throw new Refusal(404, "InvalidDescription.Malformed", "The specified description is wrongly formed.");
        }
        Map<String, String> tags = tags(params);
        Optional<String> clientToken = Optional.ofNullable(params.get("ClientToken"));
        if (clientToken.isPresent() && !isClientToken(clientToken.get())) {
            throw new Refusal(400, "InvalidParameter", "The specified parameter \"ClientToken\" is not valid.");
        }
        String request = createRequest(params);
        // Under the store's lock, so that a replay and a concurrent create cannot both make a snapshot.
        synchronized (store) {
            if (store.disk(PROVIDER, diskId).isEmpty()) {
                throw new Refusal(404, "InvalidDiskId.NotFound", "The specified DiskId does not exist.");
            }
            if (clientToken.isPresent()) {
                Optional<Snap> first = store.all(PROVIDER).stream()
                        .filter(s -> clientToken.get().equals(s.extra.get("ClientToken")))
                        .findFirst();
                if (first.isPresent()) {
                    if (!first.get().extra.get("request").equals(request)) {
                        throw new Refusal(403, "IdempotentParameterMismatch", "The specified clientToken is used.");
                    }
                    return first.get().id;
                }
            }
            if (store.creatingOn(PROVIDER, diskId)) {
                throw new Refusal(403, "IncorrectDiskStatus.CreatingSnapshot", "A previous snapshot creation is in process.");
            }
            Snap s = store.create(PROVIDER, "s-" + Store.hex(20), diskId, name, description, tags);
            clientToken.ifPresent(t -> s.extra.put("ClientToken", t));
            s.extra.put("request", request);
            return s.id;
        }
    }

    /** Answers the snapshots the filters select, one page of them; each is a status read. */
    private void describe(Map<String, String> params, ObjectNode answer) throws Refusal {
        required(params.get("RegionId"), "RegionId");
        // An empty list selects nothing in particular, as an absent one.
        Optional<Set<String>> ids = params.containsKey("SnapshotIds")
                ? Optional.of(snapshotIds(params.get("SnapshotIds"))).filter(set -> !set.isEmpty()) : Optional.empty();
        Optional<String> diskId = Optional.ofNullable(params.get("DiskId"));
        int pageNumber = page(params, "PageNumber", 1, Integer.MAX_VALUE);
        int pageSize = page(params, "PageSize", 10, MAX_PAGE_SIZE);
        synchronized (store) {
            List<Snap> selected = store.all(PROVIDER).stream()
                    .filter(s -> ids.map(set -> set.contains(s.id)).orElse(true))
                    .filter(s -> diskId.map(s.diskId::equals).orElse(true))
                    .toList();
            long from = (long) (pageNumber - 1) * pageSize;
            answer.put("TotalCount", selected.size()).put("PageNumber", pageNumber).put("PageSize", pageSize);
            ArrayNode list = answer.putObject("Snapshots").putArray("Snapshot");
            for (Snap s : selected.subList((int) Math.min(from, selected.size()), (int) Math.min(from + pageSize, selected.size()))) {
                store.read(PROVIDER, s.id);
                list.add(snapshot(s, store.readsUntilReady()));
            }
        }
    }

    private void delete(Map<String, String> params) throws Refusal {
        String id = required(params.get("SnapshotId"), "SnapshotId");
        // Deleting a snapshot still being made cancels it, as on ECS.
        if (!store.remove(PROVIDER, id)) {
            throw new Refusal(404, "InvalidSnapshotId.NotFound", "The specified SnapshotId does not exist.");
        }
    }

    private static ObjectNode snapshot(Snap s, int readsUntilReady) {
        SnapshotState state = s.state(readsUntilReady);
        ObjectNode n = Json.object()
                .put("SnapshotId", s.id)
                .put("SnapshotName", s.name.orElse(""))
                .put("Description", s.description.orElse(""))
                .put("Status", switch (state) {
                    case READY -> "accomplished";
                    case FAILED -> "failed";
                    default -> "progressing";
                })
                .put("Progress", (state == SnapshotState.READY ? 100 : s.progress(readsUntilReady)) + "%")
                .put("SourceDiskId", s.diskId)
                .put("SourceDiskSize", Integer.toString(s.sizeGiB))
                .put("SourceStorageType", "disk")
                .put("SnapshotType", "user")
                .put("Usage", "none")
                .put("Encrypted", false)
                .put("CreationTime", TIMESTAMP.format(s.createdAt));
        ArrayNode tags = n.putObject("Tags").putArray("Tag");
        s.tags.forEach((key, value) -> tags.addObject().put("TagKey", key).put("TagValue", value));
        return n;
    }

    // ---- parameter rules -----------------------------------------------------------------

    private static boolean isSnapshotName(String name) {
        int n = name.codePointCount(0, name.length());
        return n >= 2 && n <= 128 && SNAPSHOT_NAME.matcher(name).matches() && !startsWithHttp(name) && !name.startsWith("auto");
    }

    private static boolean isDescription(String description) {
        int n = description.codePointCount(0, description.length());
        return n >= 2 && n <= 256 && !startsWithHttp(description);
    }

    private static boolean isClientToken(String token) {
        return !token.isEmpty() && token.length() <= 64 && token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** Returns the tags {@code Tag.N.Key} and {@code Tag.N.Value} name, in the order of N. */
    private static Map<String, String> tags(Map<String, String> params) throws Refusal {
        for (String name : params.keySet()) {
            Matcher m = TAG_PARAMETER.matcher(name);
            if (m.matches() && !TAG_INDEX.matcher(m.group(1)).matches()) {
                throw malformedTag(m.group(2));
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int n = 1; n <= MAX_TAGS; n++) {
            String key = params.get("Tag." + n + ".Key");
            String value = params.getOrDefault("Tag." + n + ".Value", "");
            if (key == null) {
                if (params.containsKey("Tag." + n + ".Value")) {
                    throw malformedTag("Key");
                }
                continue;
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (key.isEmpty() || key.codePointCount(0, key.length()) > 128 || lower.startsWith("aliyun") || lower.startsWith("acs:")
                    || containsHttp(key)) {
                throw malformedTag("Key");
            }
            if (value.codePointCount(0, value.length()) > 128 || containsHttp(value)) {
                throw malformedTag("Value");
            }
            if (tags.putIfAbsent(key, value) != null) {
                throw new Refusal(400, "Duplicate.TagKey", "The Tag.N.Key contain duplicate key.");
            }
        }
        return tags;
    }

    private static Refusal malformedTag(String part) {
        return new Refusal(400, "InvalidTag" + part + ".Malformed", "The specified Tag.n." + part + " is not valid.");
    }

    /** Returns what a ClientToken replay must repeat: every create parameter, sorted. */
    private static String createRequest(Map<String, String> params) {
        TreeMap<String, String> request = new TreeMap<>();
        params.forEach((name, value) -> {
            if (CREATE_PARAMETERS.contains(name) || TAG_PARAMETER.matcher(name).matches()) {
                request.put(name, value);
            }
        });
        return request.toString();
    }

    /** Returns the ids of {@code SnapshotIds}, a JSON array of at most 100 strings. */
    private static Set<String> snapshotIds(String raw) throws Refusal {
        Refusal malformed = new Refusal(403, "InvalidSnapshotIds.Malformed", "The specified SnapshotIds is wrongly formed.");
        JsonNode list = Json.read(raw.getBytes(StandardCharsets.UTF_8)).orElseThrow(() -> malformed);
        if (!list.isArray() || list.size() > MAX_SNAPSHOT_IDS) {
            throw malformed;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode id : list) {
            if (!id.isTextual()) {
                throw malformed;
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static int page(Map<String, String> params, String name, int absent, int max) throws Refusal {
        String value = params.get(name);
        if (value == null) {
            return absent;
        }
        if (!PAGE_NUMBER.matcher(value).matches() || Integer.parseInt(value) > max) {
            throw new Refusal(400, "InvalidParameter", "The specified parameter \"" + name + "\" is not valid.");
        }
        return Integer.parseInt(value);
    }

    private static boolean startsWithHttp(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    private static boolean containsHttp(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.contains("http://") || l.contains("https://");
    }

    // ---- the wire ------------------------------------------------------------------------

    /** Returns the API parameters: the query's and, for a form body, the form's. */
    private static Map<String, String> parameters(Call call) {
        Map<String, String> params = call.query();
        boolean form = call.header("Content-Type")
                .filter(t -> t.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
                .isPresent();
        if (form) {
            params.putAll(call.form());
        }
        return params;
    }

    private static String required(String value, String name) throws Refusal {
        if (value == null || value.isEmpty()) {
            throw new Refusal(400, "MissingParameter", missing(name));
        }
        return value;
    }

    private static String missing(String name) {
        return "The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied.";
    }

    private static String requestId() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }

    private static void refuse(Call call, String requestId, int status, String code, String message, String... headers)
            throws IOException {
        ObjectNode body = Json.object()
                .put("RequestId", requestId)
                .put("HostId", call.header("Host").orElse("ecs.aliyuncs.com"))
                .put("Code", code)
                .put("Message", message)
                .put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + code + "&product=Ecs&requestId=" + requestId);
        String[] all = new String[headers.length + 2];
        all[0] = REQUEST_ID_HEADER;
        all[1] = requestId;
        System.arraycopy(headers, 0, all, 2, headers.length);
        call.respond(status, JSON, body.toString(), all);
    }

    /** A refusal in ECS's words: the HTTP status, the error code and the message. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
