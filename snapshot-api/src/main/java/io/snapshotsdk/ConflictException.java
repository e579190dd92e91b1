package io.snapshotsdk;

/**
 * The cloud refused the call because the resource is in a state that forbids the call, such as a disk that is already being snapshotted (HTTP 409 and the provider's "resource busy" codes).
 */
public class ConflictException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from what the provider said.
     *
     * @param providerId the provider id
     * @param details status, code, message and request id
     */
    public ConflictException(String providerId, ErrorDetails details) {
        super(providerId, details);
    }
}
