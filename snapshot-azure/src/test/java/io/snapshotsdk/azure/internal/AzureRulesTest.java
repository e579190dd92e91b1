package io.snapshotsdk.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.azure.AzureEncryptionSettings;
import io.snapshotsdk.azure.AzureSnapshotOptions;
import io.snapshotsdk.azure.AzureSnapshotOptions.NetworkAccessPolicy;
import io.snapshotsdk.azure.AzureSnapshotOptions.StorageType;
import io.snapshotsdk.internal.json.Json;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names, sources and options, checked against the api-version, and the body each version gets. */
class AzureRulesTest {
    static final ApiVersion CURRENT = new ApiVersion("2025-01-02");
    static final ApiVersion LEGACY = new ApiVersion("2016-04-30-preview");
    static final String DISK = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Compute/disks/myDisk";
    static final String BLOB = "https://mystorageaccount.blob.core.windows.net/osimages/osimage.vhd";

    private static CreateSnapshotRequest.Builder request() {
        return CreateSnapshotRequest.builder().sourceId(DISK).name("snap-01");
    }

    private static AzureRules.Plan plan(CreateSnapshotRequest r, ApiVersion api) {
        return AzureRules.plan(r, api, Optional.of("myResourceGroup"), Optional.of("westus"));
    }

    private static List<String> violations(CreateSnapshotRequest r, ApiVersion api) {
        return catchThrowableOfType(InvalidRequestException.class, () -> plan(r, api)).violations().stream().map(Violation::field).toList();
    }

