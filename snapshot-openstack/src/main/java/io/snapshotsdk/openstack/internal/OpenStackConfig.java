package io.snapshotsdk.openstack.internal;

import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.openstack.OpenStackSettings;
import io.snapshotsdk.openstack.OpenStackSnapshotClient;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Keystone and Cinder configuration of a client: each value from the settings, else from the
 * cloud of {@code clouds.yaml} named by {@code cloud} / {@code OS_CLOUD} (with {@code secure.yaml}
 * over it), else from its {@code OS_*} environment variable.
 */
final class OpenStackConfig {
    private static final String ID = OpenStackSnapshotClient.PROVIDER_ID;
    static final URI RACKSPACE_IDENTITY = URI.create("https://identity.api.rackspacecloud.com/v2.0");

    final Optional<URI> authUrl;
    final Optional<String> username;
    final Optional<String> userId;
    final Optional<String> password;
    final Optional<String> userDomainName;
    final Optional<String> userDomainId;
    final Optional<String> projectId;
    final Optional<String> projectName;
    final Optional<String> projectDomainName;
    final Optional<String> projectDomainId;
    final Optional<String> applicationCredentialId;
    final Optional<String> applicationCredentialSecret;
    final Optional<String> token;
    final Optional<String> apiKey;
    final Optional<String> region;
    final String interfaceType;
    final Optional<Integer> volumeApiVersion;
    final Optional<URI> endpoint;

    private OpenStackConfig(OpenStackSettings s, Map<String, String> yaml, String cloud, Function<String, Optional<String>> env) {
        Source src = new Source(yaml, cloud, env);
        this.authUrl = s.authUrl().or(() -> src.get("auth.auth_url", "OS_AUTH_URL").map(OpenStackConfig::uri))
                .or(() -> src.yaml("profile").filter("rackspace"::equals).map(p -> RACKSPACE_IDENTITY));
        this.username = s.username().or(() -> src.get("auth.username", "OS_USERNAME"));
        this.userId = s.userId().or(() -> src.get("auth.user_id", "OS_USER_ID"));
        this.password = s.password().or(() -> src.get("auth.password", "OS_PASSWORD"));
        Optional<String> defaultDomain = src.get("auth.default_domain", "OS_DEFAULT_DOMAIN");
        this.userDomainName = s.userDomainName().or(() -> src.get("auth.user_domain_name", "OS_USER_DOMAIN_NAME"));
        this.userDomainId = s.userDomainId().or(() -> src.get("auth.user_domain_id", "OS_USER_DOMAIN_ID"))
                .or(() -> userDomainName.isEmpty() ? defaultDomain : Optional.empty());
        this.projectId = s.projectId().or(() -> src.get("auth.project_id", "OS_PROJECT_ID"))
                .or(() -> src.get("auth.tenant_id", "OS_TENANT_ID"));
        this.projectName = s.projectName().or(() -> src.get("auth.project_name", "OS_PROJECT_NAME"))
                .or(() -> src.get("auth.tenant_name", "OS_TENANT_NAME"));
        this.projectDomainName = s.projectDomainName().or(() -> src.get("auth.project_domain_name", "OS_PROJECT_DOMAIN_NAME"));
        this.projectDomainId = s.projectDomainId().or(() -> src.get("auth.project_domain_id", "OS_PROJECT_DOMAIN_ID"))
                .or(() -> projectDomainName.isEmpty() ? defaultDomain : Optional.empty());
        this.applicationCredentialId = s.applicationCredentialId()
                .or(() -> src.get("auth.application_credential_id", "OS_APPLICATION_CREDENTIAL_ID"));
        this.applicationCredentialSecret = s.applicationCredentialSecret()
                .or(() -> src.get("auth.application_credential_secret", "OS_APPLICATION_CREDENTIAL_SECRET"));
        this.token = s.token().or(() -> src.get("auth.token", "OS_TOKEN"));
        this.apiKey = s.apiKey().or(() -> src.yaml("auth.api_key"));
        this.region = s.region().or(() -> src.get("region_name", "OS_REGION_NAME"));
        this.interfaceType = s.interfaceType().or(() -> src.get("interface", "OS_INTERFACE")).orElse("public");
        this.volumeApiVersion = s.volumeApiVersion()
                .or(() -> src.get("volume_api_version", "OS_VOLUME_API_VERSION").or(() -> src.yaml("block_storage_api_version"))
                        .map(OpenStackConfig::major));
        this.endpoint = s.endpoint().or(() -> src.yaml("block_storage_endpoint_override")
                .map(e -> uri(e.replace("{region_name}", region.orElse("")))));
    }

    /**
     * Resolves the configuration, reading {@code clouds.yaml} when a cloud is named.
     *
     * @throws InvalidRequestException if the named cloud is in no {@code clouds.yaml}
     */
    static OpenStackConfig resolve(OpenStackSettings s, Function<String, Optional<String>> env, String userHome) {
        Optional<String> cloud = s.cloud().or(() -> env.apply("OS_CLOUD").filter(c -> !c.isBlank()));
        if (cloud.isEmpty()) {
            return new OpenStackConfig(s, Map.of(), "", env);
        }
        List<Path> dirs = List.of(Paths.get("."), Paths.get(userHome, ".config", "openstack"), Paths.get("/etc/openstack"));
        List<Path> clouds = new ArrayList<>();
        env.apply("OS_CLIENT_CONFIG_FILE").filter(p -> !p.isBlank()).map(Paths::get).ifPresent(clouds::add);
        dirs.forEach(d -> clouds.add(d.resolve("clouds.yaml")));
        Map<String, String> yaml = new HashMap<>(first(clouds));
        if (yaml.keySet().stream().noneMatch(k -> k.startsWith("clouds." + cloud.get() + "."))) {
            throw new InvalidRequestException(ID, "cloud", "cloud '" + cloud.get() + "' is in no clouds.yaml; looked at "
                    + clouds.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse(""));
        }
        // secure.yaml holds the secrets of the same clouds and wins over clouds.yaml.
        yaml.putAll(first(dirs.stream().map(d -> d.resolve("secure.yaml")).toList()));
        return new OpenStackConfig(s, yaml, cloud.get(), env);
    }

    private static Map<String, String> first(List<Path> candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                try {
                    return CloudsYaml.parse(Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new InvalidRequestException(ID, "cloud", "cannot read " + p + ": " + e.getClass().getSimpleName());
                }
            }
        }
        return Map.of();
    }

    private static URI uri(String s) {
        try {
            return new URI(s.trim());
        } catch (URISyntaxException e) {
            throw new InvalidRequestException(ID, "authUrl", "is not a URL: '" + s + "'");
        }
    }

    private static Integer major(String version) {
        try {
            return (int) Double.parseDouble(version.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(ID, "volumeApiVersion", "must be 1, 2 or 3, was '" + version + "'");
        }
    }

    /** Looks a key up in the chosen cloud, then in the environment. */
    private record Source(Map<String, String> yaml, String cloud, Function<String, Optional<String>> env) {
        Optional<String> yaml(String key) {
            return CloudsYaml.get(yaml, cloud, key);
        }

        Optional<String> get(String yamlKey, String envName) {
            return yaml(yamlKey).or(() -> env.apply(envName).map(String::trim).filter(v -> !v.isEmpty()));
        }
    }
}
