package io.snapshotsdk.azure;

import io.snapshotsdk.CommonSettings;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.internal.http.Endpoints;
import io.snapshotsdk.internal.settings.CommonRules;
import io.snapshotsdk.spi.ValueStyle;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * Settings of the {@code azure} provider. As a map for {@code SnapshotClients.create("azure", …)}
 * the keys are the attribute names: the common ones of {@link CommonSettings} ({@code region} is
 * the default location of new snapshots, {@code endpoint} the ARM endpoint) and
 *
 * <table>
 *   <caption>azure setting keys</caption>
 *   <tr><th>key</th><th>meaning</th><th>when absent</th></tr>
 *   <tr><td>{@code subscriptionId}</td><td>the subscription</td><td>{@code AZURE_SUBSCRIPTION_ID}; required</td></tr>
 *   <tr><td>{@code resourceGroup}</td><td>resource group of new snapshots and of names given to get/delete</td>
 *       <td>per request in {@link AzureSnapshotOptions}</td></tr>
 *   <tr><td>{@code tenantId}, {@code clientId}, {@code clientSecret}</td><td>a service principal (client credentials)</td>
 *       <td>{@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID}, {@code AZURE_CLIENT_SECRET}</td></tr>
 *   <tr><td>{@code accessToken}</td><td>a bearer token to use as it is</td><td></td></tr>
 *   <tr><td>{@code managedIdentity}</td><td>{@code true} to get tokens from the instance metadata service</td><td>{@code false}</td></tr>
 *   <tr><td>{@code managedIdentityClientId}</td><td>a user-assigned identity</td><td>the system-assigned one</td></tr>
 *   <tr><td>{@code managedIdentityEndpoint}</td><td>the token endpoint of the metadata service</td>
 *       <td>{@code http://169.254.169.254/metadata/identity/oauth2/token}</td></tr>
 *   <tr><td>{@code authorityHost}</td><td>Entra ID host</td><td>{@code AZURE_AUTHORITY_HOST}, else
 *       {@code https://login.microsoftonline.com}</td></tr>
 *   <tr><td>{@code apiVersion}</td><td>the {@code Microsoft.Compute} api-version</td><td>{@code 2025-01-02}</td></tr>
 * </table>
 *
 * <p>Credentials are used in this order: {@code accessToken}, the service principal, the managed
 * identity. Immutable and thread-safe; secrets never appear in {@link #toString()}.
 */
@Value.Immutable
@ValueStyle
public abstract class AzureSettings implements CommonSettings {
    /** The api-version used unless {@code apiVersion} is set. */
    public static final String DEFAULT_API_VERSION = "2025-01-02";

    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");

    AzureSettings() {}

    /**
     * Returns the subscription id.
     *
     * @return the subscription id
     */
    public abstract Optional<String> subscriptionId();

    /**
     * Returns the resource group of new snapshots and of snapshot names given without a full id.
     *
     * @return the resource group
     */
    public abstract Optional<String> resourceGroup();

    /**
     * Returns the Entra ID tenant of the service principal.
     *
     * @return the tenant id or domain
     */
    public abstract Optional<String> tenantId();

    /**
     * Returns the application (client) id of the service principal.
     *
     * @return the client id
     */
    public abstract Optional<String> clientId();

    /**
     * Returns the client secret of the service principal.
     *
     * @return the client secret
     */
    @Value.Redacted
    public abstract Optional<String> clientSecret();

    /**
     * Returns a bearer token to send as it is; it cannot be refreshed.
     *
     * @return the access token
     */
    @Value.Redacted
    public abstract Optional<String> accessToken();

    /**
     * Returns whether to get tokens from the managed identity of the machine.
     *
     * @return {@code false} by default
     */
    @Value.Default
    public boolean managedIdentity() {
        return false;
    }

    /**
     * Returns the client id of a user-assigned managed identity.
     *
     * @return the identity's client id
     */
    public abstract Optional<String> managedIdentityClientId();

    /**
     * Returns the token endpoint of the instance metadata service, for tests and emulators.
     *
     * @return the endpoint override
     */
    public abstract Optional<URI> managedIdentityEndpoint();

    /**
     * Returns the Entra ID host, for sovereign clouds, emulators and tests.
     *
     * @return the authority host
     */
    public abstract Optional<URI> authorityHost();

    /**
     * Returns the {@code Microsoft.Compute} api-version.
     *
     * @return {@value #DEFAULT_API_VERSION} by default
     */
    @Value.Default
    public String apiVersion() {
        return DEFAULT_API_VERSION;
    }

    /**
     * Returns a new builder.
     *
     * @return a builder with every default in place
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AzureSettings}. */
    public static final class Builder extends ImmutableAzureSettings.Builder implements CommonSettings.Builder<Builder> {
        Builder() {}
    }

    @Value.Check
    void check() {
        List<Violation> v = new ArrayList<>();
        CommonRules.check(this, v);
        if (!API_VERSION.matcher(apiVersion()).matches()) {
            v.add(new Violation("apiVersion", "must look like 2025-01-02 or 2016-04-30-preview, was '" + apiVersion() + "'"));
        }
        authorityHost().ifPresent(a -> {
            String problem = Endpoints.problem(a, allowInsecureHttp());
            if (problem != null) {
                v.add(new Violation("authorityHost", problem));
            }
        });
        managedIdentityEndpoint().ifPresent(m -> {
            // The metadata service itself is plain http on a link-local address.
            if (!m.isAbsolute() || m.getHost() == null) {
                v.add(new Violation("managedIdentityEndpoint", "must be an absolute URL"));
            }
        });
        if (!v.isEmpty()) {
            throw new InvalidRequestException(AzureSnapshotClient.PROVIDER_ID, v);
        }
    }
}
