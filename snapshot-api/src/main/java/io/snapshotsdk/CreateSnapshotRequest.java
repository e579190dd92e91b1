package io.snapshotsdk;

import io.snapshotsdk.spi.ValueStyle;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What to snapshot and how to label it. Only {@code sourceId} is required; each provider checks
 * its own rules for names, descriptions and tags before sending anything and reports every
 * broken rule at once in an {@link InvalidRequestException}.
 *
 * <pre>{@code
 * CreateSnapshotRequest request = CreateSnapshotRequest.builder()
 *         .sourceId("d-bp1abc")
 *         .name("nightly")
 *         .description("nightly backup")
 *         .putTags("team", "storage")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
@ValueStyle
public abstract class CreateSnapshotRequest {
    CreateSnapshotRequest() {}

    /**
     * Returns what to snapshot: a disk id, volume id, volume ARN or resource id, as the provider
     * names it.
     *
     * @return the source id
     */
    public abstract String sourceId();

    /**
     * Returns the name to give the snapshot, when one is wanted.
     *
     * @return the name
     */
    public abstract Optional<String> name();

    /**
     * Returns the description to give the snapshot, when one is wanted.
     *
     * @return the description
     */
    public abstract Optional<String> description();

    /**
     * Returns the tags to put on the snapshot (Azure tags, Yandex labels, Cinder metadata).
     *
     * @return the tags; empty by default
     */
    public abstract Map<String, String> tags();

    /**
     * Returns the token that makes this create happen at most once, however often it is retried.
     * When absent, the client makes one per call to {@link SnapshotClient#createSnapshot}; set it
     * to make a create safe to repeat across processes.
     *
     * @return the idempotency token
     */
    @Value.Redacted
    public abstract Optional<String> idempotencyToken();

    /**
     * Returns the provider-specific extras, when any.
     *
     * @return the options of the client's provider
     */
    public abstract Optional<ProviderOptions> options();

    /**
     * Returns a new builder.
     *
     * @return a builder with no attribute set
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CreateSnapshotRequest}s; {@code sourceId} is required. */
    public static final class Builder extends ImmutableCreateSnapshotRequest.Builder {
        Builder() {}
    }
}
