package io.snapshotsdk.azure.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.azure.AzureEncryptionSettings;
import io.snapshotsdk.azure.AzureSnapshotClient;
import io.snapshotsdk.azure.AzureSnapshotOptions;
import io.snapshotsdk.azure.AzureSnapshotOptions.NetworkAccessPolicy;
import io.snapshotsdk.azure.AzureSnapshotOptions.StorageType;
import io.snapshotsdk.internal.client.RequestRules;
import io.snapshotsdk.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of a snapshot PUT, checked before sending, and its body for the configured
 * api-version: {@code properties.accountType} and a single {@code encryptionSettings} in
 * 2016-04-30-preview; {@code sku.name} from 2017-03-30; {@code encryptionSettingsCollection} and
 * {@code incremental} from 2019-03-01.
 */
final class AzureRules {
    static final String ID = AzureSnapshotClient.PROVIDER_ID;
    static final int MAX_TAGS = 50;
    static final Pattern SUBSCRIPTION = Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    // One segment of an ARM id that goes into a URL: names, types and namespaces are made of these.
    static final Pattern ID_SEGMENT = Pattern.compile("[\\p{L}\\p{N}_().\\-]{1,260}");
    static final String RESOURCE_GROUP_RULE = "must be 1 to 90 letters, digits, '_', '(', ')', '-' or '.', and not end in '.'";

    private AzureRules() {}

    /** What a checked request resolves to. */
    record Plan(String name, String resourceGroup, ObjectNode body, Optional<Integer> diskSizeGB, Optional<String> sourceResourceId) {}

