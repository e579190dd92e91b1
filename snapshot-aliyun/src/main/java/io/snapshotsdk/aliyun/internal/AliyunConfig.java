package io.snapshotsdk.aliyun.internal;

import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.aliyun.AliyunSettings;
import io.snapshotsdk.aliyun.AliyunSnapshotClient;
import io.snapshotsdk.internal.settings.IniFile;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Credentials and region, found in the Alibaba Cloud credentials chain's order: the settings, the
 * environment, then the INI credentials file ({@code ALIBABA_CLOUD_CREDENTIALS_FILE}, else
 * {@code ~/.alibabacloud/credentials}, else {@code ~/.alibabacloud/credentials.ini}).
 *
 * @param accessKeyId the AccessKey id
 * @param accessKeySecret the AccessKey secret
 * @param securityToken the STS token of temporary credentials
 * @param region the region id
 */
record AliyunConfig(String accessKeyId, String accessKeySecret, Optional<String> securityToken, String region) {
    private static final String ID = AliyunSnapshotClient.PROVIDER_ID;

    /**
     * Resolves the configuration.
     *
     * @throws InvalidRequestException naming every place looked when credentials or region are missing
     */
    static AliyunConfig resolve(AliyunSettings s, Function<String, Optional<String>> env, String userHome) {
        List<Violation> v = new ArrayList<>();
        String profile = s.profile().or(() -> env(env, "ALIBABA_CLOUD_PROFILE")).orElse("default");
        List<Path> candidates = env(env, "ALIBABA_CLOUD_CREDENTIALS_FILE").map(p -> List.of(Paths.get(p)))
                .orElse(List.of(Paths.get(userHome, ".alibabacloud", "credentials"),
                        Paths.get(userHome, ".alibabacloud", "credentials.ini")));
        Optional<IniFile> file = Optional.empty();
        for (Path p : candidates) {
            try {
                file = IniFile.read(p);
            } catch (IOException e) {
                v.add(new Violation("ALIBABA_CLOUD_CREDENTIALS_FILE", "cannot read " + p + ": " + e.getClass().getSimpleName()));
            }
            if (file.isPresent()) {
                break;
            }
        }
        Optional<IniFile> credentialsFile = file;
        boolean enabled = credentialsFile.flatMap(f -> f.get(profile, "enable")).map(e -> !e.equalsIgnoreCase("false")).orElse(true);

        Optional<String[]> keys = Optional.empty();
        Optional<String> token = Optional.empty();
        if (s.accessKeyId().isPresent() && s.accessKeySecret().isPresent()) {
            keys = Optional.of(new String[] {s.accessKeyId().get(), s.accessKeySecret().get()});
            token = s.securityToken();
        } else if (env.apply("ALIBABA_CLOUD_ACCESS_KEY_ID").isPresent() || env.apply("ALIBABA_CLOUD_ACCESS_KEY_SECRET").isPresent()) {
            Optional<String> id = env(env, "ALIBABA_CLOUD_ACCESS_KEY_ID");
            Optional<String> secret = env(env, "ALIBABA_CLOUD_ACCESS_KEY_SECRET");
            if (id.isEmpty() || secret.isEmpty()) {
                v.add(new Violation(id.isEmpty() ? "ALIBABA_CLOUD_ACCESS_KEY_ID" : "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                        "is empty or unset while the other one is set"));
            } else {
                keys = Optional.of(new String[] {id.get(), secret.get()});
                token = env(env, "ALIBABA_CLOUD_SECURITY_TOKEN");
            }
        } else if (credentialsFile.isPresent() && credentialsFile.get().has(profile) && enabled) {
            IniFile f = credentialsFile.get();
            String type = f.get(profile, "type").orElse("access_key");
            if (!type.equals("access_key")) {
                v.add(new Violation("profile", "credentials type '" + type + "' of profile '" + profile
                        + "' is not supported; use type = access_key, or set accessKeyId and accessKeySecret"));
            } else if (f.get(profile, "access_key_id").isPresent() && f.get(profile, "access_key_secret").isPresent()) {
                keys = Optional.of(new String[] {f.get(profile, "access_key_id").get(), f.get(profile, "access_key_secret").get()});
            }
        }
        if (keys.isEmpty() && v.isEmpty()) {
            v.add(new Violation("accessKeyId", "no Alibaba Cloud credentials found; looked in settings accessKeyId/accessKeySecret, "
                    + "environment ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, and profile '" + profile + "' of "
                    + candidates.stream().map(Path::toString).reduce((a, b) -> a + " and " + b).orElse("")));
        }

        Optional<String> region = s.region().or(() -> env(env, "ALIBABA_CLOUD_REGION_ID"))
                .or(() -> credentialsFile.flatMap(f -> f.get(profile, "region_id"))).map(r -> r.trim().toLowerCase(Locale.ROOT));
        if (region.isEmpty()) {
            v.add(new Violation("region", "no region found; looked in setting region, environment ALIBABA_CLOUD_REGION_ID "
                    + "and the region_id of profile '" + profile + "'"));
        } else if (!region.get().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            v.add(new Violation("region", "must look like cn-hangzhou, was '" + region.get() + "'"));
        }
        if (!v.isEmpty()) {
            throw new InvalidRequestException(ID, v);
        }
        return new AliyunConfig(keys.get()[0], keys.get()[1], token, region.get());
    }

    private static Optional<String> env(Function<String, Optional<String>> env, String name) {
        return env.apply(name).map(String::trim).filter(x -> !x.isEmpty());
    }

    @Override
    public String toString() {
        return "AliyunConfig[accessKeyId=" + accessKeyId + ", accessKeySecret=****"
                + (securityToken.isPresent() ? ", securityToken=****" : "") + ", region=" + region + "]";
    }
}
