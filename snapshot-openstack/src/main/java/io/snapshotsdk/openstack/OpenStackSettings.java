package io.snapshotsdk.openstack;

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
 * Settings of the {@code openstack} provider. As a map for {@code SnapshotClients.create("openstack", …)}
 * the keys are the attribute names: the common ones of {@link CommonSettings} ({@code endpoint}
 * is the volume endpoint and replaces the catalog, {@code region} selects the catalog region) and
 * the Keystone ones below. A setting not given comes from the cloud of {@code clouds.yaml} named
 * by {@code cloud} (or {@code OS_CLOUD}), else from its {@code OS_*} environment variable:
 *
 * <table>
 *   <caption>openstack setting keys</caption>
 *   <tr><th>key</th><th>environment</th><th>meaning</th></tr>
 *   <tr><td>{@code authUrl}</td><td>{@code OS_AUTH_URL}</td><td>Keystone, ending in {@code /v3} or {@code /v2.0}</td></tr>
 *   <tr><td>{@code username}, {@code userId}, {@code password}</td><td>{@code OS_USERNAME}, {@code OS_USER_ID}, {@code OS_PASSWORD}</td><td>password authentication</td></tr>
 *   <tr><td>{@code userDomainName}, {@code userDomainId}</td><td>{@code OS_USER_DOMAIN_NAME}, {@code OS_USER_DOMAIN_ID}</td><td>the user's domain (v3)</td></tr>
 *   <tr><td>{@code projectId}, {@code projectName}</td><td>{@code OS_PROJECT_ID}, {@code OS_PROJECT_NAME} ({@code OS_TENANT_*})</td><td>the project (tenant)</td></tr>
 *   <tr><td>{@code projectDomainName}, {@code projectDomainId}</td><td>{@code OS_PROJECT_DOMAIN_NAME}, {@code OS_PROJECT_DOMAIN_ID}</td><td>the project's domain (v3)</td></tr>
 *   <tr><td>{@code applicationCredentialId}, {@code applicationCredentialSecret}</td><td>{@code OS_APPLICATION_CREDENTIAL_ID}, {@code _SECRET}</td><td>application credential (v3)</td></tr>
 *   <tr><td>{@code token}</td><td>{@code OS_TOKEN}</td><td>an existing token (v3), or the token itself when there is no {@code authUrl}</td></tr>
 *   <tr><td>{@code apiKey}</td><td></td><td>Rackspace API key ({@code RAX-KSKEY:apiKeyCredentials}, v2.0)</td></tr>
 *   <tr><td>{@code interface}</td><td>{@code OS_INTERFACE}</td><td>{@code public} (default), {@code internal} or {@code admin}</td></tr>
 *   <tr><td>{@code volumeApiVersion}</td><td>{@code OS_VOLUME_API_VERSION}</td><td>{@code 1}, {@code 2} or {@code 3}; by default the catalog's</td></tr>
 *   <tr><td>{@code microversion}</td><td></td><td>the v3 microversion sent as {@code OpenStack-API-Version}; default {@code 3.0}</td></tr>
 *   <tr><td>{@code cloud}</td><td>{@code OS_CLOUD}</td><td>the cloud of {@code clouds.yaml} to read</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe; passwords, secrets, tokens and keys never appear in {@link #toString()}.
 */
@Value.Immutable
@ValueStyle
public abstract class OpenStackSettings implements CommonSettings {
    private static final Pattern MICROVERSION = Pattern.compile("3\\.\\d{1,3}");

    OpenStackSettings() {}

    /**
     * Returns the Keystone URL.
     *
     * @return the auth URL
     */
    public abstract Optional<URI> authUrl();

    /**
     * Returns the user name.
     *
     * @return the user name
     */
    public abstract Optional<String> username();

    /**
     * Returns the user id, instead of a name and domain.
     *
     * @return the user id
     */
    public abstract Optional<String> userId();

    /**
     * Returns the password.
     *
     * @return the password
     */
    @Value.Redacted
    public abstract Optional<String> password();

    /**
     * Returns the name of the user's domain.
     *
     * @return the domain name
     */
    public abstract Optional<String> userDomainName();

    /**
     * Returns the id of the user's domain.
     *
     * @return the domain id
     */
    public abstract Optional<String> userDomainId();

    /**
     * Returns the project (tenant) id.
     *
     * @return the project id
     */
    public abstract Optional<String> projectId();

    /**
     * Returns the project (tenant) name.
     *
     * @return the project name
     */
    public abstract Optional<String> projectName();

    /**
     * Returns the name of the project's domain.
     *
     * @return the domain name
     */
    public abstract Optional<String> projectDomainName();

    /**
     * Returns the id of the project's domain.
     *
     * @return the domain id
     */
    public abstract Optional<String> projectDomainId();

    /**
     * Returns the application credential id.
     *
     * @return the credential id
     */
    public abstract Optional<String> applicationCredentialId();

    /**
     * Returns the application credential secret.
     *
     * @return the secret
     */
    @Value.Redacted
    public abstract Optional<String> applicationCredentialSecret();

    /**
     * Returns an existing Keystone token.
     *
     * @return the token
     */
    @Value.Redacted
    public abstract Optional<String> token();

    /**
     * Returns a Rackspace API key.
     *
     * @return the API key
     */
    @Value.Redacted
    public abstract Optional<String> apiKey();

    /**
     * Returns the catalog interface to use.
     *
     * @return {@code public}, {@code internal} or {@code admin}
     */
    public abstract Optional<String> interfaceType();

    /**
     * Returns the Block Storage API version to speak.
     *
     * @return 1, 2 or 3; the catalog's when absent
     */
    public abstract Optional<Integer> volumeApiVersion();

    /**
     * Returns the v3 microversion.
     *
     * @return {@code 3.0} by default
     */
    @Value.Default
    public String microversion() {
        return "3.0";
    }

    /**
     * Returns the cloud of {@code clouds.yaml} to read settings from.
     *
     * @return the cloud name
     */
    public abstract Optional<String> cloud();

    /**
     * Returns a new builder.
     *
     * @return a builder with every default in place
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link OpenStackSettings}. */
    public static final class Builder extends ImmutableOpenStackSettings.Builder implements CommonSettings.Builder<Builder> {
        Builder() {}
    }

    @Value.Check
    void check() {
        List<Violation> v = new ArrayList<>();
        CommonRules.check(this, v);
        authUrl().ifPresent(a -> {
            String p = Endpoints.problem(a, allowInsecureHttp());
            if (p != null) {
                v.add(new Violation("authUrl", p));
            }
        });
        volumeApiVersion().filter(x -> x < 1 || x > 3).ifPresent(x -> v.add(new Violation("volumeApiVersion", "must be 1, 2 or 3, was " + x)));
        if (!MICROVERSION.matcher(microversion()).matches()) {
            v.add(new Violation("microversion", "must look like 3.66, was '" + microversion() + "'"));
        }
        interfaceType().filter(i -> !i.equals("public") && !i.equals("internal") && !i.equals("admin"))
                .ifPresent(i -> v.add(new Violation("interface", "must be public, internal or admin, was '" + i + "'")));
        if (!v.isEmpty()) {
            throw new InvalidRequestException(OpenStackSnapshotClient.PROVIDER_ID, v);
        }
    }
}
