package io.snapshotsdk.aws.sgw.internal;

import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.aws.sgw.AwsSgwSettings;
import io.snapshotsdk.aws.sgw.AwsSgwSnapshotClient;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Credentials, region and endpoint flags, found in the AWS CLI's order: the settings, the
 * environment, then the profile in the shared credentials and config files.
 *
 * @param credentials the credentials to sign with
 * @param region the region to call and sign for
 * @param useFips whether FIPS endpoints are wanted
 * @param useDualStack whether dual-stack endpoints are wanted
 */
record AwsConfig(AwsCredentials credentials, String region, boolean useFips, boolean useDualStack) {
    private static final String ID = AwsSgwSnapshotClient.PROVIDER_ID;

    /**
     * Resolves the configuration.
     *
     * @throws InvalidRequestException naming every place looked when credentials or region are missing
     */
    static AwsConfig resolve(AwsSgwSettings s, Function<String, Optional<String>> env, String userHome) {
        Optional<String> explicitProfile = s.profile().or(() -> env(env, "AWS_PROFILE"))
                .or(() -> env(env, "AWS_DEFAULT_PROFILE"));
        String profile = explicitProfile.orElse("default");
        Path credentialsPath = path(env(env, "AWS_SHARED_CREDENTIALS_FILE"), userHome, "credentials");
        Path configPath = path(env(env, "AWS_CONFIG_FILE"), userHome, "config");
        List<Violation> v = new ArrayList<>();
        Optional<ProfileFile> credentialsFile = read(credentialsPath, false, v);
        Optional<ProfileFile> configFile = read(configPath, true, v);
        boolean profileExists = credentialsFile.map(f -> f.has(profile)).orElse(false)
                || configFile.map(f -> f.has(profile)).orElse(false);
        if (explicitProfile.isPresent() && !profileExists && v.isEmpty()) {
            v.add(new Violation("profile", "profile '" + profile + "' is in neither " + credentialsPath + " nor " + configPath));
        }

        Optional<AwsCredentials> credentials = fromSettings(s)
                .or(() -> fromEnvironment(env))
                .or(() -> fromProfile(credentialsFile, profile, "profile '" + profile + "' in " + credentialsPath))
                .or(() -> fromProfile(configFile, profile, "profile '" + profile + "' in " + configPath));
        if (credentials.isEmpty()) {
            v.add(new Violation("accessKeyId", "no AWS credentials found; looked in settings accessKeyId/secretAccessKey, "
                    + "environment AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, and profile '" + profile + "' of "
                    + credentialsPath + " and " + configPath));
        }

        Optional<String> region = s.region().or(() -> env(env, "AWS_REGION")).or(() -> env(env, "AWS_DEFAULT_REGION"))
                .or(() -> configFile.flatMap(f -> f.get(profile, "region")))
                .or(() -> credentialsFile.flatMap(f -> f.get(profile, "region")))
                .map(r -> r.trim().toLowerCase(Locale.ROOT));
        if (region.isEmpty()) {
            v.add(new Violation("region", "no region found; looked in setting region, environment AWS_REGION and "
                    + "AWS_DEFAULT_REGION, and profile '" + profile + "' of " + configPath
                    + " (a region is needed to sign requests, also with an explicit endpoint)"));
        } else if (!region.get().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            v.add(new Violation("region", "must look like us-east-2, was '" + region.get() + "'"));
        }

        boolean fips = flag(s.useFips(), env, "AWS_USE_FIPS_ENDPOINT", configFile, profile, "use_fips_endpoint", v);
        boolean dualStack = flag(s.useDualStack(), env, "AWS_USE_DUALSTACK_ENDPOINT", configFile, profile,
                "use_dualstack_endpoint", v);
        if (!v.isEmpty()) {
            throw new InvalidRequestException(ID, v);
        }
        return new AwsConfig(credentials.get(), region.get(), fips, dualStack);
    }

    private static Optional<AwsCredentials> fromSettings(AwsSgwSettings s) {
        if (s.accessKeyId().isEmpty() || s.secretAccessKey().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AwsCredentials(s.accessKeyId().get(), s.secretAccessKey().get(), s.sessionToken(), "settings"));
    }

    private static Optional<AwsCredentials> fromEnvironment(Function<String, Optional<String>> env) {
        Optional<String> id = env(env, "AWS_ACCESS_KEY_ID");
        Optional<String> secret = env(env, "AWS_SECRET_ACCESS_KEY");
        if (id.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> token = env(env, "AWS_SESSION_TOKEN").or(() -> env(env, "AWS_SECURITY_TOKEN"));
        return Optional.of(new AwsCredentials(id.get(), secret.get(), token, "environment"));
    }

    private static Optional<AwsCredentials> fromProfile(Optional<ProfileFile> file, String profile, String source) {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> id = file.get().get(profile, "aws_access_key_id");
        Optional<String> secret = file.get().get(profile, "aws_secret_access_key");
        if (id.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AwsCredentials(id.get(), secret.get(), file.get().get(profile, "aws_session_token"), source));
    }

    private static boolean flag(Optional<Boolean> setting, Function<String, Optional<String>> env, String envName,
            Optional<ProfileFile> config, String profile, String key, List<Violation> v) {
        if (setting.isPresent()) {
            return setting.get();
        }
        Optional<String> raw = env(env, envName).or(() -> config.flatMap(f -> f.get(profile, key)));
        if (raw.isEmpty()) {
            return false;
        }
        if (raw.get().equalsIgnoreCase("true") || raw.get().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw.get().toLowerCase(Locale.ROOT));
        }
        v.add(new Violation(envName, "must be true or false, was '" + raw.get() + "'"));
        return false;
    }

    private static Optional<ProfileFile> read(Path path, boolean config, List<Violation> v) {
        try {
            return ProfileFile.read(path, config);
        } catch (IOException e) {
            v.add(new Violation(config ? "AWS_CONFIG_FILE" : "AWS_SHARED_CREDENTIALS_FILE",
                    "cannot read " + path + ": " + e.getClass().getSimpleName()));
            return Optional.empty();
        }
    }

    private static Path path(Optional<String> override, String userHome, String file) {
        if (override.isPresent()) {
            String p = override.get();
            return p.equals("~") || p.startsWith("~/") ? Paths.get(userHome + p.substring(1)) : Paths.get(p);
        }
        return Paths.get(userHome, ".aws", file);
    }

    private static Optional<String> env(Function<String, Optional<String>> env, String name) {
        return env.apply(name).map(String::trim).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "AwsConfig[credentials=" + credentials + ", region=" + region + ", useFips=" + useFips
                + ", useDualStack=" + useDualStack + "]";
    }
}
