package dev.sluice.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The small Markdown reader the docs tests rely on: so that a broken reader cannot pass them. */
class MarkdownTest {

    @Test
    void links_and_images_are_found_outside_code_only() {
        Markdown md = new Markdown(String.join("\n",
                "See [the guide](docs/guide.md#setup) and ![a picture](img/a.png).",
                "[![badge](b.svg)](https://example.org) `[not](a-link.md)` <img src=\"c.png\">",
                "[ref]: docs/ref.md",
                "```java",
                "String s = \"[no](link.md)\";",
                "```"));

        List<String> targets = md.links().stream().map(Markdown.Link::target).collect(Collectors.toList());

        assertEquals(List.of("docs/guide.md#setup", "img/a.png", "b.svg", "https://example.org", "c.png", "docs/ref.md"),
                targets);
    }

    @Test
    void fenced_blocks_keep_their_language_and_lines() {
        Markdown md = new Markdown("text\n```java\nint a;\nint b;\n```\n~~~bash\nls\n~~~\n");

        List<Markdown.Block> blocks = md.blocks();

        assertEquals(2, blocks.size());
        assertEquals("java", blocks.get(0).language());
        assertEquals(List.of("int a;", "int b;"), blocks.get(0).lines());
        assertEquals(3, blocks.get(0).firstLine());
        assertEquals("bash", blocks.get(1).language());
    }

    @Test
    void anchors_follow_githubs_heading_ids() {
        Markdown md = new Markdown(String.join("\n",
                "# Sluice",
                "## Reactor bridge (`sluice-reactor`)",
                "## From Rust to Java: **the table**",
                "## Capacity → demand",
                "## Notes",
                "## Notes",
                "```",
                "# not a heading",
                "```"));

        assertEquals(List.of("sluice", "reactor-bridge-sluice-reactor", "from-rust-to-java-the-table",
                "capacity--demand", "notes", "notes-1"), List.copyOf(md.anchors()));
    }

    @Test
    void a_missing_file_and_a_missing_anchor_are_reported() {
        Markdown readme = new Markdown(Repo.read(Repo.file("README.md")));

        assertTrue(DocsLinksResolveTest.problem(Repo.file("README.md"), readme, "docs/no-such-file.md")
                .startsWith("no such file"));
        assertTrue(DocsLinksResolveTest.problem(Repo.file("README.md"), readme, "#no-such-heading")
                .startsWith("no heading"));
        assertEquals(null, DocsLinksResolveTest.problem(Repo.file("README.md"), readme, "LICENSE"));
    }
}