    static Plan plan(CreateSnapshotRequest r, ApiVersion api, Optional<String> defaultResourceGroup, Optional<String> defaultLocation) {
        List<Violation> v = new ArrayList<>();
        AzureSnapshotOptions o = RequestRules.check(ID, r, AzureSnapshotOptions.class, v)
                .orElseGet(() -> AzureSnapshotOptions.builder().build());
        String name = r.name().orElse("");
        if (r.name().isEmpty()) {
            v.add(new Violation("name", "is required: Azure snapshots are created by name (a PUT by name, which also makes retries safe)"));
        } else if (!isSnapshotName(name)) {
            v.add(new Violation("name", "must be 1 to 80 letters, digits, '_', '.' or '-', start with a letter or digit and end with one or '_'"));
        }
        if (r.description().isPresent()) {
            v.add(new Violation("description", "Azure snapshots have no description; use a tag instead"));
        }
        Optional<String> resourceGroup = o.resourceGroup().or(() -> defaultResourceGroup);
        if (resourceGroup.isEmpty()) {
            v.add(new Violation("resourceGroup", "is required: set resourceGroup in the settings or in AzureSnapshotOptions"));
        } else if (!isResourceGroup(resourceGroup.get())) {
            // It is a segment of the PUT's URL.
            v.add(new Violation(o.resourceGroup().isPresent() ? "options.resourceGroup" : "resourceGroup", RESOURCE_GROUP_RULE));
        }
        Optional<String> location = o.location().or(() -> defaultLocation).filter(l -> !l.isBlank());
        if (location.isEmpty()) {
            v.add(new Violation("location", "is required: set region in the settings or location in AzureSnapshotOptions"));
        }
        checkTags(r.tags(), v);

        ObjectNode creation = Json.object();
        String source = r.sourceId();
        Optional<String> sourceResourceId = Optional.empty();
        if (isResourceId(source)) {
            creation.put("createOption", o.copyStart() ? "CopyStart" : "Copy").put("sourceResourceId", source);
            sourceResourceId = Optional.of(source);
            if (o.diskSizeGB().isPresent() && urlSegments(source).isEmpty()) {
                // The size check reads the source, so its id becomes a URL.
                v.add(new Violation("sourceId", "each part of the ARM id must be letters, digits, '_', '(', ')', '-' or '.', not dots only"));
            }
            o.storageAccountId().ifPresent(s -> v.add(new Violation("options.storageAccountId", "is only for an imported blob (an https sourceId)")));
        } else if (source.regionMatches(true, 0, "https://", 0, 8) && source.length() > 8 && !source.contains(" ")) {
            creation.put("createOption", "Import");
            o.storageAccountId().ifPresent(s -> creation.put("storageAccountId", s));
            creation.put("sourceUri", source);
            if (o.copyStart()) {
                v.add(new Violation("options.copyStart", "copies a disk or snapshot, not a blob"));
            }
        } else {
            v.add(new Violation("sourceId", "must be the ARM id of a disk or snapshot (/subscriptions/…/providers/Microsoft.Compute/…) "
                    + "or the https URI of a VHD blob"));
        }

        o.storageType().ifPresent(t -> {
            if (t == StorageType.STANDARD_ZRS && !api.hasZoneRedundantStorage()) {
                v.add(new Violation("options.storageType", "Standard_ZRS needs api-version 2018-04-01 or later, not " + api.value()));
            }
        });
        o.diskSizeGB().ifPresent(size -> {
            if (size < 1) {
                v.add(new Violation("options.diskSizeGB", "must be positive, was " + size));
            }
        });
        if (o.incremental().isPresent() && !api.hasEncryptionCollectionAndIncremental()) {
            v.add(new Violation("options.incremental", "needs api-version 2019-03-01 or later, not " + api.value()));
        }
        if (o.copyStart() && !api.hasCopyStart()) {
            v.add(new Violation("options.copyStart", "needs api-version 2020-12-01 or later, not " + api.value()));
        }
        if ((o.networkAccessPolicy().isPresent() || o.diskAccessId().isPresent()) && !api.hasNetworkAccessPolicy()) {
            v.add(new Violation("options.networkAccessPolicy", "needs api-version 2020-05-01 or later, not " + api.value()));
        }
        if (o.networkAccessPolicy().filter(p -> p == NetworkAccessPolicy.ALLOW_PRIVATE).isPresent() && o.diskAccessId().isEmpty()) {
            v.add(new Violation("options.diskAccessId", "is required with networkAccessPolicy AllowPrivate"));
        }
        o.encryptionSettings().ifPresent(e -> {
            if (e.keyEncryptionKeyVaultId().isPresent() != e.keyEncryptionKeyUrl().isPresent()) {
                v.add(new Violation("options.encryptionSettings", "a key encryption key needs both its vault id and its key URL"));
            }
        });
        RequestRules.throwIfAny(ID, v);

        ObjectNode body = Json.object().put("location", location.get());
        if (!api.usesAccountType()) {
            o.storageType().ifPresent(t -> body.putObject("sku").put("name", t.wireValue()));
        }
        if (!r.tags().isEmpty()) {
            ObjectNode tags = body.putObject("tags");
            r.tags().forEach(tags::put);
        }
        ObjectNode properties = body.putObject("properties");
        if (api.usesAccountType()) {
            o.storageType().ifPresent(t -> properties.put("accountType", t.wireValue()));
        }
        properties.set("creationData", creation);
        o.incremental().ifPresent(i -> properties.put("incremental", i));
        o.diskSizeGB().ifPresent(size -> properties.put("diskSizeGB", size));
        o.encryptionSettings().ifPresent(e -> {
            if (api.hasEncryptionCollectionAndIncremental()) {
                ObjectNode collection = properties.putObject("encryptionSettingsCollection").put("enabled", e.enabled());
                collection.putArray("encryptionSettings").add(keys(e));
            } else {
                properties.set("encryptionSettings", keys(e).put("enabled", e.enabled()));
            }
        });
        o.networkAccessPolicy().ifPresent(p -> properties.put("networkAccessPolicy", p.wireValue()));
        o.diskAccessId().ifPresent(d -> properties.put("diskAccessId", d));
        return new Plan(name, resourceGroup.get(), body, o.diskSizeGB().isPresent() ? Optional.of(o.diskSizeGB().getAsInt()) : Optional.empty(),
                sourceResourceId);
    }

    // The three rules below run on every create; written out, they cost a tenth of what the
    // equivalent regular expressions cost (AzureRulesTest checks them against those).

