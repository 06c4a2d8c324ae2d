package dev.sluice.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md compiles against sluice-core and sluice-reactor (and
 * reactor-core), as a reader would paste it.
 *
 * <p>A block that declares a type ({@code class}, {@code record}, {@code interface}, {@code enum}
 * at the start of a line) is compiled as a source file of its own. Any other block is a run of
 * statements: it is compiled as the body of a method that may throw, in a class that imports
 * {@code dev.sluice.*}, {@code dev.sluice.reactor.*}, {@code dev.sluice.rsocket.*}, {@code dev.sluice.micrometer.*}, Reactor's publishers and schedulers,
 * {@code java.time.*} and {@code java.util.*}, which is what the README promises its snippets need.
 * Errors name the README line.
 */
class ReadmeJavaBlocksCompileTest {
    private static final Pattern DECLARES_TYPE =
            Pattern.compile("(?m)^(?:public |final |abstract |sealed |non-sealed )*(?:class|record|interface|enum) \\w+");
    static final String SNIPPET_IMPORTS = "import dev.sluice.*; import dev.sluice.reactor.*; import dev.sluice.rsocket.*; import dev.sluice.micrometer.*; "
            + "import reactor.core.publisher.*; import reactor.core.scheduler.*; "
            + "import java.time.*; import java.util.*; ";

    @Test
    void every_java_block_of_the_readme_compiles(@TempDir Path out) throws IOException {
        List<Markdown.Block> blocks = new Markdown(Repo.read(Repo.file("README.md"))).blocks().stream()
                .filter(b -> b.language().equals("java"))
                .toList();
        assertFalse(blocks.isEmpty(), "README.md has no java block");

        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            sources.add(Source.of(blocks.get(i), i));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("--release", "17", "-proc:none", "-Xlint:all,-serial",
                "-classpath", testClassPath(), "-d", out.toString());
        StringWriter log = new StringWriter();
        boolean ok = javac.getTask(log, null, diagnostics, options, null, sources).call();

        List<String> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.NOTE) {
                continue;
            }
            Source source = (Source) d.getSource();
            String where = source == null ? "?" : "README.md:" + source.readmeLine(d.getLineNumber());
            problems.add(where + ": " + d.getKind().toString().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT));
        }
        assertEquals(List.of(), problems, "README java blocks that do not compile cleanly (" + log + ")");
        assertEquals(true, ok);
    }

    /** The class path Surefire gives this test: core, the bridge, reactor-core, JUnit. */
    private static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertFalse(path == null || path.isBlank(), "no test class path");
        return path;
    }

    /** One README block as a compilation unit, remembering how its lines map back. */
    static final class Source extends SimpleJavaFileObject {
        private final String code;
        private final int readmeFirstLine;
        private final int prefixLines;

        private Source(String name, String code, int readmeFirstLine, int prefixLines) {
            super(URI.create("string:///" + name + ".java"), Kind.SOURCE);
            this.code = code;
            this.readmeFirstLine = readmeFirstLine;
            this.prefixLines = prefixLines;
        }

        static Source of(Markdown.Block block, int index) {
            String text = block.text();
            if (DECLARES_TYPE.matcher(text).find()) {
                // A file of its own; javac wants a public top-level type in a file of its name,
                // so the file is named after the first declared type.
                var m = Pattern.compile("(?:class|record|interface|enum) (\\w+)").matcher(text);
                m.find();
                String name = "readme" + index + "/" + m.group(1);
                return new Source(name, text, block.firstLine(), 0);
            }
            String name = "ReadmeSnippet" + index;
            String prefix = SNIPPET_IMPORTS + "\nclass " + name + " {\n    static void snippet() throws Exception {\n";
            return new Source(name, prefix + text + "    }\n}\n", block.firstLine(), 3);
        }

        int readmeLine(long javacLine) {
            return readmeFirstLine + (int) javacLine - 1 - prefixLines;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
