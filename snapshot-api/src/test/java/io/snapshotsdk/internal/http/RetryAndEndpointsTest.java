package io.snapshotsdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.TransportException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retry-After parsing, backoff as data, and the endpoint rails, without a network. */
class RetryAndEndpointsTest {
    private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).contains(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(RetryAfter.parseMillis("1500")).contains(Duration.ofMillis(1500));
        assertThat(RetryAfter.parseMillis("99999999999999999999")).contains(Duration.ofMillis(Long.MAX_VALUE));
        assertThat(RetryAfter.parseMillis("-1")).isEmpty();
        assertThat(RetryAfter.parseMillis("1.5")).isEmpty();
        assertThat(RetryAfter.parseMillis("")).isEmpty();
    }

    @Test
    void backoffIsExponentialWithFullJitterUpToTheCap() {
        RetryPolicy top = RetryPolicy.defaults(10).withRandom(() -> 0.999999);
        assertThat(top.delayAfter(1, Optional.empty()).orElseThrow()).isLessThan(Duration.ofMillis(200));
        assertThat(top.delayAfter(2, Optional.empty()).orElseThrow()).isBetween(Duration.ofMillis(399), Duration.ofMillis(400));
        assertThat(top.delayAfter(9, Optional.empty()).orElseThrow()).isBetween(Duration.ofMillis(19_999), Duration.ofSeconds(20));
        RetryPolicy bottom = RetryPolicy.defaults(10).withRandom(() -> 0.0);
        assertThat(bottom.delayAfter(5, Optional.empty())).contains(Duration.ZERO);
    }

    @Test
    void aRequestedPauseReplacesTheDrawUnlessItIsTooLong() {
        RetryPolicy p = RetryPolicy.defaults(3);
        assertThat(p.delayAfter(1, Optional.of(Duration.ofSeconds(5)))).contains(Duration.ofSeconds(5));
        assertThat(p.delayAfter(1, Optional.of(Duration.ofSeconds(61)))).isEmpty();
    }

    @Test
    void endpointsMustBeHttpsUnlessPlainHttpIsAllowed() {
        assertThat(Endpoints.checkEndpoint("p", "endpoint", URI.create("https://api.example.com/v1/"), false))
                .isEqualTo(URI.create("https://api.example.com/v1"));
        assertThatThrownBy(() -> Endpoints.checkEndpoint("p", "endpoint", URI.create("http://api.example.com"), false))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("allowInsecureHttp");
        assertThat(Endpoints.checkEndpoint("p", "endpoint", URI.create("http://127.0.0.1:8080"), true))
                .isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(Endpoints.problem(URI.create("/relative"), true)).contains("absolute");
        assertThat(Endpoints.problem(URI.create("https://u:p@h.example.com"), false)).contains("user-info");
        assertThat(Endpoints.problem(URI.create("https://h.example.com/?a=b"), false)).contains("query");
        assertThat(Endpoints.problem(URI.create("ftp://h.example.com"), true)).contains("https");
    }

    @Test
    void pollUrlsMustStayOnTheEndpointsOrigin() {
        URI endpoint = URI.create("https://management.azure.com");
        assertThat(Endpoints.requireSameOrigin("azure", endpoint,
                "https://management.azure.com/subscriptions/s/providers/Microsoft.Compute/locations/x/operations/1?p=a"))
                .hasHost("management.azure.com");
        assertThat(Endpoints.requireSameOrigin("azure", endpoint, "https://MANAGEMENT.azure.com:443/x")).isNotNull();
        for (String bad : new String[] {"https://evil.example.com/x", "http://management.azure.com/x",
                "https://management.azure.com:8443/x", "/relative/path", "https://user@management.azure.com/x", "https://[bad"}) {
            assertThatThrownBy(() -> Endpoints.requireSameOrigin("azure", endpoint, bad)).as(bad)
                    .isInstanceOf(TransportException.class);
        }
    }

    @Test
    void pathSegmentsAreEncodedByOneHelper() {
        URI base = URI.create("https://api.example.com/v2/");
        assertThat(Endpoints.path("p", "id", base, "snapshots", "a b/c?d#e"))
                .hasToString("https://api.example.com/v2/snapshots/a%20b%2Fc%3Fd%23e");
        for (String bad : new String[] {"", ".", ".."}) {
            assertThatThrownBy(() -> Endpoints.path("p", "snapshotId", base, "snapshots", bad))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("snapshotId");
        }
    }

    @Test
    void headersRefuseInjectedLines() {
        assertThatThrownBy(() -> Headers.builder().add("X-A", "v\r\nX-Evil: 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Headers.builder().add("Bad Name", "v")).isInstanceOf(IllegalArgumentException.class);
        Headers h = Headers.builder().add("A", "1").add("a", "2").add("B", "3").build();
        assertThat(h.all("A")).containsExactly("1", "2");
        assertThat(h.toBuilder().set("a", "9").build().all("A")).containsExactly("9");
    }
}