    /**
     * ARM's naming rule for snapshots: 1 to 80 ASCII letters, digits, '_', '.' or '-', starting
     * with a letter or digit and ending with one or '_'. The seed's a-z, A-Z, 0-9 and _ up to 80 is
     * a subset of it.
     */
    static boolean isSnapshotName(String s) {
        int n = s.length();
        if (n == 0 || n > 80 || !isAsciiLetterOrDigit(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return s.charAt(n - 1) != '.' && s.charAt(n - 1) != '-';
    }

    /** ARM's rule for resource groups: 1 to 90 letters, digits, '_', '(', ')', '-' or '.', not ending in '.'. */
    static boolean isResourceGroup(String s) {
        int count = 0;
        int last = '.'; // so that an empty name fails
        for (int i = 0; i < s.length(); i += Character.charCount(last)) {
            last = s.codePointAt(i);
            if (!isIdCharacter(last) || ++count > 90) {
                return false;
            }
        }
        return last != '.';
    }

    /**
     * Whether {@code s} has the shape of an ARM resource id: {@code [/]subscriptions/S/resourceGroups/G/providers/N/...},
     * the three words in any ASCII case, S, G and N without '/' or white space, and something after N.
     */
    static boolean isResourceId(String s) {
        int at = s.startsWith("/") ? 1 : 0;
        at = idSegment(s, word(s, at, "subscriptions"));
        at = idSegment(s, word(s, at, "resourcegroups"));
        at = idSegment(s, word(s, at, "providers"));
        if (at < 0 || at == s.length()) {
            return false;
        }
        for (int i = at; i < s.length(); i++) {
            if (isRegexSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Returns the index after {@code lowerWord} and a '/' at {@code at}, or -1. */
    private static int word(String s, int at, String lowerWord) {
        int end = at + lowerWord.length();
        if (at < 0 || end >= s.length() || s.charAt(end) != '/') {
            return -1;
        }
        for (int i = 0; i < lowerWord.length(); i++) {
            // ASCII case only: a Unicode fold would let the long s or the Kelvin sign stand for a letter.
            if ((s.charAt(at + i) | 0x20) != lowerWord.charAt(i)) {
                return -1;
            }
        }
        return end + 1;
    }

    /** Returns the index after a non-empty segment without '/' or white space and the '/' after it, or -1. */
    private static int idSegment(String s, int at) {
        if (at < 0) {
            return -1;
        }
        int i = at;
        while (i < s.length() && s.charAt(i) != '/' && !isRegexSpace(s.charAt(i))) {
            i++;
        }
        return i > at && i < s.length() && s.charAt(i) == '/' ? i + 1 : -1;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean isIdCharacter(int cp) {
        if (Character.isLetter(cp)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> cp == '_' || cp == '(' || cp == ')' || cp == '.' || cp == '-';
        };
    }

    /** Returns the segments of an ARM id when each is safe as a URL path segment, else empty. */
    static Optional<String[]> urlSegments(String armId) {
        String[] segments = (armId.startsWith("/") ? armId.substring(1) : armId).split("/", -1);
        for (String s : segments) {
            // Dot segments ("." and "..", and "..." that some servers treat alike) would move the path.
            if (!ID_SEGMENT.matcher(s).matches() || s.chars().allMatch(c -> c == '.')) {
                return Optional.empty();
            }
        }
        return Optional.of(segments);
    }

    private static ObjectNode keys(AzureEncryptionSettings e) {
        ObjectNode keys = Json.object();
        ObjectNode dek = keys.putObject("diskEncryptionKey");
        dek.putObject("sourceVault").put("id", e.diskEncryptionKeyVaultId());
        dek.put("secretUrl", e.diskEncryptionKeySecretUrl());
        if (e.keyEncryptionKeyVaultId().isPresent() && e.keyEncryptionKeyUrl().isPresent()) {
            ObjectNode kek = keys.putObject("keyEncryptionKey");
            kek.putObject("sourceVault").put("id", e.keyEncryptionKeyVaultId().get());
            kek.put("keyUrl", e.keyEncryptionKeyUrl().get());
        }
        return keys;
    }

    // ARM's tag limits: 50 per resource, names up to 512 characters without < > % & \ ? /, values up to 256.
    private static void checkTags(Map<String, String> tags, List<Violation> v) {
        if (tags.size() > MAX_TAGS) {
            v.add(new Violation("tags", "at most " + MAX_TAGS + " tags, were " + tags.size()));
        }
        tags.forEach((k, value) -> {
            String field = "tags[" + k + "]";
            if (k.isEmpty() || k.length() > 512) {
                v.add(new Violation(field, "a tag name is 1 to 512 characters"));
            }
            if (k.chars().anyMatch(c -> "<>%&\\?/".indexOf(c) >= 0)) {
                v.add(new Violation(field, "a tag name may not hold < > % & \\ ? or /"));
            }
            if (value.length() > 256) {
                v.add(new Violation(field, "a tag value is at most 256 characters"));
            }
        });
    }
}
