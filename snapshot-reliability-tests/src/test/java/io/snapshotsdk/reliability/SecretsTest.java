package io.snapshotsdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.aliyun.AliyunSettings;
import io.snapshotsdk.aws.sgw.AwsSgwSettings;
import io.snapshotsdk.azure.AzureSettings;
import io.snapshotsdk.internal.http.Headers;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.openstack.OpenStackSettings;
import io.snapshotsdk.reliability.FaultProxy.Exchange;
import io.snapshotsdk.reliability.Scoreboard.Group;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.yandex.YandexSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Group 7, secrets. The emulator's credentials are random per emulator, so they are canaries
 * unique to this run; so are the tokens it issues (read off the proxy's journal) and the wrong
 * credentials tried here. Every operation of every provider is driven, and so are its failures
 * (not found, a bad disk, server errors, throttling, dropped connections, refused tokens, wrong
 * credentials, an endpoint with user-info, a misspelt setting), and no canary may appear in an
 * exception's message or {@code toString} (causes and suppressed, recursively), in
 * {@code ErrorDetails}, a snapshot, a client, settings, a request or response, or any SDK log
 * record at {@code ALL}.
 *
 * <p>Swept over the whole suite: {@link SecretsSweepListener}, registered as a launcher listener,
 * installs {@link SecretsCapture} before the first test of the run, and every SDK log record of
 * every test class is checked as it is logged against the shapes of the emulator's secrets and
 * tokens (random, with fixed prefixes, so no list of values is needed). A leak throws into the
 * logging call, so the test that caused it fails wherever it runs, and the listener reports every
 * leak in {@code target/secrets-sweep.md} at the end. That is more robust than a last test or a
 * listener that throws: JUnit has no last test by default and only logs what a listener throws.
 */
class SecretsTest {
    /** The setting keys whose values are secrets. */
    private static final Set<String> SECRET_KEYS = Set.of("accessKeySecret", "secretAccessKey", "clientSecret", "password",
            "applicationCredentialSecret", "apiKey", "oauthToken", "serviceAccountKeyFile", "accessToken", "iamToken", "token",
            "securityToken", "sessionToken");
    private static final Pattern PEM_LINE = Pattern.compile("[0-9A-Za-z+/=]{40,}");

    private static Rig rig;

    @BeforeAll
    static void start() {
        SecretsCapture.install();
        rig = Rig.start();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @BeforeEach
    void reset() {
        rig.reset();
        SecretsCapture.recording();
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void noOperationOrFailureShowsACredentialOrToken(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.SECRETS, cloud, () -> {
            Set<String> canaries = canaries(cloud);
            List<Throwable> failures = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            rig.emulator.readsUntilReady(1);

            SnapshotClient client = rig.client(cloud, s -> TokensTest.with(s, "maxAttempts", "3"));
            values.add(client);
            Snapshot created = client.createSnapshot(cloud.request(rig.diskId(cloud)).build());
            Snapshot ready = client.awaitSnapshot(created, WaitOptions.defaults());
            Snapshot read = client.getSnapshot(ready.id());
            Snapshot async = client.awaitSnapshotAsync(read, WaitOptions.defaults()).join();
            values.addAll(List.of(created, ready, read, async));
            client.deleteSnapshot(ready.id());

            failing(failures, () -> client.getSnapshot(PinningTest.unknownId(cloud)));
            failing(failures, () -> client.deleteSnapshot(PinningTest.unknownId(cloud)));
            failing(failures, () -> client.createSnapshot(cloud.request(otherDisk(cloud)).build()));
            rig.proxy.on(notAuthentication(), repeat(TokensTest.serverError(), 3));
            failing(failures, () -> client.getSnapshot(read.id()));
            rig.proxy.reset();
            rig.proxy.on(notAuthentication(), repeat(TokensTest.throttled(), 3));
            failing(failures, () -> client.createSnapshot(cloud.request(rig.diskId(cloud)).name("throttled").build()));
            rig.proxy.reset();
            rig.proxy.on(notAuthentication(), repeat(Answers.reset(), 3));
            failing(failures, () -> client.getSnapshot(read.id()));
            rig.proxy.reset();
            rig.proxy.on(notAuthentication(), repeat(Answers.status(401, "application/json",
                    "{\"error\":{\"code\":\"ExpiredAuthenticationToken\",\"message\":\"The access token expiry has passed.\"},"
                            + "\"code\":16,\"message\":\"Token is invalid or has expired.\"}"), 6));
            failing(failures, () -> client.getSnapshot(read.id()));
            rig.proxy.reset();

            String wrong = "wrong-" + UUID.randomUUID();
            canaries.add(wrong);
            failing(failures, () -> rig.client(cloud, s -> wrongCredentials(cloud, s, wrong)).getSnapshot(read.id()));
            String inUserInfo = "userinfo-" + UUID.randomUUID();
            canaries.add(inUserInfo);
            failing(failures, () -> rig.client(cloud, s -> withUserInfo(s, inUserInfo)).getSnapshot(read.id()));
            String misspelt = "misspelt-" + UUID.randomUUID();
            canaries.add(misspelt);
            failing(failures, () -> rig.client(cloud, s -> TokensTest.with(s, "clientSecrett", misspelt)).getSnapshot(read.id()));

            // At least the wrong credentials, the refused token, the faults and the misspelt setting failed.
            assertThat(failures).hasSizeGreaterThanOrEqualTo(7);
            assertThat(failures).anySatisfy(f -> assertThat(f).isInstanceOf(ServiceException.class));
            canaries.addAll(issuedTokens());
            List<String> records = SecretsCapture.recorded();
            assertThat(records).as("the SDK's records at ALL").anySatisfy(r -> assertThat(r).contains(cloud.id).contains("attempt"));

            assertNoCanary(canaries, failures, values, records);
        });
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void settingsRequestsAndResponsesPrintNoSecret(Cloud cloud) throws Throwable {
        Scoreboard.run(Group.SECRETS, cloud, () -> {
            String canary = "canary-" + UUID.randomUUID();
            List<Object> values = new ArrayList<>();
            values.add(typedSettings(cloud, canary));
            Map<String, String> settings = new HashMap<>(rig.settings(cloud));
            settings.replaceAll((k, v) -> SECRET_KEYS.contains(k) ? canary : v);
            values.add(ProviderContext.builder().settings(settings).build());
            Request request = Request.builder("POST", URI.create("https://example.com/a?Signature=" + canary + "&AccessKeyId=" + canary))
                    .header("Authorization", "Bearer " + canary)
                    .header("X-Auth-Token", canary)
                    .header("X-Amz-Security-Token", canary)
                    .header("x-acs-security-token", canary)
                    .body(("{\"password\":\"" + canary + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json")
                    .build();
            values.add(request);
            values.add(request.headers());
            values.add(new Response(201, Headers.builder().add("X-Subject-Token", canary).add("Set-Cookie", canary).build(), new byte[0],
                    request));
            values.add(CreateSnapshotRequest.builder().sourceId("disk").idempotencyToken(canary).build());

            assertNoCanary(Set.of(canary), List.of(), values, List.of());
        });
    }

    @Test
    void everySdkRecordOfTheRunSoFarWasSweptAndNoneHeldASecret() {
        assertThat(SecretsCapture.seen()).isPositive();
        assertThat(SecretsCapture.leaks()).isEmpty();
    }

    /** Returns the credentials the emulator accepts for {@code cloud}: random per emulator, so canaries of this run. */
    private static Set<String> canaries(Cloud cloud) {
        Set<String> out = new LinkedHashSet<>();
        rig.emulator.credentials(cloud.id).forEach((key, value) -> {
            if (SECRET_KEYS.contains(key)) {
                // The whole-run sweep knows the emulator's secrets by their shape: keep it in step.
                assertThat(SecretsCapture.EMULATOR_SECRET.matcher(value).find()).as(key + " has a known shape").isTrue();
                out.add(value);
                // A key file: its private key's Base64 lines, each of which must stay unseen too.
                Matcher m = PEM_LINE.matcher(value);
                while (m.find()) {
                    out.add(m.group());
                }
            }
        });
        assertThat(out).isNotEmpty();
        return out;
    }

    /** Returns the tokens the clients were issued and sent, read off the journal. */
    private static Set<String> issuedTokens() {
        Set<String> out = new LinkedHashSet<>();
        for (Exchange e : rig.proxy.journal()) {
            String bearer = e.header("authorization");
            if (bearer.startsWith("Bearer ")) {
                out.add(bearer.substring(7));
            }
            if (!e.header("x-auth-token").isEmpty()) {
                out.add(e.header("x-auth-token"));
            }
        }
        out.removeIf(t -> t.length() < 16);
        out.forEach(t -> assertThat(SecretsCapture.EMULATOR_SECRET.matcher(t).find()).as("an issued token has a known shape").isTrue());
        return out;
    }

    private static void assertNoCanary(Set<String> canaries, List<Throwable> failures, List<Object> values, List<String> records) {
        List<String> texts = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        failures.forEach(f -> describe(f, texts, seen));
        values.forEach(v -> texts.add(v.getClass().getName() + ": " + v));
        texts.addAll(records);
        for (String canary : canaries) {
            for (String text : texts) {
                assertThat(text).as("a credential or token in what is shown").doesNotContain(canary);
            }
        }
    }

    /** Adds what an exception shows: message, toString, details, the snapshot it carries, causes and suppressed. */
    private static void describe(Throwable t, List<String> out, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return;
        }
        out.add(String.valueOf(t.getMessage()));
        out.add(String.valueOf(t.getLocalizedMessage()));
        out.add(t.toString());
        if (t instanceof ServiceException s) {
            out.add(s.details().toString());
            out.add(s.attributes().toString());
        }
        if (t instanceof io.snapshotsdk.WaitTimeoutException w) {
            out.add(w.toString());
        }
        describe(t.getCause(), out, seen);
        for (Throwable s : t.getSuppressed()) {
            describe(s, out, seen);
        }
    }

    private static void failing(List<Throwable> failures, Executable call) {
        try {
            call.execute();
        } catch (AssertionError leak) {
            throw leak;
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    private static FaultProxy.Answer[] repeat(FaultProxy.Answer answer, int n) {
        FaultProxy.Answer[] out = new FaultProxy.Answer[n];
        java.util.Arrays.fill(out, answer);
        return out;
    }

    private static Predicate<Exchange> notAuthentication() {
        return e -> !e.path().contains("/oauth2/") && !e.path().endsWith("/iam/v1/tokens") && !e.path().contains("/identity/");
    }

    private static Map<String, String> wrongCredentials(Cloud cloud, Map<String, String> s, String wrong) {
        switch (cloud) {
            case AZURE -> s.put("clientSecret", wrong);
            case YANDEX -> {
                s.remove("serviceAccountKeyFile");
                s.put("oauthToken", "y0_" + wrong);
            }
            case AWS_SGW -> s.put("secretAccessKey", wrong);
            case ALIYUN -> s.put("accessKeySecret", wrong);
            case OPENSTACK -> s.put("password", wrong);
        }
        return s;
    }

    private static Map<String, String> withUserInfo(Map<String, String> s, String secret) {
        String key = s.containsKey("endpoint") ? "endpoint" : "authUrl";
        s.put(key, s.get(key).replace("http://", "http://admin:" + secret + "@"));
        return s;
    }

    private static String otherDisk(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> rig.diskId(cloud).replace("data-disk-1", "no-such-disk");
            case YANDEX -> "epd89t47vnhdzzzzzzzz";
            case AWS_SGW -> rig.diskId(cloud).replace("vol-1122AABB", "vol-99999999");
            case ALIYUN -> "d-bp1zzzzzzzzzzzzzzzz";
            case OPENSTACK -> "00000000-0000-4000-8000-000000000000";
        };
    }

    private static Object typedSettings(Cloud cloud, String canary) {
        return switch (cloud) {
            case AZURE -> AzureSettings.builder().subscriptionId("sub").tenantId("t").clientId("c").clientSecret(canary).build();
            case YANDEX -> YandexSettings.builder().folderId("f").oauthToken(canary).serviceAccountKeyFile(canary).build();
            case AWS_SGW -> AwsSgwSettings.builder().region("us-east-1").accessKeyId("AKIDEXAMPLE").secretAccessKey(canary)
                    .sessionToken(canary).build();
            case ALIYUN -> AliyunSettings.builder().region("cn-hangzhou").accessKeyId("LTAI").accessKeySecret(canary)
                    .securityToken(canary).build();
            case OPENSTACK -> OpenStackSettings.builder().authUrl(URI.create("https://keystone.example.com/v3")).username("u")
                    .password(canary).applicationCredentialSecret(canary).apiKey(canary).build();
        };
    }
}
