package dev.sluice.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The quick start's commands are the ones CI runs: each command of the first shell block under
 * README.md's "Quick start" heading is assigned, verbatim, to a {@code readme_*} variable in
 * {@code .ci/run}, and that variable is executed there.
 */
class ReadmeCommandsAreCiCommandsTest {
    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^(readme_\\w+)='([^']*)'\\s*$");

    @Test
    void the_quick_start_commands_are_the_ones_ci_runs() {
        List<String> readme = quickStartCommands(Repo.read(Repo.file("README.md")));
        String ci = Repo.read(Repo.file(".ci/run"));

        List<String> ciCommands = new ArrayList<>();
        Matcher m = ASSIGNMENT.matcher(ci);
        while (m.find()) {
            String variable = m.group(1);
            ciCommands.add(m.group(2));
            assertTrue(Pattern.compile("(?m)^[^#\\n]*\\$\\{?" + variable + "\\b(?!=)").matcher(ci).find(),
                    ".ci/run assigns " + variable + " but never runs it");
        }
        assertEquals(2, readme.size(), "the quick start should show two commands: " + readme);
        assertEquals(readme, ciCommands, "README quick-start commands vs the readme_* commands of .ci/run");
    }

    @Test
    void commands_are_read_without_their_comments() {
        String text = "## Quick start\n\nSome words.\n\n```bash\n# a comment line\n./mvnw -B verify   # what it does\n\n"
                + "./mvnw -B -pl x compile\n```\n\n## Next\n```bash\nnot this\n```\n";

        assertEquals(List.of("./mvnw -B verify", "./mvnw -B -pl x compile"), quickStartCommands(text));
    }

    static List<String> quickStartCommands(String readme) {
        Matcher heading = Pattern.compile("(?m)^## Quick start\\s*$").matcher(readme);
        assertTrue(heading.find(), "README.md has no '## Quick start' section");
        String section = readme.substring(heading.start());
        int next = section.indexOf("\n## ");
        if (next >= 0) {
            section = section.substring(0, next);
        }
        Optional<Markdown.Block> shell = new Markdown(section).blocks().stream()
                .filter(b -> b.language().equals("bash") || b.language().equals("sh") || b.language().equals("shell"))
                .findFirst();
        assertTrue(shell.isPresent(), "the quick start has no bash block");
        List<String> commands = new ArrayList<>();
        for (String line : shell.get().lines()) {
            String command = line.replaceFirst("(^|\\s)#.*$", "").trim();
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        return commands;
    }
}
