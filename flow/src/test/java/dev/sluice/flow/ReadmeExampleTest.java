package dev.sluice.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Without Reactor ({@code Flow})" example is the one source of truth: this test
 * takes the section's {@code java} block from README.md, compiles it against this module and
 * runs its {@code main}, checking what it prints (docs-tests compiles it too, with the other
 * README blocks).
 */
class ReadmeExampleTest {
    private static final String SECTION = "## Without Reactor (`Flow`)";

    @Test
    @DisplayName("the README's Flow example compiles and prints the five readings in order")
    void readme_example_runs(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int at = readme.indexOf(SECTION);
        assertTrue(at >= 0, "README.md has no section " + SECTION);
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(at), "no java block in " + SECTION);
        String source = block.group(1);
        Matcher type = Pattern.compile("(?m)^class (\\w+)").matcher(source);
        assertTrue(type.find(), "the example declares no class");
        String className = type.group(1);
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "--release", "17", "-Xlint:all", "-Werror",
                "-classpath", classPath, "-d", dir.toString(), file.toString());
        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            main.setAccessible(true);                    // the README class is package-private
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> main.invoke(null, (Object) new String[0]));
        } finally {
            System.setOut(original);
        }
        assertEquals(List.of("reading 0", "reading 1", "reading 2", "reading 3", "reading 4"),
                out.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
