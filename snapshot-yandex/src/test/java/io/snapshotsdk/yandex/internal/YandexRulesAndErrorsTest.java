package io.snapshotsdk.yandex.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.ConflictException;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.PermissionDeniedException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.ThrottledException;
import io.snapshotsdk.internal.http.Headers;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.yandex.HardwareGeneration;
import io.snapshotsdk.yandex.YandexSnapshotOptions;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The proto's rules, the camelCase body, and the gRPC code table. */
class YandexRulesAndErrorsTest {
    private static final Optional<String> FOLDER = Optional.of("b1gt6g8ht345abcdefgh");

    private static CreateSnapshotRequest.Builder request() {
        return CreateSnapshotRequest.builder().sourceId("epd89t47vnhdabcdefgh");
    }

    private static List<String> violations(CreateSnapshotRequest r) {
        return catchThrowableOfType(InvalidRequestException.class, () -> YandexRules.createBody(r, FOLDER)).violations()
                .stream().map(Violation::field).toList();
    }

    static String fixture(String name) throws Exception {
        try (InputStream in = YandexRulesAndErrorsTest.class.getResourceAsStream("/wire/yandex/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theBodyIsCamelCaseWithLabelsAsAnObject() throws Exception {
        var body = YandexRules.createBody(request().name("my-gen2-snapshot").description("nightly backup")
                .putTags("env", "prod").putTags("owner", "team-a")
                .options(YandexSnapshotOptions.builder().hardwareGeneration(HardwareGeneration.generation2()).build()).build(), FOLDER);
        assertThat(body).isEqualTo(new ObjectMapper().readTree(fixture("create-request-gen2.json")));
        var legacy = YandexRules.createBody(request().options(YandexSnapshotOptions.builder().folderId("b1gother")
                .hardwareGeneration(HardwareGeneration.legacy(HardwareGeneration.PciTopology.PCI_TOPOLOGY_V2)).build()).build(), FOLDER);
        assertThat(legacy.toString()).isEqualTo("{\"folderId\":\"b1gother\",\"diskId\":\"epd89t47vnhdabcdefgh\","
                + "\"hardwareGeneration\":{\"legacyFeatures\":{\"pciTopology\":\"PCI_TOPOLOGY_V2\"}}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "nightly", "db_backup-01", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk", ""})
    void goodNames(String name) {
        YandexRules.createBody(request().name(name).build(), FOLDER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Nightly", "1snap", "snap-", "snap_", "with space", "-x"})
    void badNames(String name) {
        assertThat(violations(request().name(name).build())).containsExactly("name");
    }

    @Test
    void idsInUrlPathsAreLettersDigitsDashAndUnderscore() {
        YandexRules.checkId("snapshotId", "fd8apannhdo9abcdefgh");
        YandexRules.checkId("operationId", "x".repeat(50));
        for (String bad : new String[] {"", " ", "..", "a/b", "%2F", "%2e%2e", "a\\b", "a?b", "a#b", "a\r\nb", "a\u0000", "a\uFF0Fb",
            "a\u2215b", "é", "x".repeat(51)}) {
            assertThat(catchThrowableOfType(InvalidRequestException.class, () -> YandexRules.checkId("snapshotId", bad))).as(bad).isNotNull();
        }
    }

    @Test
    void lengthsLabelsAndTheFolder() {
        assertThat(violations(request().name("a".repeat(64)).build())).containsExactly("name");
        assertThat(violations(request().description("d".repeat(257)).build())).containsExactly("description");
        assertThat(violations(request().putTags("Env", "prod").build())).containsExactly("tags[Env]");
        assertThat(violations(request().putTags("env", "Prod").build())).containsExactly("tags[env]");
        assertThat(violations(request().putTags("k".repeat(64), "v").build())).hasSize(1);
        assertThat(violations(request().putTags("k", "v".repeat(64)).build())).containsExactly("tags[k]");
        YandexRules.createBody(request().putTags("a/b.c@d_e-f", "x/y.z@1_2-3").putTags("k", "").build(), FOLDER);
        CreateSnapshotRequest.Builder many = request();
        for (int i = 0; i < 65; i++) {
            many.putTags("k" + i, "v");
        }
        assertThat(violations(many.build())).containsExactly("tags");
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> YandexRules.createBody(request().build(), Optional.empty()))
                .violations()).extracting(Violation::field).containsExactly("folderId");
        assertThat(violations(request().sourceId("d".repeat(51)).build())).containsExactly("sourceId");
    }

    static Response response(int status, String body) {
        return new Response(status, Headers.builder().add("x-server-trace-id", "trace-1").build(), body.getBytes(StandardCharsets.UTF_8),
                Request.builder("GET", URI.create("https://compute.api.cloud.yandex.net/x")).build());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "1, 499, CANCELLED, OTHER, false", "2, 500, UNKNOWN, OTHER, true", "3, 400, INVALID_ARGUMENT, OTHER, false",
        "4, 504, DEADLINE_EXCEEDED, OTHER, true", "5, 404, NOT_FOUND, NOT_FOUND, false", "6, 409, ALREADY_EXISTS, CONFLICT, false",
        "7, 403, PERMISSION_DENIED, PERMISSION, false", "8, 429, RESOURCE_EXHAUSTED, THROTTLED, true",
        "9, 400, FAILED_PRECONDITION, CONFLICT, false", "10, 409, ABORTED, CONFLICT, true", "11, 400, OUT_OF_RANGE, OTHER, false",
        "12, 501, UNIMPLEMENTED, OTHER, false", "13, 500, INTERNAL, OTHER, true", "14, 503, UNAVAILABLE, OTHER, true",
        "15, 500, DATA_LOSS, OTHER, false", "16, 401, UNAUTHENTICATED, AUTHENTICATION, false"
    })
    void everyGrpcCode(int code, int status, String name, String kind, boolean retryable) {
        ServiceException e = YandexErrors.map(response(status, YandexStubsBody.error(code)), Clock.systemUTC());
        Class<? extends ServiceException> type = switch (kind) {
            case "NOT_FOUND" -> NotFoundException.class;
            case "CONFLICT" -> ConflictException.class;
            case "PERMISSION" -> PermissionDeniedException.class;
            case "AUTHENTICATION" -> AuthenticationException.class;
            case "THROTTLED" -> ThrottledException.class;
            default -> ServiceException.class;
        };
        assertThat(e.getClass()).isEqualTo(type);
        assertThat(e.errorCode()).isEqualTo(name);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.requestId()).contains("req-" + code);
        assertThat(e.attributes()).containsEntry("grpcCode", Integer.toString(code)).containsEntry("serverTraceId", "trace-1");
    }

