package io.snapshotsdk.aliyun;

import io.snapshotsdk.CommonSettings;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.internal.settings.CommonRules;
import io.snapshotsdk.spi.ValueStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Settings of the {@code aliyun} provider. As a map for {@code SnapshotClients.create("aliyun", …)}
 * the keys are the attribute names: the common ones of {@link CommonSettings} and
 *
 * <table>
 *   <caption>aliyun setting keys</caption>
 *   <tr><th>key</th><th>meaning</th><th>when absent</th></tr>
 *   <tr><td>{@code accessKeyId}, {@code accessKeySecret}, {@code securityToken}</td><td>credentials
 *       (the token for STS credentials)</td><td>{@code ALIBABA_CLOUD_ACCESS_KEY_ID},
 *       {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}, {@code ALIBABA_CLOUD_SECURITY_TOKEN}, then the
 *       credentials file</td></tr>
 *   <tr><td>{@code profile}</td><td>section of {@code ~/.alibabacloud/credentials}</td>
 *       <td>{@code ALIBABA_CLOUD_PROFILE}, then {@code default}</td></tr>
 *   <tr><td>{@code region}</td><td>region id, such as {@code cn-hangzhou}</td>
 *       <td>{@code ALIBABA_CLOUD_REGION_ID}, then the profile's {@code region_id}</td></tr>
 *   <tr><td>{@code signatureVersion}</td><td>{@code v3} (ACS3-HMAC-SHA256) or {@code v1} (HMAC-SHA1
 *       signed query)</td><td>{@code v3}</td></tr>
 *   <tr><td>{@code network}</td><td>{@code public} or {@code vpc} ({@code ecs-vpc.{region}.aliyuncs.com})</td>
 *       <td>{@code public}</td></tr>
 *   <tr><td>{@code endpoint}</td><td>endpoint override</td><td>{@code https://ecs.{region}.aliyuncs.com},
 *       or the SDKs' exceptions such as {@code ecs-cn-hangzhou.aliyuncs.com}</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe; the secret and the token never appear in {@link #toString()}.
 */
@Value.Immutable
@ValueStyle
public abstract class AliyunSettings implements CommonSettings {
    AliyunSettings() {}

    /** Which request signature to use. */
    public enum SignatureVersion {
        /** HMAC-SHA1 over the sorted query ({@code SignatureVersion=1.0}), the seed's style. */
        V1,
        /** {@code ACS3-HMAC-SHA256} over a canonical request, the current SDKs' default. */
        V3
    }

    /** Which network the endpoint is reached through. */
    public enum Network {
        /** The public endpoint. */
        PUBLIC,
        /** The VPC endpoint {@code ecs-vpc.{region}.aliyuncs.com}. */
        VPC
    }

    /**
     * Returns the AccessKey id; set together with {@link #accessKeySecret()}.
     *
     * @return the AccessKey id
     */
    public abstract Optional<String> accessKeyId();

    /**
     * Returns the AccessKey secret.
     *
     * @return the AccessKey secret
     */
    @Value.Redacted
    public abstract Optional<String> accessKeySecret();

    /**
     * Returns the STS security token of temporary credentials.
     *
     * @return the security token
     */
    @Value.Redacted
    public abstract Optional<String> securityToken();

    /**
     * Returns the section of the credentials file to read.
     *
     * @return the profile name
     */
    public abstract Optional<String> profile();

    /**
     * Returns the request signature to use.
     *
     * @return {@link SignatureVersion#V3} by default
     */
    @Value.Default
    public SignatureVersion signatureVersion() {
        return SignatureVersion.V3;
    }

    /**
     * Returns the network the default endpoint is chosen for.
     *
     * @return {@link Network#PUBLIC} by default
     */
    @Value.Default
    public Network network() {
        return Network.PUBLIC;
    }

    /**
     * Returns a new builder.
     *
     * @return a builder with every default in place
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AliyunSettings}. */
    public static final class Builder extends ImmutableAliyunSettings.Builder implements CommonSettings.Builder<Builder> {
        Builder() {}
    }

    @Value.Check
    void check() {
        List<Violation> v = new ArrayList<>();
        CommonRules.check(this, v);
        if (accessKeyId().isPresent() != accessKeySecret().isPresent()) {
            v.add(new Violation(accessKeyId().isPresent() ? "accessKeySecret" : "accessKeyId",
                    "accessKeyId and accessKeySecret are set together"));
        }
        if (securityToken().isPresent() && accessKeyId().isEmpty()) {
            v.add(new Violation("securityToken", "needs accessKeyId and accessKeySecret"));
        }
        if (!v.isEmpty()) {
            throw new InvalidRequestException(AliyunSnapshotClient.PROVIDER_ID, v);
        }
    }
}
