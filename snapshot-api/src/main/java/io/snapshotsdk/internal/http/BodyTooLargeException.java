package io.snapshotsdk.internal.http;

import java.io.IOException;

/** The response body was larger than the bound the pipeline reads. */
public final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for a body bound of {@code limit} bytes. */
    public BodyTooLargeException(long limit) {
        super("response body exceeds the limit of " + limit + " bytes");
    }
}
