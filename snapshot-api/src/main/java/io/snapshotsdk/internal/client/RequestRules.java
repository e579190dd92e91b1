package io.snapshotsdk.internal.client;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.ProviderOptions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The checks of a request that are the same for every provider. */
public final class RequestRules {
    private RequestRules() {}

    /**
     * Adds to {@code out} the violations every provider shares: a blank source id, a blank
     * idempotency token, and options of another provider. Returns the options when they are of
     * {@code type}.
     */
    public static <O extends ProviderOptions> Optional<O> check(
            String providerId, CreateSnapshotRequest request, Class<O> type, List<Violation> out) {
        if (request.sourceId().isBlank()) {
            out.add(new Violation("sourceId", "must not be blank"));
        }
        request.idempotencyToken().filter(String::isBlank)
                .ifPresent(t -> out.add(new Violation("idempotencyToken", "must not be blank")));
        if (request.options().isEmpty()) {
            return Optional.empty();
        }
        ProviderOptions options = request.options().get();
        if (!type.isInstance(options)) {
            out.add(new Violation("options", options.getClass().getSimpleName() + " are for provider '"
                    + options.providerId() + "', not '" + providerId + "'; use " + type.getSimpleName()));
            return Optional.empty();
        }
        return Optional.of(type.cast(options));
    }

    /** Throws every violation in {@code violations}, if there is any. */
    public static void throwIfAny(String providerId, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(providerId, violations);
        }
    }

    /** Returns the request's idempotency token, or a fresh random one for this create. */
    public static String idempotencyToken(CreateSnapshotRequest request) {
        return request.idempotencyToken().orElseGet(() -> UUID.randomUUID().toString());
    }

    /** Throws when {@code id} is blank; ids go into URLs, so they must carry something. */
    public static String requireId(String providerId, String field, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidRequestException(providerId, field, "must not be blank");
        }
        return id;
    }
}
