package io.snapshotsdk.aws.sgw.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * An AWS access key pair, with a session token for temporary credentials. Prints only the
 * access key id; the secret and the token never appear in text.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token of temporary credentials
 * @param source where the credentials were found, for messages
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken, String source) {
    /** Checks that nothing is missing. */
    public AwsCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
                + (sessionToken.isPresent() ? ", sessionToken=****" : "") + ", source=" + source + "]";
    }
}
