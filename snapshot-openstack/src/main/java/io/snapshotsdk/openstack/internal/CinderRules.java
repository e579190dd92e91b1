package io.snapshotsdk.openstack.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.internal.client.RequestRules;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.openstack.OpenStackSnapshotClient;
import io.snapshotsdk.openstack.OpenStackSnapshotOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The create body for each API version, and the v3 JSON schema's rules checked before sending:
 * v1 sends {@code display_name} and {@code display_description}; v2/v3 send {@code name},
 * {@code description} and {@code metadata} (with the idempotency marker).
 */
final class CinderRules {
    static final String ID = OpenStackSnapshotClient.PROVIDER_ID;
    static final Pattern METADATA_KEY = Pattern.compile("[a-zA-Z0-9-_:. /]{1,255}");
    static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    // Cinder ids are UUIDs; this admits any id of letters, digits, '-' and '_' and nothing that
    // could change the URL it goes into (%2F, .., control characters, look-alike slashes).
    static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private CinderRules() {}

    /** Checks an id before it goes into a URL path; run before anything is sent, authentication included. */
    static String checkId(String field, String id) {
        RequestRules.requireId(ID, field, id);
        if (!RESOURCE_ID.matcher(id).matches()) {
            throw new InvalidRequestException(ID, field, "a Cinder id is 1 to 64 ASCII letters, digits, '-' and '_' (a UUID)");
        }
        return id;
    }

    /** Checks the rules every API version shares; run before anything is sent, authentication included. */
    static Optional<OpenStackSnapshotOptions> check(CreateSnapshotRequest r, String token) {
        List<Violation> v = new ArrayList<>();
        Optional<OpenStackSnapshotOptions> options = RequestRules.check(ID, r, OpenStackSnapshotOptions.class, v);
        if (!UUID.matcher(r.sourceId()).matches()) {
            v.add(new Violation("sourceId", "a volume id is a UUID"));
        }
        r.name().filter(n -> n.length() > 255).ifPresent(n -> v.add(new Violation("name", "is at most 255 characters")));
        r.description().filter(d -> d.length() > 255).ifPresent(d -> v.add(new Violation("description", "is at most 255 characters")));
        r.description().filter(d -> !d.chars().allMatch(c -> !Character.isISOControl(c)))
                .ifPresent(d -> v.add(new Violation("description", "must hold printable characters only")));
        if (r.tags().containsKey(OpenStackSnapshotClient.MARKER_KEY)) {
            v.add(new Violation("tags[" + OpenStackSnapshotClient.MARKER_KEY + "]", "is reserved for the idempotency marker"));
        }
        r.tags().forEach((k, value) -> {
            if (!METADATA_KEY.matcher(k).matches()) {
                v.add(new Violation("tags[" + k + "]", "a metadata key is 1 to 255 of letters, digits, - _ : . / and space"));
            }
            if (value.length() > 255) {
                v.add(new Violation("tags[" + k + "]", "a metadata value is at most 255 characters"));
            }
        });
        if (token.length() > 255) {
            v.add(new Violation("idempotencyToken", "is at most 255 characters (it travels as a metadata value)"));
        }
        RequestRules.throwIfAny(ID, v);
        return options;
    }

    /** Returns the body for {@code version}, after {@link #check}. */
    static ObjectNode createBody(CreateSnapshotRequest r, Optional<OpenStackSnapshotOptions> options, int version, String microversion,
            String token) {
        if (version == 1 && !r.tags().isEmpty()) {
            RequestRules.throwIfAny(ID, List.of(new Violation("tags", "the v1 (Rackspace) API takes no metadata; use volumeApiVersion 2 or 3")));
        }
        boolean force = options.map(OpenStackSnapshotOptions::force).orElse(false);
        ObjectNode body = Json.object();
        ObjectNode s = body.putObject("snapshot");
        if (version == 1) {
            r.name().ifPresent(n -> s.put("display_name", n));
            r.description().ifPresent(d -> s.put("display_description", d));
            s.put("volume_id", r.sourceId());
            if (force) {
                s.put("force", true);
            }
            return body;
        }
        r.name().ifPresent(n -> s.put("name", n));
        r.description().ifPresent(d -> s.put("description", d));
        s.put("volume_id", r.sourceId());
        // From 3.66 attached volumes need no flag, and force:false is refused.
        if (force && !(version == 3 && atLeast(microversion, 66))) {
            s.put("force", true);
        }
        ObjectNode metadata = s.putObject("metadata");
        r.tags().forEach(metadata::put);
        metadata.put(OpenStackSnapshotClient.MARKER_KEY, token);
        return body;
    }

    static boolean atLeast(String microversion, int minor) {
        return Integer.parseInt(microversion.substring(microversion.indexOf('.') + 1)) >= minor;
    }
}
