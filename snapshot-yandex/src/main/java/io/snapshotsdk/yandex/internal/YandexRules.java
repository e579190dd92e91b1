package io.snapshotsdk.yandex.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.internal.client.RequestRules;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.yandex.HardwareGeneration;
import io.snapshotsdk.yandex.YandexSnapshotClient;
import io.snapshotsdk.yandex.YandexSnapshotOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validation rules of {@code CreateSnapshotRequest} in the current Compute proto, checked
 * before sending, and its camelCase body ({@code labels} as a JSON object).
 */
final class YandexRules {
    static final String ID = YandexSnapshotClient.PROVIDER_ID;
    static final Pattern NAME = Pattern.compile("(?:[a-z](?:[-_a-z0-9]{0,61}[a-z0-9])?)?");
    static final Pattern LABEL_KEY = Pattern.compile("[a-z][-_./@0-9a-z]{0,62}");
    static final Pattern LABEL_VALUE = Pattern.compile("[-_./@0-9a-z]{0,63}");
    static final int MAX_LABELS = 64;
    static final int MAX_ID = 50;
    // Compute ids are 20 lower-case letters and digits; anything else cannot name a resource and
    // must not reach a URL path (%2F, .., look-alike slashes).
    static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID + "}");

    private YandexRules() {}

    static ObjectNode createBody(CreateSnapshotRequest r, Optional<String> defaultFolder) {
        List<Violation> v = new ArrayList<>();
        Optional<YandexSnapshotOptions> options = RequestRules.check(ID, r, YandexSnapshotOptions.class, v);
        Optional<String> folder = options.flatMap(YandexSnapshotOptions::folderId).or(() -> defaultFolder);
        if (folder.isEmpty()) {
            v.add(new Violation("folderId", "is required: set folderId (or YC_FOLDER_ID) or YandexSnapshotOptions.folderId"));
        } else if (folder.get().length() > MAX_ID) {
            v.add(new Violation("folderId", "is at most " + MAX_ID + " characters"));
        }
        if (r.sourceId().length() > MAX_ID) {
            v.add(new Violation("sourceId", "a disk id is at most " + MAX_ID + " characters"));
        }
        r.name().filter(n -> !NAME.matcher(n).matches()).ifPresent(n -> v.add(new Violation("name",
                "must be up to 63 lower-case letters, digits, '-' and '_', start with a letter and end with a letter or digit")));
        r.description().filter(d -> d.length() > 256).ifPresent(d -> v.add(new Violation("description", "is at most 256 characters")));
        if (r.tags().size() > MAX_LABELS) {
            v.add(new Violation("tags", "at most " + MAX_LABELS + " labels, were " + r.tags().size()));
        }
        r.tags().forEach((k, value) -> {
            if (!LABEL_KEY.matcher(k).matches()) {
                v.add(new Violation("tags[" + k + "]", "a label key is 1 to 63 of a-z, 0-9, - _ . / @ and starts with a letter"));
            }
            if (!LABEL_VALUE.matcher(value).matches()) {
                v.add(new Violation("tags[" + k + "]", "a label value is up to 63 of a-z, 0-9, - _ . / @"));
            }
        });
        RequestRules.throwIfAny(ID, v);

        ObjectNode body = Json.object().put("folderId", folder.get()).put("diskId", r.sourceId());
        r.name().ifPresent(n -> body.put("name", n));
        r.description().ifPresent(d -> body.put("description", d));
        if (!r.tags().isEmpty()) {
            ObjectNode labels = body.putObject("labels");
            r.tags().forEach(labels::put);
        }
        options.flatMap(YandexSnapshotOptions::hardwareGeneration).ifPresent(h -> body.set("hardwareGeneration", hardwareGeneration(h)));
        return body;
    }

    static ObjectNode hardwareGeneration(HardwareGeneration h) {
        ObjectNode node = Json.object();
        if (h.isGeneration2()) {
            node.putObject("generation2Features");
        } else {
            node.putObject("legacyFeatures").put("pciTopology", h.pciTopology().orElseThrow().name());
        }
        return node;
    }

    /** Checks an id before it goes into a URL path. */
    static void checkId(String field, String id) {
        RequestRules.requireId(ID, field, id);
        if (!RESOURCE_ID.matcher(id).matches()) {
            throw new InvalidRequestException(ID, field, "is up to " + MAX_ID + " ASCII letters, digits, '-' and '_'");
        }
    }
}
