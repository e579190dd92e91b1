package io.snapshotsdk.yandex;

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
import org.immutables.value.Value;

/**
 * Settings of the {@code yandex} provider. As a map for {@code SnapshotClients.create("yandex", …)}
 * the keys are the attribute names: the common ones of {@link CommonSettings} and
 *
 * <table>
 *   <caption>yandex setting keys</caption>
 *   <tr><th>key</th><th>meaning</th><th>when absent</th></tr>
 *   <tr><td>{@code folderId}</td><td>folder of new snapshots</td><td>{@code YC_FOLDER_ID}, else per request</td></tr>
 *   <tr><td>{@code iamToken}</td><td>an IAM token to use as it is</td><td>{@code YC_IAM_TOKEN}, or {@code YC_TOKEN} when it is an IAM token ({@code t1.…})</td></tr>
 *   <tr><td>{@code serviceAccountKeyFile}</td><td>path to, or the JSON of, a service account's authorized key</td>
 *       <td>{@code YC_SERVICE_ACCOUNT_KEY_FILE}</td></tr>
 *   <tr><td>{@code oauthToken}</td><td>a Yandex account OAuth token, exchanged for IAM tokens</td><td>{@code YC_TOKEN}</td></tr>
 *   <tr><td>{@code metadataService}</td><td>{@code true} to take tokens from the VM's metadata service</td><td>{@code false}</td></tr>
 *   <tr><td>{@code endpoint}</td><td>Compute API</td><td>{@code https://compute.api.cloud.yandex.net}</td></tr>
 *   <tr><td>{@code operationEndpoint}</td><td>Operation API</td><td>{@code endpoint} when set, else {@code https://operation.api.cloud.yandex.net}</td></tr>
 *   <tr><td>{@code iamEndpoint}</td><td>IAM token exchange</td><td>{@code endpoint} when set, else {@code https://iam.api.cloud.yandex.net}</td></tr>
 *   <tr><td>{@code metadataEndpoint}</td><td>the metadata service</td><td>{@code http://169.254.169.254}</td></tr>
 * </table>
 *
 * <p>Credentials are used in this order: IAM token, service account key, OAuth token, metadata
 * service. Immutable and thread-safe; tokens and keys never appear in {@link #toString()}.
 */
@Value.Immutable
@ValueStyle
public abstract class YandexSettings implements CommonSettings {
    YandexSettings() {}

    /**
     * Returns the folder new snapshots go to.
     *
     * @return the folder id
     */
    public abstract Optional<String> folderId();

    /**
     * Returns an IAM token to send as it is; it cannot be refreshed.
     *
     * @return the IAM token
     */
    @Value.Redacted
    public abstract Optional<String> iamToken();

    /**
     * Returns a Yandex account OAuth token to exchange for IAM tokens.
     *
     * @return the OAuth token
     */
    @Value.Redacted
    public abstract Optional<String> oauthToken();

    /**
     * Returns a service account's authorized key: a path to the JSON file, or the JSON itself.
     *
     * @return the key file or its content
     */
    @Value.Redacted
    public abstract Optional<String> serviceAccountKeyFile();

    /**
     * Returns whether to take IAM tokens from the metadata service of the VM.
     *
     * @return {@code false} by default
     */
    @Value.Default
    public boolean metadataService() {
        return false;
    }

    /**
     * Returns the Operation API endpoint.
     *
     * @return the endpoint override
     */
    public abstract Optional<URI> operationEndpoint();

    /**
     * Returns the IAM endpoint that exchanges OAuth tokens and JWTs.
     *
     * @return the endpoint override
     */
    public abstract Optional<URI> iamEndpoint();

    /**
     * Returns the metadata service's base URL, for tests and emulators.
     *
     * @return the endpoint override
     */
    public abstract Optional<URI> metadataEndpoint();

    /**
     * Returns a new builder.
     *
     * @return a builder with every default in place
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link YandexSettings}. */
    public static final class Builder extends ImmutableYandexSettings.Builder implements CommonSettings.Builder<Builder> {
        Builder() {}
    }

    @Value.Check
    void check() {
        List<Violation> v = new ArrayList<>();
        CommonRules.check(this, v);
        operationEndpoint().ifPresent(e -> problem("operationEndpoint", e, v));
        iamEndpoint().ifPresent(e -> problem("iamEndpoint", e, v));
        folderId().filter(f -> f.length() > 50).ifPresent(f -> v.add(new Violation("folderId", "is at most 50 characters")));
        if (!v.isEmpty()) {
            throw new InvalidRequestException(YandexSnapshotClient.PROVIDER_ID, v);
        }
    }

    private void problem(String key, URI uri, List<Violation> v) {
        String p = Endpoints.problem(uri, allowInsecureHttp());
        if (p != null) {
            v.add(new Violation(key, p));
        }
    }
}
