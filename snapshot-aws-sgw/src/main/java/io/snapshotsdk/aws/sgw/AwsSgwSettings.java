package io.snapshotsdk.aws.sgw;

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
 * Settings of the {@code aws-sgw} provider. As a map for {@code SnapshotClients.create("aws-sgw", …)}
 * the keys are the attribute names: the common ones of {@link CommonSettings} and
 *
 * <table>
 *   <caption>aws-sgw setting keys</caption>
 *   <tr><th>key</th><th>meaning</th><th>when absent</th></tr>
 *   <tr><td>{@code accessKeyId}, {@code secretAccessKey}, {@code sessionToken}</td><td>credentials</td>
 *       <td>{@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, then the profile</td></tr>
 *   <tr><td>{@code profile}</td><td>profile of {@code ~/.aws/credentials} and {@code ~/.aws/config}</td>
 *       <td>{@code AWS_PROFILE}, then {@code default}</td></tr>
 *   <tr><td>{@code region}</td><td>region to call and sign for</td><td>{@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, then the profile</td></tr>
 *   <tr><td>{@code endpoint}</td><td>Storage Gateway endpoint</td><td>{@code https://storagegateway.{region}.amazonaws.com} (per partition)</td></tr>
 *   <tr><td>{@code ec2Endpoint}</td><td>EC2 endpoint, for status, progress and delete</td><td>{@code endpoint} when set, else {@code https://ec2.{region}.amazonaws.com}</td></tr>
 *   <tr><td>{@code useFips}, {@code useDualStack}</td><td>FIPS or dual-stack endpoints</td><td>{@code AWS_USE_FIPS_ENDPOINT}, {@code AWS_USE_DUALSTACK_ENDPOINT}, else {@code false}</td></tr>
 * </table>
 *
 * <pre>{@code
 * AwsSgwSettings settings = AwsSgwSettings.builder()
 *         .region("us-east-2")
 *         .profile("backup")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the secret and the session token never appear in {@link #toString()}.
 */
@Value.Immutable
@ValueStyle
public abstract class AwsSgwSettings implements CommonSettings {
    AwsSgwSettings() {}

    /**
     * Returns the access key id; set together with {@link #secretAccessKey()}.
     *
     * @return the access key id
     */
    public abstract Optional<String> accessKeyId();

    /**
     * Returns the secret access key.
     *
     * @return the secret access key
     */
    @Value.Redacted
    public abstract Optional<String> secretAccessKey();

    /**
     * Returns the session token of temporary credentials.
     *
     * @return the session token
     */
    @Value.Redacted
    public abstract Optional<String> sessionToken();

    /**
     * Returns the profile to read from the shared credentials and config files.
     *
     * @return the profile name
     */
    public abstract Optional<String> profile();

    /**
     * Returns the EC2 endpoint used for status, progress and delete.
     *
     * @return the EC2 endpoint override
     */
    public abstract Optional<URI> ec2Endpoint();

    /**
     * Returns whether to use FIPS endpoints; empty reads {@code AWS_USE_FIPS_ENDPOINT}.
     *
     * @return whether FIPS endpoints are wanted
     */
    public abstract Optional<Boolean> useFips();

    /**
     * Returns whether to use dual-stack (IPv6) endpoints; empty reads {@code AWS_USE_DUALSTACK_ENDPOINT}.
     *
     * @return whether dual-stack endpoints are wanted
     */
    public abstract Optional<Boolean> useDualStack();

    /**
     * Returns a new builder.
     *
     * @return a builder with every default in place
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AwsSgwSettings}. */
    public static final class Builder extends ImmutableAwsSgwSettings.Builder implements CommonSettings.Builder<Builder> {
        Builder() {}
    }

    @Value.Check
    void check() {
        List<Violation> v = new ArrayList<>();
        CommonRules.check(this, v);
        if (accessKeyId().isPresent() != secretAccessKey().isPresent()) {
            v.add(new Violation(accessKeyId().isPresent() ? "secretAccessKey" : "accessKeyId",
                    "accessKeyId and secretAccessKey are set together"));
        }
        if (sessionToken().isPresent() && accessKeyId().isEmpty()) {
            v.add(new Violation("sessionToken", "needs accessKeyId and secretAccessKey"));
        }
        ec2Endpoint().ifPresent(e -> {
            String problem = Endpoints.problem(e, allowInsecureHttp());
            if (problem != null) {
                v.add(new Violation("ec2Endpoint", problem));
            }
        });
        if (!v.isEmpty()) {
            throw new InvalidRequestException(AwsSgwSnapshotClient.PROVIDER_ID, v);
        }
    }
}