    static String fixture(String name) throws Exception {
        try (InputStream in = AzureRulesTest.class.getResourceAsStream("/wire/azure/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s", "Snap_01", "snap-01", "a.b_", "mySnapshot1"})
    void goodNames(String name) {
        plan(request().name(name).build(), CURRENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-bad", "bad.", "bad-", "_bad", "has space", "ünï"})
    void badNames(String name) {
        assertThat(violations(request().name(name).build(), CURRENT)).containsExactly("name");
    }

    @Test
    void nameLengthIsAtMost80AndTheNameIsRequired() {
        plan(request().name("a".repeat(80)).build(), CURRENT);
        assertThat(violations(request().name("a".repeat(81)).build(), CURRENT)).containsExactly("name");
        assertThat(violations(CreateSnapshotRequest.builder().sourceId(DISK).build(), CURRENT)).containsExactly("name");
    }

    @Test
    void aDescriptionIsRefusedBecauseAzureHasNone() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> plan(request().description("nightly").build(), CURRENT));
        assertThat(e.getMessage()).contains("description").contains("no description");
    }

    @Test
    void theSeedsCopyBodyIsSentAsTheSpecExampleShows() throws Exception {
        AzureRules.Plan p = AzureRules.plan(CreateSnapshotRequest.builder().name("mySnapshot2")
                .sourceId("subscriptions/{subscription-id}/resourceGroups/myResourceGroup/providers/Microsoft.Compute/snapshots/mySnapshot1")
                .build(), CURRENT, Optional.of("myResourceGroup"), Optional.of("West US"));
        assertThat(p.body()).isEqualTo(new ObjectMapper().readTree(fixture("create-from-snapshot-request.json")));
    }

    @Test
    void currentBodiesCarrySkuIncrementalAndPolicies() throws Exception {
        AzureRules.Plan p = plan(request().putTags("department", "Development").putTags("project", "Snapshots")
                .options(AzureSnapshotOptions.builder().storageType(StorageType.STANDARD_ZRS).incremental(true)
                        .networkAccessPolicy(NetworkAccessPolicy.DENY_ALL).build()).build(), CURRENT);
        assertThat(p.body()).isEqualTo(new ObjectMapper().readTree(fixture("create-incremental-request.json")));
        assertThat(new String(Json.write(p.body()))).startsWith("{\"location\":\"westus\",\"sku\":{\"name\":\"Standard_ZRS\"},\"tags\"");
    }

    @Test
    void legacyBodiesPutTheAccountTypeInProperties() throws Exception {
        AzureRules.Plan p = plan(request().sourceId(BLOB).putTags("department", "Development").putTags("project", "ManagedDisks")
                .options(AzureSnapshotOptions.builder().storageType(StorageType.STANDARD_LRS).build()).build(), LEGACY);
        assertThat(p.body()).isEqualTo(new ObjectMapper().readTree(fixture("legacy-import-request.json")));
        assertThat(p.body().has("sku")).isFalse();
    }

    @Test
    void encryptionSettingsAreOneObjectBefore2019AndACollectionSince() {
        AzureEncryptionSettings keys = AzureEncryptionSettings.builder()
                .diskEncryptionKeyVaultId("/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/v")
                .diskEncryptionKeySecretUrl("https://v.vault.azure.net/secrets/s")
                .keyEncryptionKeyVaultId("/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/v")
                .keyEncryptionKeyUrl("https://v.vault.azure.net/keys/k").build();
        CreateSnapshotRequest r = request().options(AzureSnapshotOptions.builder().encryptionSettings(keys).build()).build();
        var legacy = plan(r, LEGACY).body().path("properties").path("encryptionSettings");
        assertThat(legacy.path("enabled").asBoolean()).isTrue();
        assertThat(legacy.at("/diskEncryptionKey/secretUrl").asText()).isEqualTo("https://v.vault.azure.net/secrets/s");
        assertThat(legacy.at("/keyEncryptionKey/keyUrl").asText()).isEqualTo("https://v.vault.azure.net/keys/k");
        var mid = plan(r, new ApiVersion("2018-09-30")).body().path("properties");
        assertThat(mid.has("encryptionSettings")).isTrue();
        var current = plan(r, CURRENT).body().path("properties").path("encryptionSettingsCollection");
        assertThat(current.path("enabled").asBoolean()).isTrue();
        assertThat(current.at("/encryptionSettings/0/diskEncryptionKey/sourceVault/id").asText()).endsWith("/vaults/v");
    }

    @Test
    void optionsTheVersionCannotExpressAreRefused() {
        CreateSnapshotRequest zrs = request().options(AzureSnapshotOptions.builder().storageType(StorageType.STANDARD_ZRS)
                .incremental(true).copyStart(true).networkAccessPolicy(NetworkAccessPolicy.ALLOW_ALL).build()).build();
        assertThat(violations(zrs, LEGACY)).containsExactlyInAnyOrder("options.storageType", "options.incremental",
                "options.copyStart", "options.networkAccessPolicy");
        assertThat(violations(zrs, new ApiVersion("2019-03-01"))).containsExactlyInAnyOrder("options.copyStart", "options.networkAccessPolicy");
        plan(zrs, CURRENT);
    }

    @Test
    void sourcesAndTheirOptions() {
        assertThat(plan(request().sourceId(BLOB).options(AzureSnapshotOptions.builder()
                .storageAccountId("subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a").build()).build(), CURRENT)
                .body().at("/properties/creationData/storageAccountId").asText()).endsWith("storageAccounts/a");
        assertThat(plan(request().options(AzureSnapshotOptions.builder().copyStart(true).build()).build(), CURRENT)
                .body().at("/properties/creationData/createOption").asText()).isEqualTo("CopyStart");
        assertThat(violations(request().sourceId("myDisk").build(), CURRENT)).containsExactly("sourceId");
        assertThat(violations(request().sourceId("http://insecure.blob.core.windows.net/x.vhd").build(), CURRENT)).containsExactly("sourceId");
        assertThat(violations(request().sourceId(BLOB).options(AzureSnapshotOptions.builder().copyStart(true).build()).build(), CURRENT))
                .containsExactly("options.copyStart");
        assertThat(violations(request().options(AzureSnapshotOptions.builder()
                .networkAccessPolicy(NetworkAccessPolicy.ALLOW_PRIVATE).build()).build(), CURRENT)).containsExactly("options.diskAccessId");
        assertThat(violations(request().options(AzureSnapshotOptions.builder().diskSizeGB(0).build()).build(), CURRENT))
                .containsExactly("options.diskSizeGB");
    }

    @Test
    void locationAndResourceGroupComeFromOptionsOrSettings() {
        AzureRules.Plan p = AzureRules.plan(request().options(AzureSnapshotOptions.builder().location("eastus").resourceGroup("other").build())
                .build(), CURRENT, Optional.empty(), Optional.empty());
        assertThat(p.resourceGroup()).isEqualTo("other");
        assertThat(p.body().path("location").asText()).isEqualTo("eastus");
        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> AzureRules.plan(request().build(), CURRENT, Optional.empty(), Optional.empty())).violations())
                .extracting(Violation::field).containsExactly("resourceGroup", "location");
    }

    @Test
    void tagLimits() {
        assertThat(violations(request().putTags("a/b", "v").build(), CURRENT)).containsExactly("tags[a/b]");
        assertThat(violations(request().putTags("k", "v".repeat(257)).build(), CURRENT)).containsExactly("tags[k]");
        CreateSnapshotRequest.Builder many = request();
        for (int i = 0; i < 51; i++) {
            many.putTags("k" + i, "v");
        }
        assertThat(violations(many.build(), CURRENT)).containsExactly("tags");
    }

    @Test
    void theTokenAudienceIsTheEndpointsOrigin() {
        assertThat(AzureClient.audience(java.net.URI.create("https://management.azure.com"))).isEqualTo("https://management.azure.com");
        assertThat(AzureClient.audience(java.net.URI.create("https://management.chinacloudapi.cn/"))).isEqualTo("https://management.chinacloudapi.cn");
        assertThat(AzureClient.audience(java.net.URI.create("http://127.0.0.1:8080"))).isEqualTo("http://127.0.0.1:8080");
    }

    // The name, resource-group and resource-id rules as ARM states them; the client's hand-written
    // checks must agree with them on every input.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?");
    private static final Pattern RESOURCE_GROUP = Pattern.compile("[\\p{L}\\p{N}_().\\-]{0,89}[\\p{L}\\p{N}_()\\-]");
    private static final Pattern RESOURCE_ID = Pattern.compile(
            "/?subscriptions/[^/\\s]+/resourceGroups/[^/\\s]+/providers/[^/\\s]+/[^\\s]+", Pattern.CASE_INSENSITIVE);
    // Letters, digits, every allowed symbol, white space, other ASCII, a letter and numbers beyond
    // ASCII and Latin-1 (Arabic-Indic digit, Roman numeral, vulgar fraction), a supplementary letter,
    // a lone surrogate, and the long s and Kelvin sign, which fold to ASCII letters in Unicode.
    private static final String[] PIECES = {"a", "Z", "0", "9", "_", ".", "-", "(", ")", "/", " ", "\t", "\u000B", "!", "é", "日",
        "\u0663", "\u2163", "\u00BD", "\uD835\uDC9C", "\uD835", "\u017F", "\u212A", "s", "S", "k"};

    private static String randomText(Random random, int maxPieces) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(maxPieces + 1); i > 0; i--) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    private static void assertAgrees(Predicate<String> check, Pattern rule, Iterable<String> inputs) {
        int matched = 0;
        int refused = 0;
        for (String s : inputs) {
            boolean expected = rule.matcher(s).matches();
            assertThat(check.test(s)).as("%s on %s", rule, s).isEqualTo(expected);
            if (expected) {
                matched++;
            } else {
                refused++;
            }
        }
        assertThat(matched).as("inputs the rule accepts").isGreaterThan(100);
        assertThat(refused).as("inputs the rule refuses").isGreaterThan(100);
    }

    @Test
    void snapshotNameAndResourceGroupChecksAgreeWithArmRules() {
        Random random = new Random(20261202);
        List<String> names = new java.util.ArrayList<>(List.of("", "a", "a.", "a_", "a-", "_a", ".a", "a".repeat(80), "a".repeat(81),
                "(", "(.", "x".repeat(90), "x".repeat(91), "日".repeat(90), "\uD835\uDC9C".repeat(90), "\uD835\uDC9C".repeat(91)));
        for (int i = 0; i < 50_000; i++) {
            names.add(randomText(random, random.nextBoolean() ? 4 : 100));
        }
        // Mostly allowed characters, so that long names both pass and fail.
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(95); n > 0; n--) {
                b.append("aZ09_.-()".charAt(random.nextInt(9)));
            }
            names.add(b.toString());
        }
        assertAgrees(AzureRules::isSnapshotName, NAME, names);
        assertAgrees(AzureRules::isResourceGroup, RESOURCE_GROUP, names);
    }

    @Test
    void resourceIdCheckAgreesWithArmRule() {
        Random random = new Random(7);
        // Each part's word as ARM writes it, in other ASCII case, and with a long s that folds to 's'.
        String[][] words = {{"subscriptions", "SUBSCRIPTIONS", "\u017Fubscriptions"}, {"resourceGroups", "resourcegroups", "resourceGroup\u017F"},
            {"providers", "Providers", "provider\u017F"}};
        List<String> ids = new java.util.ArrayList<>(List.of(DISK, DISK.substring(1), "/" + DISK, DISK + " ", DISK + "/", ""));
        for (int i = 0; i < 60_000; i++) {
            StringBuilder b = new StringBuilder(random.nextBoolean() ? "/" : "");
            for (int part = 0; part < 3; part++) {
                b.append(random.nextInt(12) == 0 ? randomText(random, 2) : words[part][random.nextInt(8) == 0 ? 2 : random.nextInt(2)]);
                b.append(random.nextInt(15) == 0 ? "" : "/").append(randomText(random, 3)).append(random.nextInt(15) == 0 ? "" : "/");
            }
            ids.add(b.append(randomText(random, 4)).toString());
        }
        assertAgrees(AzureRules::isResourceId, RESOURCE_ID, ids);
    }
}
