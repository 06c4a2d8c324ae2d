package dev.sluice.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The tree speaks to its readers only: no file tracked by git (sources, tests, docs, scripts,
 * build files) points at a tracker or a workflow a reader cannot see. Each forbidden phrase is a
 * regular expression below; the one region skipped anywhere is this file's own pattern
 * definition (the patterns and the examples they must catch), between the two marker comments. Files with a NUL byte (images) are not text and
 * are skipped.
 */
class NoTrackerReferencesTest {
    // forbidden-patterns:begin
    private static final List<Pattern> FORBIDDEN = List.of(
            // an issue number: "issue 12", "Issue 7:", "issue #3", "(issue 10)", "issues 7 and 10", "Issue 7.3"
            Pattern.compile("(?i)\\bissues?\\s*#\\s*\\d+|\\bissues?\\s+\\d+"),
            // the people and the branches of the workflow that made the code
            Pattern.compile("(?i)\\bthe\\s+lead\\b|\\bthis\\s+branch\\b"));
    // internal notes no reader has (a separate test, so a failure says which rule it broke)
    private static final List<Pattern> NOTES = List.of(Pattern.compile("\\b(?:DESIGN|STYLE)(?:\\.md\\b|\\s+(?:habit|section|rule)s?\\b)"));
    // What they must catch (the examples are part of the definition, so they sit inside it).
    private static final List<String> CAUGHT = List.of("see issue 12", "issue #3 says", "Issue 7: storm",
            "(issue 10)", "ISSUE 11", "issues 7 and 10", "Issue 7.3: pending", "issue-free? no: issue #  4",
            "ask the lead", "The Lead owns it", "on this branch", "This  Branch only");
    private static final List<String> NOTES_CAUGHT = List.of("see DESIGN.md", "STYLE.md habit 3", "(STYLE habit 3)",
            "DESIGN section 2");
    private static final String BEGIN = "// forbidden-patterns:begin";
    private static final String END = "// forbidden-patterns:end";
    // forbidden-patterns:end

    private static final String SELF = "docs-tests/src/test/java/dev/sluice/docs/NoTrackerReferencesTest.java";

    @Test
    @DisplayName("no tracked file names a tracker issue number, a workflow role or a branch (git ls-files, text files)")
    void no_tracked_file_refers_to_a_tracker_issue_a_role_or_a_branch() {
        List<String> hits = scanTrackedFiles(FORBIDDEN);
        assertEquals(List.of(), hits, "tracked files that refer to a tracker issue, a workflow role or a branch:\n"
                + String.join("\n", hits) + "\n");
    }

    @Test
    @DisplayName("no tracked file cites the internal design or style notes, which readers do not have")
    void no_tracked_file_cites_internal_notes() {
        List<String> hits = scanTrackedFiles(NOTES);
        assertEquals(List.of(), hits, "tracked files that cite the internal design or style notes:\n" + String.join("\n", hits) + "\n");
    }

    @Test
    @DisplayName("the patterns catch every form of an issue number, the role and the branch, and spare ordinary words")
    void the_patterns_catch_what_they_should_and_nothing_else() {
        for (String bad : CAUGHT) {
            assertEquals(1, findings("x", bad, FORBIDDEN).size(), () -> "not caught: " + bad);
        }
        for (String bad : NOTES_CAUGHT) {
            assertEquals(1, findings("x", bad, NOTES).size(), () -> "not caught: " + bad);
        }
        for (String fine : List.of("a known issue", "issues with load", "leading zeros", "misleading",
                "lead time", "it leads the JDK queues", "branch prediction", "the branches of a select",
                "design.md is lower case, and so is style", "tissue 12")) {
            assertEquals(List.of(), findings("x", fine, FORBIDDEN), () -> "caught by mistake: " + fine);
            assertEquals(List.of(), findings("x", fine, NOTES), () -> "caught by mistake: " + fine);
        }
        assertEquals(1, findings("x", "we asked the\n     * lead", FORBIDDEN).size(), "a phrase broken over two lines");
    }

    @Test
    @DisplayName("only this file's pattern definition is skipped: a forbidden phrase after it is still found")
    void only_the_pattern_definition_is_skipped() {
        String text = "a\n" + BEGIN + "\n" + CAUGHT.get(0) + "\n" + END + "\n" + CAUGHT.get(1) + "\n";
        List<String> found = findings("f", withoutPatternDefinition(text), FORBIDDEN);
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).contains(CAUGHT.get(1)), found::toString);
    }

    private static List<String> scanTrackedFiles(List<Pattern> patterns) {
        List<String> hits = new ArrayList<>();
        List<String> files = trackedFiles();
        assertTrue(files.contains(SELF), "git ls-files does not list this test; is sluice.root the checkout?");
        for (String name : files) {
            Path path = Repo.file(name);
            if (!Files.isRegularFile(path)) {
                continue; // deleted in the working tree, not yet committed
            }
            String text = textOf(path);
            if (text == null) {
                continue;
            }
            if (name.equals(SELF)) {
                text = withoutPatternDefinition(text);
            }
            hits.addAll(findings(name, text, patterns));
        }
        return hits;
    }

    static List<String> findings(String name, String text, List<Pattern> patterns) {
        List<String> hits = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Pattern pattern : patterns) {
                if (pattern.matcher(lines[i]).find()) {
                    hits.add(name + ":" + (i + 1) + ": " + lines[i].strip());
                    break;
                }
            }
        }
        // Phrases broken over two lines ("issue" / "12", "the" / "lead") are caught on the joined text.
        if (hits.isEmpty()) {
            String joined = text.replaceAll("\\s*\\n\\s*(?:(?://|\\*|#|--)\\s*)?", " ");
            for (Pattern pattern : patterns) {
                Matcher m = pattern.matcher(joined);
                if (m.find()) {
                    hits.add(name + ": (across a line break) " + m.group());
                }
            }
        }
        return hits;
    }

    /** Blanks the lines from the begin marker to the end marker, keeping the line numbers. */
    static String withoutPatternDefinition(String text) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END, begin + 1);
        if (begin < 0 || end < 0) {
            return text;
        }
        String region = text.substring(begin, end + END.length());
        return text.substring(0, begin) + region.replaceAll("[^\\n]", "") + text.substring(end + END.length());
    }

    private static String textOf(Path path) {
        try {
            byte[] bytes = Files.readAllBytes(path);
            for (byte b : bytes) {
                if (b == 0) {
                    return null;
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> trackedFiles() {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z").directory(Repo.root().toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = git.getInputStream().readAllBytes();
            assertTrue(git.waitFor(60, TimeUnit.SECONDS), "git ls-files did not finish in 60 s");
            assertEquals(0, git.exitValue(), "git ls-files failed: the docs tests need a git checkout");
            List<String> files = new ArrayList<>();
            for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                if (!name.isEmpty()) {
                    files.add(name);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while listing tracked files", e);
        }
    }
}
