package io.snapshotsdk.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.ThrottledException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.internal.json.Json;
import io.snapshotsdk.testing.ManualClock;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared pipeline against a real HTTP server: retries, refusals and broken answers. */
class HttpPipelineWireTest {
    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private ManualClock clock;

    @BeforeEach
    void setUp() {
        clock = ManualClock.start();
    }

    private HttpPipeline pipeline(Duration requestTimeout) {
        return HttpPipeline.builder("test")
                .transport(new JdkTransport(JdkTransport.newClient(Duration.ofSeconds(2)), requestTimeout, 1024))
                .retryPolicy(RetryPolicy.defaults(3).withRandom(() -> 0.5))
                .clock(clock)
                .sleeper(clock.sleeper())
                .requestIdHeaders("X-Request-Id")
                .clientRequestIdHeader("X-Client-Request-Id")
                .build();
    }

    private HttpPipeline pipeline() {
        return pipeline(Duration.ofSeconds(5));
    }

    private Request getThing() {
        return Request.builder("GET", URI.create(server.baseUrl() + "/thing")).operation("GetThing").build();
    }

    private Request postThing(boolean retrySafe) {
        return Request.builder("POST", URI.create(server.baseUrl() + "/thing")).operation("CreateThing")
                .body("{\"a\":1}".getBytes(), "application/json").retrySafe(retrySafe).build();
    }

