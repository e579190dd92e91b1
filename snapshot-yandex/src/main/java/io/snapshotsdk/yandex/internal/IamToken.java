package io.snapshotsdk.yandex.internal;

import java.time.Instant;

/**
 * An IAM token and when it expires. Prints only its expiry.
 *
 * @param value the token
 * @param expiresAt when it stops being accepted
 */
record IamToken(String value, Instant expiresAt) {
    @Override
    public String toString() {
        return "IamToken[****, expiresAt=" + expiresAt + "]";
    }
}
