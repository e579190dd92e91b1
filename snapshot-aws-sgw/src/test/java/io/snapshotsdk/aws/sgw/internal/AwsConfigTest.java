package io.snapshotsdk.aws.sgw.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.aws.sgw.AwsSgwSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials and region in the AWS CLI's order: settings, environment, profile files. */
class AwsConfigTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final Function<String, Optional<String>> environment = n -> Optional.ofNullable(env.get(n));

    @BeforeEach
    void noFiles() {
        env.clear();
    }

    private AwsConfig resolve(AwsSgwSettings s) {
        return AwsConfig.resolve(s, environment, home.toString());
    }

    private void write(String file, String text) throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws").resolve(file), text);
    }

    @Test
    void settingsComeFirst() throws Exception {
        env.put("AWS_ACCESS_KEY_ID", "AKIDENV");
        env.put("AWS_SECRET_ACCESS_KEY", "envsecret");
        env.put("AWS_REGION", "eu-west-1");
        AwsConfig c = resolve(AwsSgwSettings.builder().accessKeyId("AKIDSET").secretAccessKey("setsecret")
                .sessionToken("settoken").region("us-east-2").build());
        assertThat(c.credentials().accessKeyId()).isEqualTo("AKIDSET");
        assertThat(c.credentials().sessionToken()).contains("settoken");
        assertThat(c.credentials().source()).isEqualTo("settings");
        assertThat(c.region()).isEqualTo("us-east-2");
    }

    @Test
    void thenTheEnvironment() {
        env.put("AWS_ACCESS_KEY_ID", "AKIDENV");
        env.put("AWS_SECRET_ACCESS_KEY", "envsecret");
        env.put("AWS_SECURITY_TOKEN", "legacytoken");
        env.put("AWS_DEFAULT_REGION", "ap-south-1");
        AwsConfig c = resolve(AwsSgwSettings.builder().build());
        assertThat(c.credentials().accessKeyId()).isEqualTo("AKIDENV");
        assertThat(c.credentials().sessionToken()).contains("legacytoken");
        assertThat(c.region()).isEqualTo("ap-south-1");
    }

    @Test
    void thenTheProfileFiles() throws Exception {
        write("credentials", "# keys\n[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = defsecret\n\n"
                + "[backup]\naws_access_key_id=AKIDBACKUP\naws_secret_access_key=backsecret ; inline comment\naws_session_token=backtoken\n");
        write("config", "[default]\nregion = us-west-2\n[profile backup]\nregion = eu-central-1\ns3 =\n  max_concurrent_requests = 10\n");

        AwsConfig def = resolve(AwsSgwSettings.builder().build());
        assertThat(def.credentials().accessKeyId()).isEqualTo("AKIDDEFAULT");
        assertThat(def.region()).isEqualTo("us-west-2");

        env.put("AWS_PROFILE", "backup");
        AwsConfig backup = resolve(AwsSgwSettings.builder().build());
        assertThat(backup.credentials().accessKeyId()).isEqualTo("AKIDBACKUP");
        assertThat(backup.credentials().secretAccessKey()).isEqualTo("backsecret");
        assertThat(backup.credentials().sessionToken()).contains("backtoken");
        assertThat(backup.region()).isEqualTo("eu-central-1");

        AwsConfig chosen = resolve(AwsSgwSettings.builder().profile("default").build());
        assertThat(chosen.credentials().accessKeyId()).isEqualTo("AKIDDEFAULT");
    }

    @Test
    void credentialsMayLiveInTheConfigFileAndFilesMayMove() throws Exception {
        Path config = home.resolve("elsewhere.ini");
        Files.writeString(config, "[profile ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = cisecret\nregion = sa-east-1\n"
                + "use_fips_endpoint = true\n");
        env.put("AWS_CONFIG_FILE", config.toString());
        AwsConfig c = resolve(AwsSgwSettings.builder().profile("ci").build());
        assertThat(c.credentials().accessKeyId()).isEqualTo("AKIDCI");
        assertThat(c.region()).isEqualTo("sa-east-1");
        assertThat(c.useFips()).isTrue();
        assertThat(c.useDualStack()).isFalse();
    }

    @Test
    void missingCredentialsAndRegionNameEveryPlaceLooked() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> resolve(AwsSgwSettings.builder().build()));
        assertThat(e.violations()).extracting(Violation::field).containsExactly("accessKeyId", "region");
        assertThat(e.getMessage()).contains("settings accessKeyId/secretAccessKey")
                .contains("AWS_ACCESS_KEY_ID").contains(home.resolve(".aws").resolve("credentials").toString())
                .contains("AWS_REGION").contains("AWS_DEFAULT_REGION");
    }

    @Test
    void anUnknownExplicitProfileIsAnError() throws Exception {
        write("credentials", "[default]\naws_access_key_id = A\naws_secret_access_key = B\n");
        env.put("AWS_REGION", "us-east-1");
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> resolve(AwsSgwSettings.builder().profile("nope").build()));
        assertThat(e.violations()).extracting(Violation::field).contains("profile");
    }

    @Test
    void secretsNeverPrint() {
        AwsSgwSettings s = AwsSgwSettings.builder().accessKeyId("AKIDX").secretAccessKey("very-secret").sessionToken("tok-secret").build();
        assertThat(s.toString()).doesNotContain("very-secret").doesNotContain("tok-secret");
        env.put("AWS_REGION", "us-east-1");
        assertThat(resolve(s).toString()).doesNotContain("very-secret").doesNotContain("tok-secret").contains("AKIDX");
    }

    @Test
    void halfACredentialIsRefused() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> AwsSgwSettings.builder().accessKeyId("AKID").build());
        assertThat(e.violations()).extracting(Violation::field).containsExactly("secretAccessKey");
    }
}
