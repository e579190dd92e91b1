package io.snapshotsdk.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.SnapshotClients;
import io.snapshotsdk.testprovider.TestJsonProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The map path: common keys parsed in one place, every problem reported at once. */
class SettingsReaderTest {

    private static InvalidRequestException invalid(Map<String, String> settings) {
        return catchThrowableOfType(InvalidRequestException.class, () -> SnapshotClients.create(TestJsonProvider.ID, settings));
    }

    @Test
    void parsesTheCommonKeys() {
        SettingsReader r = SettingsReader.of("p", Map.of("endpoint", "https://api.example.com/", "region", "eu-1",
                "allowInsecureHttp", "TRUE", "connectTimeout", "PT3S", "requestTimeout", "PT1M", "maxAttempts", "5"), n -> Optional.empty());
        var b = io.snapshotsdk.testprovider.TestJsonSettings.builder().token("t");
        r.common(b);
        var s = r.build(b::build);
        assertThat(s.endpoint()).contains(URI.create("https://api.example.com/"));
        assertThat(s.region()).contains("eu-1");
        assertThat(s.allowInsecureHttp()).isTrue();
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.maxAttempts()).isEqualTo(5);
    }

    @Test
    void reportsEveryViolationAtOnceWithTheKnownKeys() {
        InvalidRequestException e = invalid(Map.of(
                "endpoint", "https://api.example.com", "token", "t",
                "connectTimeout", "10s", "maxAttempts", "three", "allowInsecureHttp", "yes", "regoin", "eu-1"));
        assertThat(e.violations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("connectTimeout", "maxAttempts", "allowInsecureHttp", "regoin");
        assertThat(e.getMessage()).contains("unknown setting").contains("known settings: ")
                .contains("region").contains("endpoint").contains("token");
    }

    @Test
    void rulesOfTheBuiltSettingsAreReportedToo() {
        InvalidRequestException e = invalid(Map.of("endpoint", "http://api.example.com", "maxAttempts", "0", "requestTimeout", "PT0S"));
        assertThat(e.violations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("endpoint", "maxAttempts", "requestTimeout", "token");
        assertThat(e.getMessage()).contains("must use https");
    }

    @Test
    void plainHttpIsAcceptedOnlyWhenAllowed() {
        assertThat(invalid(Map.of("endpoint", "http://127.0.0.1:1", "token", "t")).violations())
                .extracting(Violation::field).containsExactly("endpoint");
        try (var c = SnapshotClients.create(TestJsonProvider.ID,
                Map.of("endpoint", "http://127.0.0.1:1", "token", "t", "allowInsecureHttp", "true"))) {
            assertThat(c.providerId()).isEqualTo(TestJsonProvider.ID);
        }
    }

    @Test
    void secretValuesNeverAppearInMessages() {
        InvalidRequestException e = invalid(Map.of("endpoint", "ftp://user:hunter2@x", "token", " ", "bogus", "s3cr3t-value"));
        assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("s3cr3t-value");
        assertThat(e.violations()).extracting(Violation::field).contains("token", "bogus");
    }

    @Test
    void environmentFillsWhatSettingsLeaveOut() {
        SettingsReader r = SettingsReader.of("p", Map.of(), n -> n.equals("P_TOKEN") ? Optional.of("from-env") : Optional.empty());
        assertThat(r.secret("token", "P_OTHER", "P_TOKEN")).contains("from-env");
        assertThat(r.string("region", "P_REGION")).isEmpty();
    }
}
