package io.snapshotsdk.azure.internal;

import java.time.Instant;

/**
 * A bearer token and when it expires. Prints only its expiry.
 *
 * @param value the token
 * @param expiresAt when it stops being accepted
 */
record AccessToken(String value, Instant expiresAt) {
    @Override
    public String toString() {
        return "AccessToken[****, expiresAt=" + expiresAt + "]";
    }
}
