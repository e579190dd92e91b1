package io.snapshotsdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.snapshotsdk.testprovider.SmokeMain;
import io.snapshotsdk.testprovider.TestJsonProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages the test provider as a jar of its own, as a provider module ships, and runs an
 * application in a fresh JVM that finds it through {@link SnapshotClients#create} only by its
 * id: once on the class path (via {@code META-INF/services}) and once on the module path (via
 * {@code provides} in {@code module-info}).
 */
class ProviderPackagingTest {
    private static final String PROVIDER_PACKAGE = "io/snapshotsdk/testprovider/";
    private static final String MODULE = "io.snapshotsdk.testprovider";
    private static final String SERVICES = "META-INF/services/io.snapshotsdk.spi.SnapshotProvider";

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path work;

    private static Path apiClasses;
    private static List<Path> jackson;
    private static Path providerJar;

    @BeforeAll
    static void packageTheProvider() throws Exception {
        apiClasses = codeSource(SnapshotClients.class);
        assertThat(apiClasses.resolve("module-info.class")).as("snapshot-api is a named module").exists();
        jackson = List.of(codeSource(ObjectMapper.class), codeSource(JsonFactory.class), codeSource(JsonProperty.class));

        Path testClasses = codeSource(TestJsonProvider.class);
        Path classes = Files.createDirectories(work.resolve("provider-classes"));
        try (Stream<Path> files = Files.walk(testClasses.resolve(PROVIDER_PACKAGE))) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Path to = classes.resolve(testClasses.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(classes.resolve(SERVICES), TestJsonProvider.class.getName() + "\n");

        // The module descriptor is compiled against the provider's class files, as javac does
        // for a module whose other classes are already built.
        Path source = Files.createDirectories(work.resolve("module-src")).resolve("module-info.java");
        Files.writeString(source, "module " + MODULE + " {\n"
                + "  requires io.snapshotsdk;\n"
                + "  requires com.fasterxml.jackson.databind;\n"
                + "  provides io.snapshotsdk.spi.SnapshotProvider with " + TestJsonProvider.class.getName() + ";\n"
                + "  exports io.snapshotsdk.testprovider;\n"
                + "}\n");
        run(List.of(tool("javac"), "-d", classes.toString(),
                "--module-path", pathOf(concat(List.of(apiClasses), jackson)),
                "--patch-module", MODULE + "=" + classes, source.toString()));

        providerJar = work.resolve("test-json-provider.jar");
        jar(classes, providerJar);
    }

    @Test
    void findsTheProviderJarOnTheClassPath() throws Exception {
        stubCreate();
        List<String> cmd = new ArrayList<>(List.of(tool("java"), "-cp",
                pathOf(concat(List.of(apiClasses, providerJar), jackson)),
                SmokeMain.class.getName(), server.baseUrl()));
        String out = run(cmd);
        assertThat(out).contains("providers=[" + TestJsonProvider.ID + "]")
                .contains("created=snap-pkg state=CREATING")
                .contains("module=null");
        server.verify(1, postRequestedFor(urlEqualTo("/v1/snapshots")).withHeader("Idempotency-Key", matching(".+")));
    }

    @Test
    void findsTheProviderJarOnTheModulePath() throws Exception {
        stubCreate();
        List<String> cmd = new ArrayList<>(List.of(tool("java"), "--module-path",
                pathOf(concat(List.of(apiClasses, providerJar), jackson))));
        for (String pkg : List.of("client", "codec", "http", "json", "poll", "settings", "xml")) {
            // The internal packages are exported only to the provider modules by name.
            cmd.add("--add-exports");
            cmd.add("io.snapshotsdk/io.snapshotsdk.internal." + pkg + "=" + MODULE);
        }
        cmd.addAll(List.of("--module", MODULE + "/" + SmokeMain.class.getName(), server.baseUrl()));
        String out = run(cmd);
        assertThat(out).contains("providers=[" + TestJsonProvider.ID + "]")
                .contains("created=snap-pkg state=CREATING")
                .contains("module=io.snapshotsdk");
    }

    private static void stubCreate() {
        server.stubFor(post(urlEqualTo("/v1/snapshots"))
                .withHeader("Authorization", equalTo("Bearer smoke-token"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"snap-pkg\",\"status\":\"creating\",\"source\":\"disk-1\"}")));
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the application did not finish in 60 s: " + cmd);
            }
        } finally {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as("exit code; output:%n%s", out).isZero();
        return out;
    }

    private static String tool(String name) {
        return Paths.get(System.getProperty("java.home"), "bin", name).toString();
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String pathOf(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void jar(Path dir, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(os);
                Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }
}
