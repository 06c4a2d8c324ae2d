package dev.sluice.docs;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown: just enough of CommonMark / GitHub-flavoured Markdown for the docs tests: fenced code
 * blocks, inline links and images, reference definitions, HTML {@code href}/{@code src}, and the
 * anchors GitHub derives from headings.
 *
 * <p>Lines inside fenced blocks are never read as links or headings, and inline code spans are
 * removed before links are looked for, so a {@code [x](y)} in code is not a link.
 */
final class Markdown {
    /** A fenced block: its info string's first word ({@code java}, {@code bash}, or empty) and its lines. */
    record Block(String language, int firstLine, List<String> lines) {
        String text() {
            return String.join("\n", lines) + "\n";
        }
    }

    /** A link or image target written at {@code line} (1-based). */
    record Link(int line, String target) {
    }

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^`\\s]*).*$");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    // [text](target "title") and ![alt](target); text may hold one level of brackets (image in a link).
    private static final Pattern INLINE_LINK =
            Pattern.compile("\\]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(\\S+)");
    private static final Pattern HTML_ATTR = Pattern.compile("(?:href|src)\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)\\s*=\\s*\"([^\"]+)\"");

    private final List<String> lines;

    Markdown(String text) {
        this.lines = List.of(text.split("\n", -1));
    }

    List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        String fence = null;
        String language = null;
        int first = 0;
        List<String> body = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = FENCE.matcher(line);
            if (fence == null) {
                if (m.matches()) {
                    fence = m.group(1);
                    language = m.group(2).toLowerCase(Locale.ROOT);
                    first = i + 2;
                    body = new ArrayList<>();
                }
            } else if (line.trim().startsWith(fence) && line.trim().replace(fence.substring(0, 1), "").isEmpty()) {
                blocks.add(new Block(language, first, body));
                fence = null;
            } else {
                body.add(line);
            }
        }
        return blocks;
    }

    /** Every link, image and HTML href/src outside code. */
    List<Link> links() {
        List<Link> links = new ArrayList<>();
        forEachProseLine((number, line) -> {
            String prose = INLINE_CODE.matcher(line).replaceAll("");
            for (Pattern p : List.of(INLINE_LINK, REFERENCE, HTML_ATTR)) {
                Matcher m = p.matcher(prose);
                while (m.find()) {
                    String target = m.group(1);
                    if (target.startsWith("<") && target.endsWith(">")) {
                        target = target.substring(1, target.length() - 1);
                    }
                    links.add(new Link(number, target));
                }
            }
        });
        return links;
    }

    /** The anchors a link may point at: GitHub's heading ids (with -1, -2 for repeats) and HTML anchors. */
    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        forEachProseLine((number, line) -> {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(2));
                String unique = slug;
                for (int n = 1; anchors.contains(unique); n++) {
                    unique = slug + "-" + n;
                }
                anchors.add(unique);
            }
            Matcher a = HTML_ANCHOR.matcher(line);
            while (a.find()) {
                anchors.add(a.group(1));
            }
        });
        return anchors;
    }

    /** GitHub's heading id: markup dropped, lower case, punctuation removed, spaces to hyphens. */
    static String slug(String heading) {
        String text = heading
                .replaceAll("!\\[([^\\]]*)\\]\\([^)]*\\)", "$1")    // images: their alt text
                .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")     // links: their text
                .replaceAll("<[^>]+>", "");                          // HTML tags
        text = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    private interface LineVisitor {
        void visit(int number, String line);
    }

    private void forEachProseLine(LineVisitor visitor) {
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = FENCE.matcher(line);
            if (fence == null && m.matches()) {
                fence = m.group(1);
            } else if (fence != null) {
                if (line.trim().startsWith(fence) && line.trim().replace(fence.substring(0, 1), "").isEmpty()) {
                    fence = null;
                }
            } else {
                visitor.visit(i + 1, line);
            }
        }
    }
}
