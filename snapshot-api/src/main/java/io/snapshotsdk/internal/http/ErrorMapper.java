package io.snapshotsdk.internal.http;

import io.snapshotsdk.ServiceException;

/**
 * Turns a provider's refusal into the right {@link ServiceException}, by the provider's error
 * code, never by message text. Each provider has one; {@link ServiceErrors} holds the shared
 * parts.
 */
@FunctionalInterface
public interface ErrorMapper {

    /** Returns the exception for {@code response}, which {@link #isSuccess} rejected. */
    ServiceException map(Response response);

    /** Returns whether {@code response} is an answer rather than a refusal; 2xx by default. */
    default boolean isSuccess(Response response) {
        return response.isSuccessful();
    }
}
