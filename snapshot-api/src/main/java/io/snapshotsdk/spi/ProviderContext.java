package io.snapshotsdk.spi;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.immutables.value.Value;

/**
 * Everything a {@link SnapshotProvider} needs to build a client: the settings and the sources of
 * time, environment and HTTP it must use instead of global ones, so that tests can replace them.
 *
 * <pre>{@code
 * ProviderContext context = ProviderContext.builder()
 *         .putSettings("endpoint", "http://127.0.0.1:8080")
 *         .putSettings("allowInsecureHttp", "true")
 *         .clock(testClock)
 *         .sleeper(testClock::advance)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
@ValueStyle
public abstract class ProviderContext {
    ProviderContext() {}

    /**
     * Returns the settings, keyed as documented by {@link io.snapshotsdk.CommonSettings} and the
     * provider. Values may be secrets and are never printed.
     *
     * @return the settings
     */
    @Value.Redacted
    public abstract Map<String, String> settings();

    /**
     * Returns the clock used for signatures, token expiry and deadlines.
     *
     * @return {@link Clock#systemUTC()} by default
     */
    @Value.Default
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Returns the sleeper used for retry backoff and polling pauses.
     *
     * @return {@link Sleeper#system()} by default
     */
    @Value.Default
    @Value.Auxiliary
    public Sleeper sleeper() {
        return Sleeper.system();
    }

    /**
     * Returns the source of the random part of retry backoff (full jitter), drawing uniformly in
     * {@code [0, 1)}; a seeded one makes every pause of a test reproducible.
     *
     * @return {@link ThreadLocalRandom} by default
     */
    @Value.Default
    @Value.Auxiliary
    public DoubleSupplier jitter() {
        return () -> ThreadLocalRandom.current().nextDouble();
    }

    /**
     * Returns where environment variables (such as a provider's credential variables) are read
     * from.
     *
     * @return {@link System#getenv(String)} by default
     */
    @Value.Default
    @Value.Auxiliary
    public Function<String, Optional<String>> environment() {
        return name -> Optional.ofNullable(System.getenv(name));
    }

    /**
     * Returns an HTTP client to use instead of one the client creates and closes itself. A client
     * given here is not closed by {@link io.snapshotsdk.SnapshotClient#close()}.
     *
     * @return the HTTP client to share
     */
    public abstract Optional<HttpClient> httpClient();

    /**
     * Returns a context with {@code settings} and every default.
     *
     * @param settings the settings
     * @return the context
     */
    public static ProviderContext of(Map<String, String> settings) {
        return builder().settings(settings).build();
    }

    /**
     * Returns a new builder.
     *
     * @return a builder with every default in place and no settings
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ProviderContext}s. */
    public static final class Builder extends ImmutableProviderContext.Builder {
        Builder() {}
    }
}
