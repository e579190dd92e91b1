package io.snapshotsdk;

import java.util.Objects;
import java.util.Optional;

/**
 * A create failed in a way that leaves open whether the cloud made the snapshot (the connection
 * broke after the request was sent, or the server failed), and the cloud offers no way to find out
 * (such as Cinder v1, which has no metadata to mark the create with). Nothing was re-sent, so at
 * most one snapshot exists; look for it by name on the source before creating again.
 */
public class CreateOutcomeUnknownException extends TransportException {
    private static final long serialVersionUID = 1L;

    /** @serial the source of the create */
    private final String sourceId;
    /** @serial the name of the create, or null */
    private final String name;

    /**
     * Creates the exception.
     *
     * @param providerId the provider id
     * @param sourceId the disk or volume the create was for
     * @param name the name the snapshot was to have, when it had one
     * @param cause the failure that left the outcome open
     */
    public CreateOutcomeUnknownException(String providerId, String sourceId, Optional<String> name, Throwable cause) {
        super(providerId, "the create of a snapshot of " + sourceId + name.map(n -> " named '" + n + "'").orElse("")
                + " may or may not have happened; it was not sent again: look for it before creating another", cause);
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.name = name.orElse(null);
    }

    /**
     * Returns the disk or volume the create was for.
     *
     * @return the source id
     */
    public String sourceId() {
        return sourceId;
    }

    /**
     * Returns the name the snapshot was to have, when it had one.
     *
     * @return the name
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }
}