    @Test
    void theDocumentedBodies() throws Exception {
        ServiceException unauthenticated = YandexErrors.map(response(401, fixture("error-401.json")), Clock.systemUTC());
        assertThat(unauthenticated).isInstanceOf(AuthenticationException.class);
        assertThat(unauthenticated.requestId()).contains("e38e71c3-adc6-4584-98a4-b0f103d55f61");
        assertThat(unauthenticated.getMessage()).contains("Token is invalid or has expired.");
        assertThat(YandexErrors.map(response(400, fixture("error-400.json")), Clock.systemUTC()).errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(YandexErrors.map(response(404, fixture("error-404.json")), Clock.systemUTC())).isInstanceOf(NotFoundException.class);
        assertThat(YandexErrors.map(response(502, "<html>bad gateway</html>"), Clock.systemUTC()).errorCode()).isEqualTo("502");
    }

    @Test
    void ycTokenIsAnIamTokenOnlyWhenItLooksLikeOne() {
        assertThat(YandexClient.looksLikeIamToken("t1.9euelZq.abc")).isTrue();
        assertThat(YandexClient.looksLikeIamToken("y0_AgAAAAAA")).isFalse();
        assertThat(YandexClient.looksLikeIamToken("t1.a.b.c")).isFalse();
    }

    /** Error bodies with a RequestInfo detail. */
    static final class YandexStubsBody {
        static String error(int code) {
            return "{\"code\":" + code + ",\"message\":\"m\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\","
                    + "\"requestId\":\"req-" + code + "\"}]}";
        }
    }
}
