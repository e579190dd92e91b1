package io.snapshotsdk;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The settings every provider understands. Each provider's typed settings extend this, and the
 * map given to {@link SnapshotClients#create} uses the same names as keys:
 *
 * <table>
 *   <caption>Common setting keys</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code endpoint}</td><td>base URL, for private clouds, emulators and tests</td><td>the provider's public endpoint</td></tr>
 *   <tr><td>{@code region}</td><td>the region, where the provider has them</td><td>per provider</td></tr>
 *   <tr><td>{@code allowInsecureHttp}</td><td>{@code true} permits a plain {@code http://} endpoint</td><td>{@code false}</td></tr>
 *   <tr><td>{@code connectTimeout}</td><td>ISO-8601 duration to open a connection</td><td>{@code PT10S}</td></tr>
 *   <tr><td>{@code requestTimeout}</td><td>ISO-8601 duration for one attempt, response body included</td><td>{@code PT60S}</td></tr>
 *   <tr><td>{@code maxAttempts}</td><td>attempts per call, first one included, 1 to 10</td><td>{@code 3}</td></tr>
 * </table>
 */
public interface CommonSettings {

    /**
     * Returns the base URL to send calls to instead of the provider's public endpoint.
     *
     * @return the endpoint override
     */
    Optional<URI> endpoint();

    /**
     * Returns the region, where the provider has them.
     *
     * @return the region
     */
    Optional<String> region();

    /**
     * Returns whether a plain {@code http://} endpoint is permitted. Meant for local emulators and
     * tests; credentials then cross the network unencrypted.
     *
     * @return {@code false} by default
     */
    @Value.Default
    default boolean allowInsecureHttp() {
        return false;
    }

    /**
     * Returns how long to wait for a connection to open.
     *
     * @return 10 seconds by default
     */
    @Value.Default
    default Duration connectTimeout() {
        return Duration.ofSeconds(10);
    }

    /**
     * Returns how long one attempt may take from sending to the last byte of the response.
     *
     * @return 60 seconds by default
     */
    @Value.Default
    default Duration requestTimeout() {
        return Duration.ofSeconds(60);
    }

    /**
     * Returns how many attempts a call gets, the first one included.
     *
     * @return 3 by default; 1 to 10
     */
    @Value.Default
    default int maxAttempts() {
        return 3;
    }

    /**
     * The setters every provider's settings builder has, so the common keys are parsed in one
     * place.
     *
     * @param <B> the builder type
     */
    interface Builder<B extends Builder<B>> {
        /**
         * Sets {@link CommonSettings#endpoint()}.
         *
         * @param endpoint the base URL
         * @return this builder
         */
        B endpoint(URI endpoint);

        /**
         * Sets {@link CommonSettings#region()}.
         *
         * @param region the region
         * @return this builder
         */
        B region(String region);

        /**
         * Sets {@link CommonSettings#allowInsecureHttp()}.
         *
         * @param allowInsecureHttp whether plain HTTP is permitted
         * @return this builder
         */
        B allowInsecureHttp(boolean allowInsecureHttp);

        /**
         * Sets {@link CommonSettings#connectTimeout()}.
         *
         * @param connectTimeout the connect timeout
         * @return this builder
         */
        B connectTimeout(Duration connectTimeout);

        /**
         * Sets {@link CommonSettings#requestTimeout()}.
         *
         * @param requestTimeout the per-attempt timeout
         * @return this builder
         */
        B requestTimeout(Duration requestTimeout);

        /**
         * Sets {@link CommonSettings#maxAttempts()}.
         *
         * @param maxAttempts attempts per call
         * @return this builder
         */
        B maxAttempts(int maxAttempts);
    }
}
