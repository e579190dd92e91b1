package io.snapshotsdk;

/**
 * The cloud refused the call because an account or project limit was reached; waiting will not help until the limit is raised or resources are freed.
 */
public class QuotaExceededException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from what the provider said.
     *
     * @param providerId the provider id
     * @param details status, code, message and request id
     */
    public QuotaExceededException(String providerId, ErrorDetails details) {
        super(providerId, details);
    }
}
