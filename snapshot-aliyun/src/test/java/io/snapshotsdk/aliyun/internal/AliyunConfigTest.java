package io.snapshotsdk.aliyun.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.aliyun.AliyunSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials and region: settings, then environment, then the credentials file. */
class AliyunConfigTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    private AliyunConfig resolve(AliyunSettings s) {
        return AliyunConfig.resolve(s, n -> Optional.ofNullable(env.get(n)), home.toString());
    }

    private void file(String name, String text) throws Exception {
        Files.createDirectories(home.resolve(".alibabacloud"));
        Files.writeString(home.resolve(".alibabacloud").resolve(name), text);
    }

    @Test
    void settingsFirst() {
        env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "envid");
        env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "envsecret");
        AliyunConfig c = resolve(AliyunSettings.builder().accessKeyId("id").accessKeySecret("secret").securityToken("tok")
                .region("cn-hangzhou").build());
        assertThat(c.accessKeyId()).isEqualTo("id");
        assertThat(c.securityToken()).contains("tok");
    }

    @Test
    void thenTheEnvironment() {
        env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "envid");
        env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "envsecret");
        env.put("ALIBABA_CLOUD_SECURITY_TOKEN", "envtoken");
        env.put("ALIBABA_CLOUD_REGION_ID", "cn-beijing");
        AliyunConfig c = resolve(AliyunSettings.builder().build());
        assertThat(c.accessKeyId()).isEqualTo("envid");
        assertThat(c.securityToken()).contains("envtoken");
        assertThat(c.region()).isEqualTo("cn-beijing");
    }

    @Test
    void halfSetEnvironmentIsAnError() {
        env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "envid");
        env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "");
        env.put("ALIBABA_CLOUD_REGION_ID", "cn-beijing");
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> resolve(AliyunSettings.builder().build())).violations())
                .extracting(Violation::field).containsExactly("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    }

    @Test
    void thenTheCredentialsFileAndItsProfile() throws Exception {
        file("credentials", "[default]\nenable = true\ntype = access_key\naccess_key_id = fileid\naccess_key_secret = filesecret\n"
                + "region_id = cn-shanghai\n\n[ops]\ntype = access_key\naccess_key_id = opsid\naccess_key_secret = opssecret\n"
                + "[role]\ntype = ram_role_arn\n[off]\nenable = false\naccess_key_id = x\naccess_key_secret = y\n");
        AliyunConfig def = resolve(AliyunSettings.builder().build());
        assertThat(def.accessKeyId()).isEqualTo("fileid");
        assertThat(def.region()).isEqualTo("cn-shanghai");

        env.put("ALIBABA_CLOUD_PROFILE", "ops");
        assertThat(resolve(AliyunSettings.builder().region("cn-hangzhou").build()).accessKeyId()).isEqualTo("opsid");

        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> resolve(AliyunSettings.builder().profile("role").region("cn-hangzhou").build())).getMessage())
                .contains("ram_role_arn").contains("not supported");
        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> resolve(AliyunSettings.builder().profile("off").region("cn-hangzhou").build())).violations())
                .extracting(Violation::field).containsExactly("accessKeyId");
    }

    @Test
    void theIniNameAndAnOverrideAreReadToo() throws Exception {
        file("credentials.ini", "[default]\naccess_key_id = iniid\naccess_key_secret = inisecret\n");
        assertThat(resolve(AliyunSettings.builder().region("cn-hangzhou").build()).accessKeyId()).isEqualTo("iniid");
        Path other = home.resolve("creds");
        Files.writeString(other, "[default]\naccess_key_id = otherid\naccess_key_secret = othersecret\n");
        env.put("ALIBABA_CLOUD_CREDENTIALS_FILE", other.toString());
        assertThat(resolve(AliyunSettings.builder().region("cn-hangzhou").build()).accessKeyId()).isEqualTo("otherid");
    }

    @Test
    void nothingFoundNamesEveryPlace() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> resolve(AliyunSettings.builder().build()));
        assertThat(e.violations()).extracting(Violation::field).containsExactly("accessKeyId", "region");
        assertThat(e.getMessage()).contains("ALIBABA_CLOUD_ACCESS_KEY_ID").contains("settings accessKeyId/accessKeySecret")
                .contains(home.resolve(".alibabacloud").resolve("credentials").toString()).contains("ALIBABA_CLOUD_REGION_ID");
    }

    @Test
    void secretsNeverPrint() {
        AliyunSettings s = AliyunSettings.builder().accessKeyId("id").accessKeySecret("s3cret").securityToken("t0ken").region("cn-hangzhou").build();
        assertThat(s.toString()).doesNotContain("s3cret").doesNotContain("t0ken");
        assertThat(resolve(s).toString()).doesNotContain("s3cret").doesNotContain("t0ken");
    }
}
