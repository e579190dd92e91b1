package io.snapshotsdk.aliyun.internal;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.aliyun.AliyunSnapshotClient;
import io.snapshotsdk.aliyun.AliyunSnapshotOptions;
import io.snapshotsdk.internal.client.RequestRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every rule of {@code CreateSnapshot} from the seed and the current ECS model, checked before
 * sending; the live model wins where it is wider (names may hold {@code .}, tag keys 128
 * characters). Empty parameter values are refused because the SDKs drop them from the V1
 * signature while still sending them.
 */
final class AliyunRules {
    static final String ID = AliyunSnapshotClient.PROVIDER_ID;
    static final int MAX_TAGS = 20;
    // A letter first (Chinese included), then letters, ASCII digits, ':', '_', '.', '-'.
    static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}0-9:_.\\-]*");
    // ECS ids (d-…, s-…, rg-…) are ASCII letters, digits and '-'; anything else cannot name a
    // resource and must not reach the query (%2F, .., control characters, look-alike slashes).
    static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String RESOURCE_ID_RULE = "an ECS id is 1 to 64 ASCII letters, digits, '-' and '_'";

    private AliyunRules() {}

    /** Returns the API parameters of the create, in the order they are documented. */
    static Map<String, String> createParameters(CreateSnapshotRequest r, String clientToken) {
        List<Violation> v = new ArrayList<>();
        Optional<AliyunSnapshotOptions> options = RequestRules.check(ID, r, AliyunSnapshotOptions.class, v);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("DiskId", r.sourceId());
        r.name().ifPresent(name -> {
            int n = name.codePointCount(0, name.length());
            if (n < 2 || n > 128) {
                v.add(new Violation("name", "must be 2 to 128 characters, was " + n));
            }
            if (!NAME.matcher(name).matches()) {
                v.add(new Violation("name", "must start with a letter and hold only letters, digits, ':', '_', '.' and '-'"));
            }
            if (startsWithHttp(name)) {
                v.add(new Violation("name", "must not start with http:// or https://"));
            }
            if (name.startsWith("auto")) {
                v.add(new Violation("name", "must not start with 'auto', which marks automatic snapshots"));
            }
            p.put("SnapshotName", name);
        });
        r.description().ifPresent(d -> {
            int n = d.codePointCount(0, d.length());
            if (n < 2 || n > 256) {
                v.add(new Violation("description", "must be 2 to 256 characters, was " + n));
            }
            if (startsWithHttp(d)) {
                v.add(new Violation("description", "must not start with http:// or https://"));
            }
            p.put("Description", d);
        });
        options.ifPresent(o -> options(o, p, v));
        if (r.tags().size() > MAX_TAGS) {
            v.add(new Violation("tags", "at most " + MAX_TAGS + " tags, were " + r.tags().size()));
        }
        int n = 0;
        for (Map.Entry<String, String> tag : r.tags().entrySet()) {
            n++;
            String key = tag.getKey();
            String value = tag.getValue();
            String field = "tags[" + key + "]";
            if (key.isEmpty()) {
                v.add(new Violation(field, "a tag key must not be empty"));
            }
            if (key.codePointCount(0, key.length()) > 128) {
                v.add(new Violation(field, "a tag key is at most 128 characters"));
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.startsWith("aliyun") || lower.startsWith("acs:")) {
                v.add(new Violation(field, "a tag key must not start with aliyun or acs:"));
            }
            if (containsHttp(key)) {
                v.add(new Violation(field, "a tag key must not contain http:// or https://"));
            }
            if (value.isEmpty()) {
                v.add(new Violation(field, "an empty tag value cannot be sent (empty parameters are left out of signatures)"));
            }
            if (value.codePointCount(0, value.length()) > 128) {
                v.add(new Violation(field, "a tag value is at most 128 characters"));
            }
            if (containsHttp(value)) {
                v.add(new Violation(field, "a tag value must not contain http:// or https://"));
            }
            p.put("Tag." + n + ".Key", key);
            p.put("Tag." + n + ".Value", value);
        }
        if (clientToken.length() > 64 || !clientToken.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            v.add(new Violation("idempotencyToken", "a ClientToken is at most 64 printable ASCII characters"));
        }
        p.put("ClientToken", clientToken);
        if (!r.sourceId().isBlank() && !RESOURCE_ID.matcher(r.sourceId()).matches()) {
            v.add(new Violation("sourceId", RESOURCE_ID_RULE));
        }
        RequestRules.throwIfAny(ID, v);
        return p;
    }

    private static void options(AliyunSnapshotOptions o, Map<String, String> p, List<Violation> v) {
        o.retentionDays().ifPresent(d -> {
            if (d < 1 || d > 65536) {
                v.add(new Violation("options.retentionDays", "must be 1 to 65536, was " + d));
            }
            p.put("RetentionDays", Integer.toString(d));
        });
        o.category().ifPresent(c -> p.put("Category", c.wireValue()));
        o.instantAccess().ifPresent(i -> p.put("InstantAccess", Boolean.toString(i)));
        if (o.category().isPresent() && o.instantAccess().orElse(false)) {
            v.add(new Violation("options.category", "cannot be combined with instantAccess"));
        }
        o.instantAccessRetentionDays().ifPresent(d -> {
            if (d < 1 || d > 65535) {
                v.add(new Violation("options.instantAccessRetentionDays", "must be 1 to 65535, was " + d));
            }
            if (!o.instantAccess().orElse(false)) {
                v.add(new Violation("options.instantAccessRetentionDays", "needs instantAccess=true"));
            }
            p.put("InstantAccessRetentionDays", Integer.toString(d));
        });
        o.resourceGroupId().ifPresent(g -> {
            if (g.isBlank()) {
                v.add(new Violation("options.resourceGroupId", "must not be blank"));
            } else if (!RESOURCE_ID.matcher(g).matches()) {
                v.add(new Violation("options.resourceGroupId", RESOURCE_ID_RULE));
            }
            p.put("ResourceGroupId", g);
        });
    }

    private static boolean startsWithHttp(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    private static boolean containsHttp(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.contains("http://") || l.contains("https://");
    }
}
