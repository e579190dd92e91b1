package io.snapshotsdk.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.snapshotsdk.testkit.Fault;
import io.snapshotsdk.testkit.SnapshotEmulator;
import io.snapshotsdk.testkit.SnapshotEmulatorExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command against the emulator, through the real provider clients: output and exit codes. */
@ExtendWith(SnapshotEmulatorExtension.class)
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("provider", "id", "name", "description", "sourceId", "state",
            "providerState", "progressPercent", "createdAt", "sizeBytes", "tags", "requestId");

    /** For the refusals the emulator has no reason to give. */
    @RegisterExtension
    static final WireMockExtension cloud = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private SnapshotEmulator emulator;

    record Result(int exit, String out, String err) {
        List<JsonNode> jsonLines() {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    nodes.add(read(line));
                }
            }
            return nodes;
        }

        JsonNode jsonError() {
            String[] lines = err.strip().split("\n");
            return read(lines[lines.length - 1]);
        }

        private static JsonNode read(String line) {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }
    }

    @BeforeEach
    void setUp(SnapshotEmulator emulator) {
        this.emulator = emulator.reset();
        Demo.disks(emulator).forEach((provider, disk) -> emulator.addDisk(provider, disk, 10));
        emulator.readsUntilReady(2);
    }

    // ---- commands ------------------------------------------------------------------------

    @Test
    void helpListsTheCommandsAndEveryExitCode() {
        Result r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("providers", "create", "get", "delete", "wait", "demo", "--output text|json");
        for (ExitCode c : ExitCode.values()) {
            assertThat(r.out()).containsPattern("\\s" + c.code + "\\s+" + c.meaning);
        }
    }

    @Test
    void versionNamesTheTool() {
        Result r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("snapshot-cli ");
    }

    @Test
    void providersListsAllFive() {
        assertThat(run("providers").out().lines().toList()).containsExactly("aliyun", "aws-sgw", "azure", "openstack", "yandex");
        assertThat(run("providers", "--output", "json").jsonLines()).extracting(n -> n.get("provider").asText())
                .containsExactly("aliyun", "aws-sgw", "azure", "openstack", "yandex");
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure", "yandex", "aws-sgw", "aliyun", "openstack"})
    void createsWaitsReadsAndDeletesOnEveryProvider(String provider) {
        Result created = run(client(provider, "create", "--source", Demo.disks(emulator).get(provider), "--name", "cli-" + provider,
                "--description", provider.equals("azure") ? null : "from the shell", "--tag", "team=storage", "--output", "json"));
        assertThat(created.exit()).as(created.err()).isZero();
        JsonNode snapshot = created.jsonLines().get(0);
        String id = snapshot.get("id").asText();
        assertThat(snapshot.get("provider").asText()).isEqualTo(provider);
        assertThat(snapshot.get("state").asText()).isIn("CREATING", "UNKNOWN");

        Result waited = run(client(provider, "wait", "--poll-interval", "10ms", "--output", "json", id));
        assertThat(waited.exit()).as(waited.err()).isZero();
        assertThat(waited.jsonLines().get(0).get("state").asText()).isEqualTo("READY");
        assertThat(waited.err()).contains(id);

        Result got = run(client(provider, "get", id));
        assertThat(got.exit()).isZero();
        assertThat(got.out()).containsPattern("(?m)^id\\s+" + java.util.regex.Pattern.quote(id) + "$")
                .containsPattern("(?m)^state\\s+READY").containsPattern("(?m)^provider\\s+" + provider + "$");

        Result deleted = run(client(provider, "delete", id));
        assertThat(deleted.exit()).isZero();
        assertThat(deleted.out()).isEqualTo("deleted " + id + System.lineSeparator());
        assertThat(emulator.snapshots(provider)).isEmpty();
        assertThat(run(client(provider, "get", id)).exit()).isEqualTo(ExitCode.NOT_FOUND.code);
    }

    @Test
    void createWithWaitPrintsOneProgressLinePerChangeWhenNotOnATerminal() {
        Result r = run(client("aliyun", "create", "--source", disk("aliyun"), "--name", "nightly", "--wait", "--poll-interval",
                "10ms"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^state\\s+READY");
        List<String> progress = r.err().lines().toList();
        assertThat(progress).anyMatch(l -> l.matches("aliyun s-\\w+ CREATING \\d+% after .*"));
        assertThat(progress).last().asString().matches("aliyun s-\\w+ READY 100% after .*");
        assertThat(progress).doesNotHaveDuplicates().noneMatch(l -> l.contains("\r"));
    }

    @Test
    void createWithWaitDrawsABarOnATerminal() {
        Result r = runOnTerminal(client("aliyun", "create", "--source", disk("aliyun"), "--name", "nightly", "--wait",
                "--poll-interval", "10ms"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("\r[").containsPattern("\\[#{30}\\] 100%  READY").endsWith(System.lineSeparator());
    }

    @Test
    void jsonHasTheSameFieldsForEveryProvider() {
        for (String provider : Demo.disks(emulator).keySet()) {
            Result r = run(client(provider, "create", "--source", disk(provider), "--name", "fields-" + provider,
                    "--description", provider.equals("azure") ? null : "from the shell", "--output", "json"));
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode n = r.jsonLines().get(0);
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            assertThat(names).as(provider).containsExactlyElementsOf(FIELDS);
        }
    }

    @Test
    void theDemoRunsEveryProviderAndCleansUp() {
        Result r = run("demo");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("PROVIDER").contains("SNAPSHOT ID", "STATE", "TIME");
        assertThat(lines.subList(1, lines.size())).hasSize(5)
                .allMatch(l -> l.matches("(azure|yandex|aws-sgw|aliyun|openstack)\\s+\\S+\\s+READY\\s+\\S+\\s+deleted"));
    }

    @Test
    void theDemoInJsonPrintsOneReadySnapshotPerProvider() {
        Result r = run("demo", "--output", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.jsonLines()).extracting(n -> n.get("provider").asText() + " " + n.get("state").asText())
                .containsExactly("azure READY", "yandex READY", "aws-sgw READY", "aliyun READY", "openstack READY");
    }

    // ---- usage errors --------------------------------------------------------------------

    @Test
    void withoutACommandItExplainsAndExitsWithTheUsageCode() {
        Result r = run();
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code);
        assertThat(r.err()).contains("no command given", "--help");
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageError() {
        assertThat(run("snapshot").err()).contains("no command 'snapshot'");
        Result r = run("get", "--provider", "aliyun", "--colour", "red", "s-1");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code);
        assertThat(r.err()).contains("'get' has no option --colour");
    }

    @Test
    void missingOrMalformedValuesAreUsageErrors() {
        assertThat(run("get", "s-1").err()).contains("'get' needs --provider");
        assertThat(run("get", "--provider").err()).contains("--provider needs a value");
        assertThat(run("create", "--provider", "aliyun", "--source", "d", "--tag", "team").err()).contains("key=value");
        assertThat(run("create", "--provider", "aliyun", "--source", "d", "--timeout", "5m").err()).contains("need --wait");
        assertThat(run("wait", "--provider", "aliyun", "--timeout", "soon", "s-1").err()).contains("90s, 30m or PT1H");
        assertThat(run("get", "--provider", "aliyun", "--output", "yaml", "s-1").exit()).isEqualTo(ExitCode.USAGE.code);
    }

    // ---- one error per exception type ----------------------------------------------------

    @Test
    void anInvalidRequestIsRefusedBeforeSending() {
        Result r = run(client("yandex", "create", "--source", disk("yandex"), "--name", "Not_A_Yandex_Name"));
        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_REQUEST.code);
        assertThat(r.err()).startsWith("error: InvalidRequestException").contains("provider", "yandex", "- name");
        assertThat(emulator.snapshots("yandex")).isEmpty();
    }

    @Test
    void anUnknownSettingIsAnInvalidRequest() {
        Result r = run(client("aliyun", "get", "--set", "regoin=cn-hangzhou", "s-bp17441ohwka0yuh1111"));
        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_REQUEST.code);
        assertThat(r.err()).contains("regoin");
    }

    @Test
    void wrongCredentialsExitWithTheAuthenticationCodeAndNeverPrintTheSecret() {
        Map<String, String> settings = emulator.settings("aliyun");
        String secret = settings.get("accessKeySecret");
        String wrong = "wrong-" + secret;
        Result r = run(client("aliyun", "create", "--set", "accessKeySecret=" + wrong, "--source", disk("aliyun"), "--name", "nightly"));
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.AUTHENTICATION.code);
        assertThat(r.err()).startsWith("error: AuthenticationException")
                .containsPattern("code\\s+\\S+").containsPattern("httpStatus\\s+\\d{3}").containsPattern("requestId\\s+\\S+");
        assertThat(r.out() + r.err()).doesNotContain(secret).doesNotContain(wrong);
    }

    @Test
    void aPermissionRefusalExitsWithItsCode() {
        stubAliyunRefusal(403, "Forbidden.RAM");
        Result r = run(wireMockAliyun("get", "s-bp17441ohwka0yuh1111"));
        assertThat(r.exit()).isEqualTo(ExitCode.PERMISSION_DENIED.code);
        assertThat(r.err()).contains("PermissionDeniedException", "Forbidden.RAM", "403", "0D5C25B4-A07C-4AA7-A6DC-0B5C0E4D6AF1");
    }

    @Test
    void aQuotaRefusalExitsWithItsCode() {
        stubAliyunRefusal(403, "QuotaExceed.Snapshot");
        Result r = run(wireMockAliyun("create", "--source", "d-bp1s5fnvk4gn2tws0abcd", "--name", "nightly"));
        assertThat(r.exit()).isEqualTo(ExitCode.QUOTA_EXCEEDED.code);
        assertThat(r.err()).contains("QuotaExceededException", "QuotaExceed.Snapshot");
    }

    @Test
    void anUnknownSnapshotExitsWithTheNotFoundCode() {
        Result r = run(client("aliyun", "get", "s-bp17441ohwka0yuh1111"));
        assertThat(r.exit()).isEqualTo(ExitCode.NOT_FOUND.code);
        assertThat(r.err()).contains("NotFoundException", "aliyun");
    }

    @Test
    void aSecondSnapshotWhileOneIsMadeIsAConflict() {
        emulator.readsUntilReady(100);
        assertThat(run(client("aliyun", "create", "--source", disk("aliyun"), "--name", "first")).exit()).isZero();
        Result r = run(client("aliyun", "create", "--set", "maxAttempts=1", "--source", disk("aliyun"), "--name", "second"));
        assertThat(r.exit()).isEqualTo(ExitCode.CONFLICT.code);
        assertThat(r.err()).contains("ConflictException", "IncorrectDiskStatus.CreatingSnapshot");
    }

    @Test
    void throttlingOnEveryAttemptExitsWithTheThrottledCode() {
        emulator.inject("aliyun", Fault.throttle(java.time.Duration.ofSeconds(1)));
        Result r = run(client("aliyun", "get", "--set", "maxAttempts=1", "s-bp17441ohwka0yuh1111"));
        assertThat(r.exit()).isEqualTo(ExitCode.THROTTLED.code);
        assertThat(r.err()).contains("ThrottledException", "Throttling");
    }

    @Test
    void aServerErrorOnEveryAttemptExitsWithTheServiceCode() {
        emulator.inject("azure", Fault.serverError());
        Result r = run(client("azure", "get", "--set", "maxAttempts=1", "nightly"));
        assertThat(r.exit()).isEqualTo(ExitCode.SERVICE.code);
        assertThat(r.err()).contains("ServiceException", "500");
    }

    @Test
    void aDroppedConnectionExitsWithTheTransportCode() {
        // Two drops: the JDK's client itself sends a GET once more after the first.
        emulator.inject("yandex", Fault.dropConnection().times(2));
        Result r = run(client("yandex", "get", "--set", "maxAttempts=1", "fd8snapshot0000000001"));
        assertThat(r.exit()).isEqualTo(ExitCode.TRANSPORT.code);
        assertThat(r.err()).startsWith("error: TransportException");
    }

    @Test
    void aCreateWithAnUnknownOutcomeHasItsOwnCode() {
        Map<String, String> v1 = new LinkedHashMap<>(emulator.settings("openstack"));
        v1.put("volumeApiVersion", "1");
        emulator.inject("openstack", Fault.dropConnection());
        List<String> args = new ArrayList<>(List.of("create", "--provider", "openstack", "--source", disk("openstack")));
        v1.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        Result r = run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.CREATE_OUTCOME_UNKNOWN.code);
        assertThat(r.err()).startsWith("error: CreateOutcomeUnknownException");
    }

    @Test
    void aSnapshotThatFailsExitsWithTheOperationFailedCode() {
        emulator.inject("openstack", Fault.failSnapshot());
        Result r = run(client("openstack", "create", "--source", disk("openstack"), "--wait", "--poll-interval", "10ms"));
        assertThat(r.exit()).isEqualTo(ExitCode.OPERATION_FAILED.code);
        assertThat(r.err()).contains("OperationFailedException", "snapshotId");
    }

    @Test
    void aSnapshotNotReadyInTimeExitsWithTheTimeoutCode() {
        emulator.readsUntilReady(1_000_000);
        Result r = run(client("aws-sgw", "create", "--source", disk("aws-sgw"), "--description", "slow", "--wait", "--timeout",
                "300ms", "--poll-interval", "20ms", "--output", "json"));
        assertThat(r.exit()).isEqualTo(ExitCode.WAIT_TIMEOUT.code);
        JsonNode error = r.jsonError();
        assertThat(error.get("error").asText()).isEqualTo("WaitTimeoutException");
        assertThat(error.get("exitCode").asInt()).isEqualTo(ExitCode.WAIT_TIMEOUT.code);
        assertThat(error.get("lastState").asText()).isEqualTo("CREATING");
        assertThat(error.get("provider").asText()).isEqualTo("aws-sgw");
    }

    @Test
    void aRefusalInJsonCarriesCodeStatusAndRequestId() {
        Result r = run(client("azure", "get", "--output", "json", "missing-snapshot"));
        assertThat(r.exit()).isEqualTo(ExitCode.NOT_FOUND.code);
        assertThat(r.out()).isEmpty();
        JsonNode error = r.jsonError();
        assertThat(error.get("error").asText()).isEqualTo("NotFoundException");
        assertThat(error.get("provider").asText()).isEqualTo("azure");
        assertThat(error.get("httpStatus").asInt()).isEqualTo(404);
        assertThat(error.get("code").asText()).isNotBlank();
        assertThat(error.get("requestId").asText()).isNotBlank();
        assertThat(error.get("retryable").asBoolean()).isFalse();
    }

    // ---- helpers -------------------------------------------------------------------------

    private String disk(String provider) {
        return Demo.disks(emulator).get(provider);
    }

    /** Returns {@code command} for {@code provider} with the emulator's settings; null values drop their option. */
    private String[] client(String provider, String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command, "--provider", provider));
        emulator.settings(provider).forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        Iterator<String> it = Arrays.asList(rest).iterator();
        while (it.hasNext()) {
            String word = it.next();
            if (word.startsWith("--") && !word.equals("--wait") && it.hasNext()) {
                String value = it.next();
                if (value != null) {
                    args.add(word);
                    args.add(value);
                }
            } else {
                args.add(word);
            }
        }
        return args.toArray(String[]::new);
    }

    private void stubAliyunRefusal(int status, String code) {
        cloud.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"RequestId\":\"0D5C25B4-A07C-4AA7-A6DC-0B5C0E4D6AF1\",\"HostId\":\"ecs.cn-hangzhou.aliyuncs.com\","
                        + "\"Code\":\"" + code + "\",\"Message\":\"refused\",\"Recommend\":\"\"}")));
    }

    private String[] wireMockAliyun(String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command, "--provider", "aliyun", "--set", "endpoint=" + cloud.baseUrl(),
                "--set", "allowInsecureHttp=true", "--set", "region=cn-hangzhou", "--set", "accessKeyId=LTAI5tTestKeyId",
                "--set", "accessKeySecret=test-secret", "--set", "maxAttempts=1"));
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    private static Result run(String... args) {
        return run(false, args);
    }

    private static Result runOnTerminal(String... args) {
        return run(true, args);
    }

    private static Result run(boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = new Cli(o, e, terminal).run(args);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
