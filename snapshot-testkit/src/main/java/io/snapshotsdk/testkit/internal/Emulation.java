package io.snapshotsdk.testkit.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One cloud's wire protocol, served under its path prefixes. */
interface Emulation {
    /** Returns the provider id. */
    String providerId();

    /** Returns the first path segments this cloud is served under; the first is the API's. */
    List<String> prefixes();

    /**
     * Returns every credential this cloud accepts, by the client's setting key; the secrets are
     * random per emulator.
     */
    Map<String, String> credentials();

    /** Returns settings that point the real client at {@code base}. */
    Map<String, String> settings(URI base);

    /** Returns whether the call is an authentication call, which faults leave alone. */
    boolean isAuthentication(String prefix, Call call);

    /** Answers one call. */
    void handle(String prefix, Call call) throws IOException;

    /** Answers with this cloud's throttling refusal. */
    void throttle(Call call, Duration retryAfter) throws IOException;

    /** Answers with this cloud's internal server error. */
    void serverError(Call call) throws IOException;
}
