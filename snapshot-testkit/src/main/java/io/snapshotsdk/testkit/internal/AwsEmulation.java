package io.snapshotsdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.aws.sgw.internal.SigV4;
import io.snapshotsdk.internal.codec.Hashing;
import io.snapshotsdk.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Storage Gateway and the EC2 calls that read and delete its snapshots. They are two services
 * on two hosts, so each has its prefix: {@code CreateSnapshot} in AWS JSON 1.1 under
 * {@code /aws-sgw}, {@code DescribeSnapshots} and {@code DeleteSnapshot} in the EC2 Query protocol
 * under {@code /aws-ec2}.
 *
 * <p>Every call must be signed with SigV4 by the emulator's test key, for the called service and
 * {@value #REGION}, and dated within five minutes of the emulator's clock. Refusals use each
 * service's codes; Storage Gateway answers every error with HTTP 400. Disks are volume ARNs, and
 * snapshot ids are {@code snap-} and 17 hex digits. Storage Gateway takes no idempotency token,
 * so every create makes a snapshot, as the real service does; EC2 finds snapshots by tag, which is
 * how a client recognises one it made before. Neither service sends {@code Retry-After}.
 */
final class AwsEmulation implements Emulation {
    private static final String PROVIDER = "aws-sgw";
    private static final String SGW_PREFIX = "aws-sgw";
    private static final String EC2_PREFIX = "aws-ec2";
    private static final String REGION = "us-east-1";
    // AWS's documentation example key id: plainly not a real one.
    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String CREATE_SNAPSHOT = "StorageGateway_20130630.CreateSnapshot";
    private static final String JSON_11 = "application/x-amz-json-1.1";
    private static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    private static final String EC2_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String EC2_XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern AUTHORIZATION = Pattern.compile(SigV4.ALGORITHM
            + " Credential=([^/,\\s]+)/([0-9]{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,\\s*"
            + "SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*),\\s*Signature=([0-9a-f]{64})");
    // The Storage Gateway model's rules; the API reference allows the tag key's characters in values too.
    private static final Pattern VOLUME_ARN = Pattern.compile(
            "arn:(aws(|-cn|-us-gov|-iso[A-Za-z0-9_-]*|-eusc)):storagegateway:[a-z\\-0-9]+:[0-9]+:gateway/(.+)/volume/vol-(\\S+)");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final int MAX_TAGS = 50;

    /** Why a signature is refused, with each service's code for it. */
    private enum AuthProblem {
        MISSING("MissingAuthenticationTokenException", 401, "MissingAuthenticationToken"),
        INCOMPLETE("IncompleteSignatureException", 400, "IncompleteSignature"),
        UNKNOWN_KEY("UnrecognizedClientException", 401, "AuthFailure"),
        MISMATCH("InvalidSignatureException", 403, "SignatureDoesNotMatch"),
        EXPIRED("InvalidSignatureException", 400, "RequestExpired");

        final String sgwType;
        final int ec2Status;
        final String ec2Code;

        AuthProblem(String sgwType, int ec2Status, String ec2Code) {
            this.sgwType = sgwType;
            this.ec2Status = ec2Status;
            this.ec2Code = ec2Code;
        }
    }

    /** A refused signature and what the refusal says. */
    private record AuthRefusal(AuthProblem problem, String message) {}

    private final Store store;
    // Random per emulator, so that a test can tell a leaked secret from any other text.
    private final String secretAccessKey = "aws-secret-" + Store.hex(32);

    AwsEmulation(Store store) {
        this.store = store;
    }

    @Override
    public String providerId() {
        return PROVIDER;
    }

    @Override
    public List<String> prefixes() {
        return List.of(SGW_PREFIX, EC2_PREFIX);
    }

    @Override
    public Map<String, String> credentials() {
        return Map.of("accessKeyId", ACCESS_KEY_ID, "secretAccessKey", secretAccessKey);
    }

    @Override
    public Map<String, String> settings(URI base) {
        return Map.of("endpoint", base + "/" + SGW_PREFIX, "ec2Endpoint", base + "/" + EC2_PREFIX, "region", REGION,
                "accessKeyId", ACCESS_KEY_ID, "secretAccessKey", secretAccessKey, "allowInsecureHttp", "true");
    }

    /** SigV4 signs each call; there is no separate authentication call. */
    @Override
    public boolean isAuthentication(String prefix, Call call) {
        return false;
    }

    @Override
    public void handle(String prefix, Call call) throws IOException {
        boolean ec2 = prefix.equals(EC2_PREFIX);
        Optional<AuthRefusal> refusal = verifySignature(call, ec2 ? "ec2" : "storagegateway");
        if (refusal.isPresent()) {
            AuthProblem p = refusal.get().problem();
            if (ec2) {
                ec2Error(call, p.ec2Status, p.ec2Code, refusal.get().message());
            } else {
                sgwError(call, p.sgwType, refusal.get().message());
            }
        } else if (ec2) {
            ec2(call);
        } else {
            storageGateway(call);
        }
    }

    @Override
    public void throttle(Call call, Duration retryAfter) throws IOException {
        // Neither service names a wait: AWS clients back off on their own.
        if (isEc2(call)) {
            ec2Error(call, 503, "RequestLimitExceeded", "Request limit exceeded.");
        } else {
            sgwError(call, "ThrottlingException", "Rate exceeded");
        }
    }

    @Override
    public void serverError(Call call) throws IOException {
        if (isEc2(call)) {
            ec2Error(call, 500, "InternalError", "An internal error has occurred.");
        } else {
            sgwError(call, "InternalServerError", "An internal server error has occurred during the request.",
                    "InternalError", Map.of());
        }
    }

    // ---- SigV4 ----------------------------------------------------------------------------

    /** Checks the signature as AWS does: form, key, scope, time, then the signature itself. */
    private Optional<AuthRefusal> verifySignature(Call call, String service) {
        Optional<String> authorization = call.header("Authorization");
        if (authorization.isEmpty()) {
            return refuse(AuthProblem.MISSING, "Missing Authentication Token");
        }
        Matcher m = AUTHORIZATION.matcher(authorization.get().trim());
        if (!m.matches()) {
            return refuse(AuthProblem.INCOMPLETE, "Authorization header requires 'Credential', 'SignedHeaders' and "
                    + "'Signature' parameters, separated by commas.");
        }
        String amzDate = call.header("X-Amz-Date").map(String::trim).orElse("");
        Optional<Instant> signedAt = parseAmzDate(amzDate);
        if (signedAt.isEmpty()) {
            return refuse(AuthProblem.INCOMPLETE, "Authorization header requires existence of an 'X-Amz-Date' header "
                    + "in ISO-8601 basic format.");
        }
        Set<String> signedHeaders = new LinkedHashSet<>(List.of(m.group(5).split(";")));
        if (!signedHeaders.contains("host")) {
            return refuse(AuthProblem.INCOMPLETE, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        // The emulator issues no temporary credentials, so any session token is one it does not know.
        if (!m.group(1).equals(ACCESS_KEY_ID) || call.header("X-Amz-Security-Token").isPresent()) {
            return refuse(AuthProblem.UNKNOWN_KEY, service.equals("ec2") ? "AWS was not able to validate the provided "
                    + "access credentials" : "The security token included in the request is invalid.");
        }
        if (!m.group(2).equals(amzDate.substring(0, 8))) {
            return refuse(AuthProblem.MISMATCH, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version "
                    + "of date from HTTP: '" + m.group(2) + "' != '" + amzDate.substring(0, 8) + "'.");
        }
        if (!m.group(3).equals(REGION)) {
            return refuse(AuthProblem.MISMATCH, "Credential should be scoped to a valid region, not '" + m.group(3) + "'.");
        }
        if (!m.group(4).equals(service)) {
            return refuse(AuthProblem.MISMATCH, "Credential should be scoped to correct service: '" + service + "'.");
        }
        Instant now = Instant.now();
        if (signedAt.get().isBefore(now.minus(MAX_SKEW))) {
            return refuse(AuthProblem.EXPIRED, "Signature expired: " + amzDate + " is now earlier than "
                    + format(now.minus(MAX_SKEW)) + " (" + format(now) + " - 5 min.)");
        }
        if (signedAt.get().isAfter(now.plus(MAX_SKEW))) {
            return refuse(AuthProblem.EXPIRED, "Signature not yet current: " + amzDate + " is still later than "
                    + format(now.plus(MAX_SKEW)) + " (" + format(now) + " + 5 min.)");
        }
        List<String[]> headers = new ArrayList<>();
        for (String name : signedHeaders) {
            call.headers(name).forEach(value -> headers.add(new String[] {name, value}));
        }
        String canonicalRequest = SigV4.canonicalRequest(call.method, SigV4.canonicalUri(call.rawPath),
                SigV4.canonicalQuery(call.rawQuery), SigV4.canonicalHeaders(headers, signedHeaders),
                Hashing.sha256Hex(call.body));
        SigV4 signer = new SigV4(service, REGION, false);
        String expected = signer.signature(secretAccessKey, amzDate, signer.scope(m.group(2)), canonicalRequest);
        byte[] sent = m.group(6).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sent)) {
            return refuse(AuthProblem.MISMATCH, "The request signature we calculated does not match the signature you "
                    + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation "
                    + "for details.");
        }
        return Optional.empty();
    }

    private static Optional<AuthRefusal> refuse(AuthProblem problem, String message) {
        return Optional.of(new AuthRefusal(problem, message));
    }

    private static Optional<Instant> parseAmzDate(String value) {
        try {
            return Optional.of(LocalDateTime.parse(value, AMZ_DATE).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String format(Instant instant) {
        return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    // ---- Storage Gateway ------------------------------------------------------------------

    private void storageGateway(Call call) throws IOException {
        if (!call.method.equals("POST") || !call.path.equals("/")
                || !call.header("X-Amz-Target").map(String::trim).orElse("").equals(CREATE_SNAPSHOT)) {
            sgwError(call, "UnknownOperationException", "");
            return;
        }
        Optional<JsonNode> body = call.json();
        if (body.isEmpty()) {
            sgwError(call, "SerializationException", "The request body is not a JSON object.");
            return;
        }
        createSnapshot(call, body.get());
    }

    private void createSnapshot(Call call, JsonNode body) throws IOException {
        String arn = Json.text(body, "VolumeARN").orElse("");
        Optional<String> description = Json.text(body, "SnapshotDescription");
        Optional<Map<String, String>> tags = tags(body.get("Tags"));
        boolean validArn = length(arn) >= 50 && length(arn) <= 500 && VOLUME_ARN.matcher(arn).matches();
        boolean validDescription = description.filter(d -> length(d) >= 1 && length(d) <= 255).isPresent();
        if (!validArn || !validDescription || tags.isEmpty()) {
            sgwError(call, "InvalidGatewayRequestException", "The specified request contains invalid parameters.",
                    "InvalidParameters", Map.of());
            return;
        }
        if (store.disk(PROVIDER, arn).isEmpty()) {
            sgwError(call, "InvalidGatewayRequestException", "The specified volume was not found.", "VolumeNotFound",
                    Map.of("volumeArn", arn));
            return;
        }
        Snap s = store.create(PROVIDER, "snap-" + Store.hex(17), arn, Optional.ofNullable(tags.get().get("Name")), description,
                tags.get());
        ObjectNode answer = Json.object().put("VolumeARN", arn).put("SnapshotId", s.id);
        call.respond(200, JSON_11, answer.toString(), REQUEST_ID_HEADER, requestId());
    }

    /** Returns the tags of a create, or empty when one breaks the model's rules. */
    private static Optional<Map<String, String>> tags(JsonNode list) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (list == null || list.isNull()) {
            return Optional.of(tags);
        }
        if (!list.isArray() || list.size() > MAX_TAGS) {
            return Optional.empty();
        }
        for (JsonNode tag : list) {
            Optional<String> key = Json.text(tag, "Key");
            Optional<String> value = Json.text(tag, "Value");
            if (key.isEmpty() || value.isEmpty() || length(key.get()) < 1 || length(key.get()) > 128
                    || length(value.get()) > 256 || !TAG_TEXT.matcher(key.get()).matches()
                    || !TAG_TEXT.matcher(value.get()).matches()) {
                return Optional.empty();
            }
            tags.put(key.get(), value.get());
        }
        return Optional.of(tags);
    }

    private static void sgwError(Call call, String type, String message) throws IOException {
        ObjectNode body = Json.object().put("__type", type);
        if (!message.isEmpty()) {
            body.put("message", message);
        }
        call.respond(400, JSON_11, body.toString(), REQUEST_ID_HEADER, requestId());
    }

    /** Answers with one of the modeled errors, whose {@code error.errorCode} says what went wrong. */
    private static void sgwError(Call call, String type, String message, String errorCode, Map<String, String> details)
            throws IOException {
        ObjectNode body = Json.object().put("__type", type).put("message", message);
        ObjectNode error = body.putObject("error").put("errorCode", errorCode);
        if (!details.isEmpty()) {
            ObjectNode d = error.putObject("errorDetails");
            details.forEach(d::put);
        }
        call.respond(400, JSON_11, body.toString(), REQUEST_ID_HEADER, requestId());
    }

    // ---- EC2 ------------------------------------------------------------------------------

    private void ec2(Call call) throws IOException {
        Map<String, String> params = new LinkedHashMap<>(call.query());
        if (call.method.equals("POST")) {
            params.putAll(call.form());
        }
        if (!params.containsKey("Version")) {
            ec2Error(call, 400, "MissingParameter", "The request must contain the parameter Version");
            return;
        }
        String action = params.getOrDefault("Action", "");
        switch (action) {
            case "DescribeSnapshots" -> describeSnapshots(call, params);
            case "DeleteSnapshot" -> deleteSnapshot(call, params);
            default -> ec2Error(call, 400, "InvalidAction", "The action " + action + " is not valid for this web service.");
        }
    }

    private void describeSnapshots(Call call, Map<String, String> params) throws IOException {
        List<Predicate<Snap>> filters = new ArrayList<>();
        for (int n = 1; params.containsKey("Filter." + n + ".Name"); n++) {
            String name = params.get("Filter." + n + ".Name");
            Optional<Predicate<Snap>> filter = filter(name, new HashSet<>(numbered(params, "Filter." + n + ".Value.")));
            if (filter.isEmpty()) {
                ec2Error(call, 400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
                return;
            }
            filters.add(filter.get());
        }
        Set<String> owners = new HashSet<>(numbered(params, "Owner."));
        filters.add(s -> owners.isEmpty() || owners.contains("self") || owners.contains(accountOf(s.diskId)));

        List<String> ids = numbered(params, "SnapshotId.").stream().distinct().toList();
        Optional<String> unknown;
        StringBuilder items = new StringBuilder();
        // A Snap's status is guarded by the store's lock, which its synchronized methods take.
        synchronized (store) {
            unknown = ids.stream().filter(id -> store.find(PROVIDER, id).isEmpty()).findFirst();
            if (unknown.isEmpty()) {
                List<Snap> chosen = ids.isEmpty() ? store.all(PROVIDER)
                        : ids.stream().map(id -> store.find(PROVIDER, id).orElseThrow()).toList();
                chosen.stream().filter(s -> filters.stream().allMatch(f -> f.test(s)))
                        .forEach(s -> items.append(item(store.read(PROVIDER, s.id).orElseThrow(), store.readsUntilReady())));
            }
        }
        if (unknown.isPresent()) {
            ec2Error(call, 400, "InvalidSnapshot.NotFound", "The snapshot '" + unknown.get() + "' does not exist.");
            return;
        }
        call.xml(200, EC2_XML + "<DescribeSnapshotsResponse xmlns=\"" + EC2_XMLNS + "\"><requestId>" + requestId()
                + "</requestId><snapshotSet>" + items + "</snapshotSet></DescribeSnapshotsResponse>");
    }

    /** Returns the filter {@code name} names, or empty when EC2 has no such snapshot filter here. */
    private static Optional<Predicate<Snap>> filter(String name, Set<String> values) {
        if (name.startsWith("tag:")) {
            String key = name.substring("tag:".length());
            return Optional.of(s -> s.tags.containsKey(key) && values.contains(s.tags.get(key)));
        }
        return switch (name) {
            case "tag-key" -> Optional.of(s -> s.tags.keySet().stream().anyMatch(values::contains));
            case "snapshot-id" -> Optional.of(s -> values.contains(s.id));
            case "volume-id" -> Optional.of(s -> values.contains(volumeIdOf(s.diskId)));
            default -> Optional.empty();
        };
    }

    private static String item(Snap s, int readsUntilReady) {
        SnapshotState state = s.state(readsUntilReady);
        String status = switch (state) {
            case READY -> "completed";
            case FAILED -> "error";
            default -> "pending";
        };
        int progress = state == SnapshotState.READY ? 100 : s.progress(readsUntilReady);
        StringBuilder tagSet = new StringBuilder();
        s.tags.forEach((k, v) -> tagSet.append("<item><key>").append(xml(k)).append("</key><value>").append(xml(v))
                .append("</value></item>"));
        return "<item><snapshotId>" + s.id + "</snapshotId><volumeId>" + xml(volumeIdOf(s.diskId)) + "</volumeId>"
                + "<status>" + status + "</status><startTime>" + s.createdAt.truncatedTo(ChronoUnit.MILLIS) + "</startTime>"
                + "<progress>" + progress + "%</progress><ownerId>" + xml(accountOf(s.diskId)) + "</ownerId>"
                + "<volumeSize>" + s.sizeGiB + "</volumeSize><description>" + xml(s.description.orElse("")) + "</description>"
                + "<encrypted>false</encrypted><storageTier>standard</storageTier><tagSet>" + tagSet + "</tagSet></item>";
    }

    private void deleteSnapshot(Call call, Map<String, String> params) throws IOException {
        String id = params.getOrDefault("SnapshotId", "");
        if (id.isEmpty()) {
            ec2Error(call, 400, "MissingParameter", "The request must contain the parameter SnapshotId");
        } else if (!store.remove(PROVIDER, id)) {
            ec2Error(call, 400, "InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
        } else {
            call.xml(200, EC2_XML + "<DeleteSnapshotResponse xmlns=\"" + EC2_XMLNS + "\"><requestId>" + requestId()
                    + "</requestId><return>true</return></DeleteSnapshotResponse>");
        }
    }

    private static void ec2Error(Call call, int status, String code, String message) throws IOException {
        call.xml(status, EC2_XML + "<Response><Errors><Error><Code>" + code + "</Code><Message>" + xml(message)
                + "</Message></Error></Errors><RequestID>" + requestId() + "</RequestID></Response>");
    }

    /** Returns the values of {@code prefix + 1}, {@code prefix + 2}, … up to the first gap. */
    private static List<String> numbered(Map<String, String> params, String prefix) {
        List<String> out = new ArrayList<>();
        for (int n = 1; params.containsKey(prefix + n); n++) {
            out.add(params.get(prefix + n));
        }
        return out;
    }

    // ---- shared ---------------------------------------------------------------------------

    private static boolean isEc2(Call call) {
        return call.rawPath.split("/", 3)[1].equals(EC2_PREFIX);
    }

    /** Returns the EBS volume id EC2 reports for a gateway volume: the ARN's {@code vol-…} in lower case. */
    private static String volumeIdOf(String volumeArn) {
        return volumeArn.substring(volumeArn.lastIndexOf("/volume/") + "/volume/".length()).toLowerCase(Locale.ROOT);
    }

    /** Returns the account id of a volume ARN, which owns its snapshots. */
    private static String accountOf(String volumeArn) {
        return volumeArn.split(":", 6)[4];
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
