package io.snapshotsdk.internal.http;

import java.io.IOException;

/**
 * The last stage: puts one request on the wire and returns the response with its whole body.
 * Tests pass a lambda instead of a server.
 */
@FunctionalInterface
public interface Transport {

    /**
     * Sends {@code request} once.
     *
     * @throws java.net.ConnectException if no connection could be opened (the request was not sent)
     * @throws java.net.http.HttpTimeoutException if the attempt ran out of time
     * @throws BodyTooLargeException if the response body exceeded the size bound
     * @throws IOException for any other failure on the wire
     */
    Response execute(Request request) throws IOException;
}
