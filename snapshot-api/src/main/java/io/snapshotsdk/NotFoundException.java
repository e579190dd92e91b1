package io.snapshotsdk;

/**
 * The cloud refused the call because the snapshot, disk or volume does not exist (HTTP 404 and the provider's not-found codes).
 */
public class NotFoundException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from what the provider said.
     *
     * @param providerId the provider id
     * @param details status, code, message and request id
     */
    public NotFoundException(String providerId, ErrorDetails details) {
        super(providerId, details);
    }
}
