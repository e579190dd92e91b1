package io.snapshotsdk;

/**
 * The cloud refused the call because the provider is limiting the request rate (HTTP 429 and the provider's throttling codes); {@link #retryAfter()} says how long to wait when the provider said.
 */
public class ThrottledException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from what the provider said.
     *
     * @param providerId the provider id
     * @param details status, code, message and request id
     */
    public ThrottledException(String providerId, ErrorDetails details) {
        super(providerId, details);
    }
}
