package io.snapshotsdk.aws.sgw.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.ProviderOptions;
import io.snapshotsdk.aws.sgw.AwsSgwSnapshotClient;
import io.snapshotsdk.internal.client.RequestRules;
import io.snapshotsdk.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of {@code CreateSnapshot} from the Storage Gateway model and API reference, checked
 * before anything is sent. The snapshot's name travels as the {@code Name} tag, which the EC2
 * console shows as the name.
 */
final class SgwRules {
    static final String NAME_TAG = "Name";
    static final int MAX_TAGS = 50;

    // The current model's pattern; it adds the -eusc partition to the one in the API reference.
    static final Pattern VOLUME_ARN = Pattern.compile(
            "arn:(aws(|-cn|-us-gov|-iso[A-Za-z0-9_-]*|-eusc)):storagegateway:[a-z\\-0-9]+:[0-9]+:gateway\\/(.+)\\/volume\\/vol-(\\S+)");
    // Letters, separators, numbers and _ . : / = + - @, for keys (model) and values (API reference).
    static final Pattern SNAPSHOT_ID = Pattern.compile("snap-([0-9A-Fa-f]{8}|[0-9A-Fa-f]{17})");

    private SgwRules() {}

    /** Storage Gateway takes no per-request options. */
    private interface NoOptions extends ProviderOptions {}

    /** Returns the {@code CreateSnapshot} body for a checked request and the tags {@link #check} returned. */
    static ObjectNode createBody(CreateSnapshotRequest r, Map<String, String> tags) {
        ObjectNode body = Json.object()
                .put("VolumeARN", r.sourceId())
                .put("SnapshotDescription", r.description().orElseThrow());
        ArrayNode tagList = body.putArray("Tags");
        tags.forEach((k, v) -> tagList.addObject().put("Key", k).put("Value", v));
        return body;
    }

    /** Returns the tags to send: the request's, the name as {@code Name}, and the marker. */
    static Map<String, String> check(CreateSnapshotRequest r, String token) {
        List<Violation> v = new ArrayList<>();
        RequestRules.check(AwsSgwSnapshotClient.PROVIDER_ID, r, NoOptions.class, v);
        String arn = r.sourceId();
        if (arn.length() < 50 || arn.length() > 500) {
            v.add(new Violation("sourceId", "a volume ARN is 50 to 500 characters, was " + arn.length()));
        }
        if (!VOLUME_ARN.matcher(arn).matches()) {
            v.add(new Violation("sourceId", "must be a Storage Gateway volume ARN such as "
                    + "arn:aws:storagegateway:us-east-2:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB"));
        }
        if (r.description().isEmpty()) {
            v.add(new Violation("description", "is required by Storage Gateway (SnapshotDescription)"));
        } else {
            int n = r.description().get().codePointCount(0, r.description().get().length());
            if (n < 1 || n > 255) {
                v.add(new Violation("description", "must be 1 to 255 characters, was " + n));
            }
        }
        Map<String, String> tags = new java.util.LinkedHashMap<>(r.tags());
        r.name().ifPresent(name -> {
            if (tags.containsKey(NAME_TAG)) {
                v.add(new Violation("name", "given both as name and as tag " + NAME_TAG));
            }
            tags.put(NAME_TAG, name);
        });
        if (tags.containsKey(AwsSgwSnapshotClient.MARKER_TAG_KEY)) {
            v.add(new Violation("tags[" + AwsSgwSnapshotClient.MARKER_TAG_KEY + "]", "is reserved for the idempotency marker"));
        }
        tags.put(AwsSgwSnapshotClient.MARKER_TAG_KEY, token);
        if (tags.size() > MAX_TAGS) {
            v.add(new Violation("tags", "at most " + MAX_TAGS + " tags, the name tag and the idempotency marker included; were "
                    + tags.size()));
        }
        tags.forEach((key, value) -> {
            int keyLength = key.codePointCount(0, key.length());
            int valueLength = value.codePointCount(0, value.length());
            if (keyLength >= 1 && keyLength <= 128 && isTagText(key) && valueLength <= 256 && isTagText(value)) {
                return;
            }
            String field = key.equals(AwsSgwSnapshotClient.MARKER_TAG_KEY) ? "idempotencyToken"
                    : key.equals(NAME_TAG) && r.name().isPresent() ? "name" : "tags[" + key + "]";
            if (keyLength < 1 || keyLength > 128) {
                v.add(new Violation(field, "a tag key is 1 to 128 characters, was " + keyLength));
            }
            if (!isTagText(key)) {
                v.add(new Violation(field, "a tag key may hold letters, spaces, numbers and _ . : / = + - @ only"));
            }
            if (valueLength > 256) {
                v.add(new Violation(field, "a tag value is at most 256 characters, was " + valueLength));
            }
            if (!isTagText(value)) {
                v.add(new Violation(field, "a tag value may hold letters, spaces, numbers and _ . : / = + - @ only"));
            }
        });
        RequestRules.throwIfAny(AwsSgwSnapshotClient.PROVIDER_ID, v);
        return tags;
    }

    /**
     * The seed's character rule for tag keys and values: Unicode letters, spaces and numbers and
     * {@code _ . : / = + - @}. Written out rather than as a regular expression because it runs for
     * every tag of every create (SgwRulesTest checks it against the expression).
     */
    static boolean isTagText(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean allowed = switch (Character.getType(cp)) {
                case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                        Character.OTHER_LETTER, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                        Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
                default -> "_.:/=+-@".indexOf(cp) >= 0;
            };
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Checks a snapshot id before it goes into a request. */
    static String snapshotId(String id) {
        RequestRules.requireId(AwsSgwSnapshotClient.PROVIDER_ID, "snapshotId", id);
        if (!SNAPSHOT_ID.matcher(id).matches()) {
            throw new InvalidRequestException(AwsSgwSnapshotClient.PROVIDER_ID, "snapshotId",
                    "must be an EBS snapshot id: snap- and 8 or 17 hex digits");
        }
        return id;
    }
}
