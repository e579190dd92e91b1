package io.snapshotsdk.internal.http;

import java.io.IOException;

/**
 * One stage of the {@link HttpPipeline}: it may change the request, send it on with
 * {@link Chain#proceed}, look at or replace the response, or call {@code proceed} again.
 */
@FunctionalInterface
public interface Interceptor {

    /** Handles one call: usually {@code return chain.proceed(chain.request())} with changes. */
    Response intercept(Chain chain) throws IOException;

    /** The rest of the pipeline, as seen from one stage. */
    interface Chain {
        /** Returns the request as the previous stage passed it. */
        Request request();

        /** Returns the attempt number, from 1; 0 above the retry stage. */
        int attempt();

        /** Sends {@code request} through the following stages and returns their response. */
        Response proceed(Request request) throws IOException;
    }
}