    @Test
    void sendsTheRequestAsBuiltWithUserAgentAndOneClientRequestId() {
        server.stubFor(post(urlEqualTo("/thing")).willReturn(ok("{}").withHeader("X-Request-Id", "r-1")));
        Response r = pipeline().send(postThing(true));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.requestId()).contains("r-1");
        server.verify(postRequestedFor(urlEqualTo("/thing"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("User-Agent", matching("snapshot-sdk/\\S+ \\(test; java/\\d+\\.\\d+\\.\\d+\\)"))
                .withHeader("X-Client-Request-Id", matching("[0-9a-f-]{36}"))
                .withRequestBody(equalTo("{\"a\":1}")));
    }

    @Test
    void retries429HonouringRetryAfterSecondsWithTheSameClientRequestId() {
        server.stubFor(get(urlEqualTo("/thing")).inScenario("s").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        server.stubFor(get(urlEqualTo("/thing")).inScenario("s").whenScenarioStateIs("ok").willReturn(ok("done")));

        Response r = pipeline().send(getThing());

        assertThat(r.bodyText()).isEqualTo("done");
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
        var requests = server.findAll(getRequestedFor(urlEqualTo("/thing")));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getHeader("X-Client-Request-Id")).isEqualTo(requests.get(0).getHeader("X-Client-Request-Id"));
    }

    @Test
    void retries503HonouringRetryAfterAsAnHttpDate() {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(12).atOffset(ZoneOffset.UTC));
        server.stubFor(get(urlEqualTo("/thing")).inScenario("s").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", at)).willSetStateTo("ok"));
        server.stubFor(get(urlEqualTo("/thing")).inScenario("s").whenScenarioStateIs("ok").willReturn(ok("done")));

        pipeline().send(getThing());

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void givesUpAfterMaxAttemptsWithEarlierFailuresSuppressed() {
        server.stubFor(get(urlEqualTo("/thing")).willReturn(aResponse().withStatus(503).withHeader("X-Request-Id", "r-503")));

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> pipeline().send(getThing()));

        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.errorCode()).isEqualTo("503");
        assertThat(e.requestId()).contains("r-503");
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getSuppressed()).hasSize(2).allMatch(s -> s instanceof ServiceException);
        server.verify(3, getRequestedFor(urlEqualTo("/thing")));
        // Full jitter at 0.5 of the 200 ms and 400 ms ceilings.
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void doesNotRetryA400() {
        server.stubFor(get(urlEqualTo("/thing")).willReturn(aResponse().withStatus(400)));
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> pipeline().send(getThing()));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.isRetryable()).isFalse();
        server.verify(1, getRequestedFor(urlEqualTo("/thing")));
    }

    @Test
    void doesNotRetryAnUnprotectedCreateAfterAResponse() {
        server.stubFor(post(urlEqualTo("/thing")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> pipeline().send(postThing(false))).isInstanceOf(ServiceException.class);
        server.verify(1, postRequestedFor(urlEqualTo("/thing")));
    }

    @Test
    void aRetryAfterLongerThanTheCapEndsRetriesAtOnce() {
        server.stubFor(get(urlEqualTo("/thing")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1200")));
        ThrottledException e = catchThrowableOfType(ThrottledException.class, () -> pipeline().send(getThing()));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1200));
        assertThat(clock.sleeps()).isEmpty();
        server.verify(1, getRequestedFor(urlEqualTo("/thing")));
    }

    @Test
    void aDroppedConnectionIsATransportExceptionAfterRetries() {
        server.stubFor(get(urlEqualTo("/thing")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        TransportException e = catchThrowableOfType(TransportException.class, () -> pipeline().send(getThing()));
        assertThat(e.getMessage()).contains("GetThing").contains("attempt 3 of 3");
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.getSuppressed()).hasSize(2);
        // The JDK client itself resends a GET once when a connection breaks, so the server may
        // see up to two requests per attempt.
        server.verify(moreThanOrExactly(3), getRequestedFor(urlEqualTo("/thing")));
    }

    @Test
    void aResetAfterAnUnprotectedCreateWasSentIsNotRetried() {
        server.stubFor(post(urlEqualTo("/thing")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> pipeline().send(postThing(false))).isInstanceOf(TransportException.class);
        server.verify(1, postRequestedFor(urlEqualTo("/thing")));
    }

    @Test
    void anEmptyResponseIsATransportException() {
        server.stubFor(get(urlEqualTo("/thing")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        TransportException e = catchThrowableOfType(TransportException.class, () -> pipeline().send(getThing()));
        assertThat(e.getSuppressed()).hasSize(2);
        server.verify(moreThanOrExactly(3), getRequestedFor(urlEqualTo("/thing")));
    }

    @Test
    void garbageThenCloseIsATransportException() {
        server.stubFor(get(urlEqualTo("/thing")).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
        assertThat(catchThrowableOfType(TransportException.class, () -> pipeline().send(getThing()))).isNotNull();
    }

    @Test
    void aMalformedJsonBodyIsATransportExceptionWithStatusAndRequestId() {
        server.stubFor(get(urlEqualTo("/thing")).willReturn(ok("<html>proxy error</html>").withHeader("X-Request-Id", "r-html")));
        Response r = pipeline().send(getThing());
        TransportException e = catchThrowableOfType(TransportException.class, () -> Json.readObject("test", r));
        assertThat(e.httpStatus()).hasValue(200);
        assertThat(e.requestId()).contains("r-html");
        assertThat(e.getMessage()).contains("GetThing").doesNotContain("proxy error");
    }

    @Test
    void anEmptyJsonBodyIsATransportException() {
        server.stubFor(get(urlEqualTo("/thing")).willReturn(ok("")));
        Response r = pipeline().send(getThing());
        TransportException e = catchThrowableOfType(TransportException.class, () -> Json.readObject("test", r));
        assertThat(e.getMessage()).contains("empty body");
    }

    @Test
    void aSlowResponseTimesOutAndIsRetried() {
        server.stubFor(get(urlEqualTo("/thing")).willReturn(ok("late").withFixedDelay(2_000)));
        TransportException e = catchThrowableOfType(TransportException.class,
                () -> pipeline(Duration.ofMillis(200)).send(getThing()));
        assertThat(e.getMessage()).contains("timed out");
        server.verify(3, getRequestedFor(urlEqualTo("/thing")));
    }

    @Test
    void aBodyThatDribblesPastTheTimeoutTimesOut() {
        server.stubFor(get(urlEqualTo("/thing")).willReturn(ok("x".repeat(200)).withChunkedDribbleDelay(20, 2_000)));
        TransportException e = catchThrowableOfType(TransportException.class,
                () -> pipeline(Duration.ofMillis(300)).send(getThing()));
        assertThat(e.getMessage()).contains("timed out");
    }

    @Test
    void aBodyOverTheBoundIsRefusedWithoutRetry() {
        server.stubFor(get(urlEqualTo("/thing")).willReturn(ok("x".repeat(4096))));
        TransportException e = catchThrowableOfType(TransportException.class, () -> pipeline().send(getThing()));
        assertThat(e.getMessage()).contains("exceeds the limit of 1024 bytes");
        server.verify(1, getRequestedFor(urlEqualTo("/thing")));
    }

    @Test
    void redirectsAreNotFollowed() {
        server.stubFor(get(urlEqualTo("/thing")).willReturn(aResponse().withStatus(302).withHeader("Location", "http://elsewhere.invalid/")));
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> pipeline().send(getThing()));
        assertThat(e.httpStatus()).isEqualTo(302);
    }

    @Test
    void connectionRefusedIsRetriedEvenForAnUnprotectedCreate() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Request create = Request.builder("POST", URI.create("http://127.0.0.1:" + port + "/thing"))
                .operation("CreateThing").body(new byte[] {'{', '}'}, "application/json").retrySafe(false).build();
        TransportException e = catchThrowableOfType(TransportException.class, () -> pipeline().send(create));
        assertThat(e.getMessage()).contains("connection refused").contains("attempt 3 of 3");
    }

    @Test
    void signsEveryAttemptAfresh() {
        server.stubFor(get(urlEqualTo("/thing")).inScenario("s").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        server.stubFor(get(urlEqualTo("/thing")).inScenario("s").whenScenarioStateIs("ok").willReturn(ok()));
        AtomicInteger signatures = new AtomicInteger();
        HttpPipeline p = HttpPipeline.builder("test")
                .transport(new JdkTransport(JdkTransport.newClient(Duration.ofSeconds(2)), Duration.ofSeconds(5), 1024))
                .clock(clock).sleeper(clock.sleeper())
                .authenticator(chain -> chain.proceed(chain.request().toBuilder()
                        .setHeader("X-Signature", "sig-" + signatures.incrementAndGet() + "-attempt-" + chain.attempt()).build()))
                .build();
        p.send(getThing());
        var requests = server.findAll(getRequestedFor(urlEqualTo("/thing")));
        assertThat(requests).extracting(r -> r.getHeader("X-Signature")).containsExactly("sig-1-attempt-1", "sig-2-attempt-2");
    }

    @Test
    void refusesToSendToAnOriginItWasNotBuiltFor() {
        HttpPipeline p = HttpPipeline.builder("test")
                .transport(request -> { throw new AssertionError("must not be sent"); })
                .allowOrigin(URI.create("https://api.example.com"))
                .clock(clock).sleeper(clock.sleeper())
                .build();
        TransportException e = catchThrowableOfType(TransportException.class,
                () -> p.send(Request.builder("GET", URI.create("https://evil.example.net/x")).build()));
        assertThat(e.getMessage()).contains("not an origin of this client");
    }

    @Test
    void aStatusPast599IsATransportFailureNotARefusal() throws Exception {
        // The JDK passes any three digits; a refusal needs a status an error mapper can name.
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (java.net.Socket s = socket.accept()) {
                    s.getInputStream().read(new byte[8192]);
                    s.getOutputStream().write("HTTP/1.1 999 Odd\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    // the test fails on its own assertion
                }
            });
            answer.start();
            HttpPipeline p = HttpPipeline.builder("test")
                    .transport(new JdkTransport(JdkTransport.newClient(Duration.ofSeconds(2)), Duration.ofSeconds(5), 1024))
                    .retryPolicy(RetryPolicy.defaults(1))
                    .clock(clock).sleeper(clock.sleeper())
                    .build();
            TransportException e = catchThrowableOfType(TransportException.class, () -> p.send(Request.builder("GET",
                    URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/thing")).operation("GetThing").build()));
            assertThat(e.getMessage()).contains("invalid HTTP status 999");
            answer.join(5_000);
        }
    }
}
