package dev.sluice.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Importing {@code sluice-bom} changes no version outside {@code dev.sluice}: fresh Maven user
 * projects (Spring Boot 3.5.7 and 4.0.7, as parent and as imported BOM, with {@code sluice-bom}
 * imported before and after Boot's) are compared, with {@code dependency:tree}, against the same
 * project without {@code sluice-bom} (Sluice modules at explicit versions).
 *
 * <p>How: this checkout's poms (and jars, when the build made them) are staged into a private
 * local repository under {@code target/}, whose read-only tail is the build's own local
 * repository (Maven 3.9's {@code maven.repo.local.tail}), so nothing is installed into the shared
 * one. One forked {@code ./mvnw} run builds all the projects as one reactor; only artifacts missing
 * from the tail (Boot's parent poms on a fresh machine) are downloaded, into the private
 * repository.
 */
class BomChangesNoUserVersionsTest {
    private static final List<String> BOOT_VERSIONS = List.of("3.5.7", "4.0.7");
    private static final List<String> SLUICE_MODULES = List.of("sluice-core", "sluice-reactor", "sluice-micrometer",
            "sluice-rsocket");
    /** g:a:type[:classifier]:version:scope, as dependency:tree prints a node. */
    private static final Pattern NODE = Pattern.compile(
            "([\\w.\\-]+):([\\w.\\-]+):([\\w.\\-]+)(?::([\\w.\\-]+))?:([\\w.\\-]+):(compile|runtime|test|provided|system|import)");

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @DisplayName("Boot 3.5.7 and 4.0.7 projects get the same non-Sluice versions with and without sluice-bom, in either import order")
    void importing_the_bom_changes_no_version_outside_dev_sluice() throws Exception {
        Path work = Repo.file("docs-tests/target/bom-user-projects");
        deleteTree(work);
        Path repo = Repo.file("docs-tests/target/bom-user-repo");
        deleteTree(repo.resolve("dev/sluice"));
        String version = stage(repo);

        Map<String, String> modules = new LinkedHashMap<>();   // module -> its baseline
        for (String boot : BOOT_VERSIONS) {
            String b = "boot" + boot.replace(".", "");
            modules.put(write(work, b + "-import-plain", boot, version, Kind.IMPORT_WITHOUT_SLUICE_BOM), null);
            modules.put(write(work, b + "-import-sluice-first", boot, version, Kind.IMPORT_SLUICE_FIRST), b + "-import-plain");
            modules.put(write(work, b + "-import-boot-first", boot, version, Kind.IMPORT_BOOT_FIRST), b + "-import-plain");
            modules.put(write(work, b + "-parent-plain", boot, version, Kind.PARENT_WITHOUT_SLUICE_BOM), null);
            modules.put(write(work, b + "-parent-sluice", boot, version, Kind.PARENT_WITH_SLUICE_BOM), b + "-parent-plain");
        }
        StringBuilder agg = new StringBuilder("""
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId><artifactId>bom-user-projects</artifactId><version>1</version>
                  <packaging>pom</packaging>
                  <modules>
                """);
        modules.keySet().forEach(m -> agg.append("    <module>").append(m).append("</module>\n"));
        agg.append("  </modules>\n</project>\n");
        Files.writeString(work.resolve("pom.xml"), agg);

        runMaven(work, repo);

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : modules.entrySet()) {
            Map<String, String> tree = versions(work.resolve(e.getKey()));
            assertTrue(tree.keySet().stream().anyMatch(k -> k.startsWith("io.netty:")), e.getKey() + ": no Netty in " + tree);
            if (e.getValue() == null) {
                continue;
            }
            Map<String, String> baseline = versions(work.resolve(e.getValue()));
            TreeSet<String> keys = new TreeSet<>(baseline.keySet());
            keys.addAll(tree.keySet());
            for (String k : keys) {
                if (!String.valueOf(baseline.get(k)).equals(String.valueOf(tree.get(k)))) {
                    problems.add(e.getKey() + ": " + k + " " + baseline.get(k) + " -> " + tree.get(k));
                }
            }
        }
        assertEquals(List.of(), problems, "versions outside dev.sluice changed by importing sluice-bom");
    }

    private enum Kind {
        IMPORT_WITHOUT_SLUICE_BOM, IMPORT_SLUICE_FIRST, IMPORT_BOOT_FIRST, PARENT_WITHOUT_SLUICE_BOM, PARENT_WITH_SLUICE_BOM
    }

    /** Copies this checkout's poms (and built jars) into {@code repo}'s layout; returns the version. */
    private static String stage(Path repo) throws IOException {
        String bom = Repo.read(Repo.file("bom/pom.xml"));
        Matcher v = Pattern.compile("<artifactId>sluice-bom</artifactId>\\s*<version>([^<]+)</version>").matcher(bom);
        assertTrue(v.find(), "bom/pom.xml has no version");
        String version = v.group(1);
        stageOne(repo, "sluice-parent", version, Repo.file("pom.xml"), null);
        stageOne(repo, "sluice-bom", version, Repo.file("bom/pom.xml"), null);
        Map<String, String> dirs = Map.of("sluice-core", "core", "sluice-reactor", "reactor-bridge",
                "sluice-micrometer", "micrometer", "sluice-rsocket", "rsocket");
        for (String a : SLUICE_MODULES) {
            Path dir = Repo.file(dirs.get(a));
            stageOne(repo, a, version, dir.resolve("pom.xml"), dir.resolve("target/" + a + "-" + version + ".jar"));
        }
        return version;
    }

    private static void stageOne(Path repo, String artifactId, String version, Path pom, Path jar) throws IOException {
        Path dir = repo.resolve("dev/sluice/" + artifactId + "/" + version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null && Files.isRegularFile(jar)) {
            Files.copy(jar, dir.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String write(Path work, String name, String boot, String version, Kind kind) throws IOException {
        boolean parent = kind == Kind.PARENT_WITHOUT_SLUICE_BOM || kind == Kind.PARENT_WITH_SLUICE_BOM;
        boolean sluiceBom = kind == Kind.IMPORT_SLUICE_FIRST || kind == Kind.IMPORT_BOOT_FIRST
                || kind == Kind.PARENT_WITH_SLUICE_BOM;
        String sluiceImport = sluiceBom ? importOf("dev.sluice", "sluice-bom", version) : "";
        String bootImport = parent ? "" : importOf("org.springframework.boot", "spring-boot-dependencies", boot);
        String imports = kind == Kind.IMPORT_BOOT_FIRST ? bootImport + sluiceImport : sluiceImport + bootImport;
        StringBuilder deps = new StringBuilder();
        for (String starter : List.of("spring-boot-starter-webflux", "spring-boot-starter-actuator")) {
            deps.append("    <dependency><groupId>org.springframework.boot</groupId><artifactId>").append(starter)
                    .append("</artifactId></dependency>\n");
        }
        for (String a : SLUICE_MODULES) {
            deps.append("    <dependency><groupId>dev.sluice</groupId><artifactId>").append(a).append("</artifactId>")
                    .append(sluiceBom ? "" : "<version>" + version + "</version>").append("</dependency>\n");
        }
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                %s
                  <groupId>example</groupId><artifactId>%s</artifactId><version>1</version>
                  <dependencyManagement><dependencies>
                %s  </dependencies></dependencyManagement>
                  <dependencies>
                %s  </dependencies>
                  <build><plugins><plugin>
                    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId>
                    <version>3.9.0</version>
                    <configuration><outputFile>${project.build.directory}/tree.txt</outputFile></configuration>
                  </plugin></plugins></build>
                </project>
                """.formatted(parent ? "  <parent><groupId>org.springframework.boot</groupId>"
                        + "<artifactId>spring-boot-starter-parent</artifactId><version>" + boot
                        + "</version><relativePath/></parent>" : "", name, imports, deps);
        Path dir = work.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pom.xml"), pom);
        return name;
    }

    private static String importOf(String g, String a, String v) {
        return "    <dependency><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><version>" + v
                + "</version><type>pom</type><scope>import</scope></dependency>\n";
    }

    private static void runMaven(Path work, Path repo) throws IOException, InterruptedException {
        String tail = System.getProperty("sluice.localRepository", System.getProperty("user.home") + "/.m2/repository");
        boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
        Path mvnw = Repo.file(windows ? "mvnw.cmd" : "mvnw");
        Path log = work.resolve("maven.log");
        Process p = new ProcessBuilder(mvnw.toString(), "-B", "-nsu", "-f", work.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + tail, "dependency:tree")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(8, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mvn dependency:tree took more than 8 minutes; see " + log);
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new AssertionError("mvn dependency:tree failed (" + p.exitValue() + "), see " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
    }

    /** groupId:artifactId[:classifier] -> version for every node of the tree outside dev.sluice. */
    private static Map<String, String> versions(Path module) throws IOException {
        List<String> lines = Files.readAllLines(module.resolve("target/tree.txt"), StandardCharsets.UTF_8);
        Map<String, String> out = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {           // the first line is the project
            Matcher m = NODE.matcher(line);
            if (m.find() && !m.group(1).equals("dev.sluice")) {
                String key = m.group(1) + ":" + m.group(2) + (m.group(4) == null ? "" : ":" + m.group(4));
                out.put(key, m.group(5));
            }
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
