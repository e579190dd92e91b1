package io.snapshotsdk;

/**
 * The cloud refused the call because the credentials were missing, wrong or expired (HTTP 401 and the provider's authentication codes).
 */
public class AuthenticationException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from what the provider said.
     *
     * @param providerId the provider id
     * @param details status, code, message and request id
     */
    public AuthenticationException(String providerId, ErrorDetails details) {
        super(providerId, details);
    }
}
