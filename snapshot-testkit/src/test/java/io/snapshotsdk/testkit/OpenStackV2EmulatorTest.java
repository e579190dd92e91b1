package io.snapshotsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotClients;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract through Keystone v2.0 password credentials, whose catalog offers Cinder v2
 * ({@code volumev2}) before v1 ({@code volume}).
 */
class OpenStackV2EmulatorTest extends OpenStackEmulatorTest {
    /** Every client of the contract authenticates with Keystone v2.0 instead of v3. */
    @Override
    protected Map<String, String> settings() {
        return v2(super.settings());
    }

    /** Returns {@code settings} pointed at Keystone v2.0, which knows no domains. */
    private static Map<String, String> v2(Map<String, String> settings) {
        Map<String, String> s = new HashMap<>(settings);
        s.computeIfPresent("authUrl", (k, url) -> url.replace("/identity/v3", "/identity/v2.0"));
        s.remove("userDomainName");
        s.remove("projectDomainId");
        return s;
    }

    @Test
    void keystoneV2AnswersWithTheTokenInTheBodyAndACatalogOfVolumeV2AndV1() throws Exception {
        HttpResponse<String> r = OpenStackEmulatorTest.send(emulator, "POST", "/identity/v2.0/tokens", null,
                "{\"auth\":{\"tenantName\":\"demo\",\"passwordCredentials\":{\"username\":\"demo\",\"password\":\"" + password() + "\"}}}");
        JsonNode access = new ObjectMapper().readTree(r.body()).path("access");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(access.path("token").path("id").asText()).startsWith("gAAAAAB");
        assertThat(access.path("token").path("tenant").path("id").asText()).isEqualTo(OpenStackEmulatorTest.PROJECT);
        assertThat(access.path("serviceCatalog").findValuesAsText("type")).containsExactly("volumev2", "volume");
        assertThat(access.path("serviceCatalog").findValuesAsText("publicURL")).containsExactly(
                emulator.baseUri() + "/openstack/v2/" + OpenStackEmulatorTest.PROJECT, emulator.baseUri() + "/openstack/v1/" + OpenStackEmulatorTest.PROJECT);

        HttpResponse<String> otherTenant = OpenStackEmulatorTest.send(emulator, "POST", "/identity/v2.0/tokens", null,
                "{\"auth\":{\"tenantName\":\"admin\",\"passwordCredentials\":{\"username\":\"demo\",\"password\":\"" + password() + "\"}}}");
        assertThat(otherTenant.statusCode()).isEqualTo(401);
        assertThat(new ObjectMapper().readTree(otherTenant.body()).path("error").path("code").asInt()).isEqualTo(401);
    }

    /** Returns the emulator's password, which is random per emulator. */
    private String password() {
        return emulator.credentials("openstack").get("password");
    }
}
