package dev.sluice.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every relative link and image in README.md and docs/*.md points at a file of this repository,
 * and every {@code #anchor} at a heading of the file it names. Whatever the files hold: sections
 * added later are checked the same way. Absolute URLs ({@code https:}, {@code mailto:}) are not
 * fetched: the build has no network but Maven Central.
 */
class DocsLinksResolveTest {

    @Test
    void every_relative_link_and_image_in_readme_and_docs_resolves() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : Repo.markdownFiles()) {
            Markdown md = new Markdown(Repo.read(file));
            for (Markdown.Link link : md.links()) {
                String problem = problem(file, md, link.target());
                if (problem != null) {
                    broken.add(Repo.relative(file) + ":" + link.line() + ": " + link.target() + " (" + problem + ")");
                }
                checked++;
            }
        }
        assertFalse(checked == 0, "no links found at all: the parser is broken");
        assertEquals(List.of(), broken, "broken links");
    }

    /** Why {@code target}, written in {@code file}, does not resolve; {@code null} if it does. */
    static String problem(Path file, Markdown md, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null;                                       // https:, mailto: ... not fetched
        }
        String path = target;
        String anchor = null;
        int hash = target.indexOf('#');
        if (hash >= 0) {
            path = target.substring(0, hash);
            anchor = target.substring(hash + 1);
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        path = URLDecoder.decode(path, StandardCharsets.UTF_8);
        Path resolved;
        Set<String> anchors;
        if (path.isEmpty()) {
            resolved = file;
            anchors = md.anchors();
        } else {
            Path base = path.startsWith("/") ? Repo.root() : file.getParent();
            resolved = base.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
            if (!resolved.startsWith(Repo.root())) {
                return "outside the repository";
            }
            if (!Files.exists(resolved)) {
                return "no such file: " + Repo.relative(resolved);
            }
            anchors = resolved.toString().endsWith(".md") ? new Markdown(Repo.read(resolved)).anchors() : null;
        }
        if (anchor != null && !anchor.isEmpty() && anchors != null && !anchors.contains(anchor)) {
            return "no heading with id #" + anchor + " in " + Repo.relative(resolved);
        }
        return null;
    }
}
