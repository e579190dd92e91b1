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
    // ARM's naming rule for snapshots; the seed's a-z, A-Z, 0-9 and _ up to 80 is a subset of it.
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?");
    static final Pattern RESOURCE_ID = Pattern.compile("/?subscriptions/[^/\\s]+/resourceGroups/[^/\\s]+/providers/[^/\\s]+/[^\\s]+",
            Pattern.CASE_INSENSITIVE);
    static final int MAX_TAGS = 50;
    // ARM's rule for resource groups: 1 to 90 letters, digits, _ ( ) - and ., not ending in a period.
    static final Pattern RESOURCE_GROUP = Pattern.compile("[\\p{L}\\p{N}_().\\-]{0,89}[\\p{L}\\p{N}_()\\-]");
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
        } else if (!NAME.matcher(name).matches()) {
            v.add(new Violation("name", "must be 1 to 80 letters, digits, '_', '.' or '-', start with a letter or digit and end with one or '_'"));
        }
        if (r.description().isPresent()) {
            v.add(new Violation("description", "Azure snapshots have no description; use a tag instead"));
        }
        Optional<String> resourceGroup = o.resourceGroup().or(() -> defaultResourceGroup);
        if (resourceGroup.isEmpty()) {
            v.add(new Violation("resourceGroup", "is required: set resourceGroup in the settings or in AzureSnapshotOptions"));
        } else if (!RESOURCE_GROUP.matcher(resourceGroup.get()).matches()) {
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
        if (RESOURCE_ID.matcher(source).matches()) {
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
