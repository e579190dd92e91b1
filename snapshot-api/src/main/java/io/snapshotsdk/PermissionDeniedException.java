package io.snapshotsdk;

/**
 * The cloud refused the call because the credentials are valid but may not do this (HTTP 403 and the provider's authorization codes).
 */
public class PermissionDeniedException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from what the provider said.
     *
     * @param providerId the provider id
     * @param details status, code, message and request id
     */
    public PermissionDeniedException(String providerId, ErrorDetails details) {
        super(providerId, details);
    }
}
