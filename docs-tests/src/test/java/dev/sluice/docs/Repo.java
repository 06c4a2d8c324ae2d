package dev.sluice.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Repo: the repository checkout the docs tests look at (system property {@code sluice.root}). */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String root = System.getProperty("sluice.root");
        if (root == null) {
            throw new IllegalStateException("system property sluice.root is not set (the pom sets it)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** README.md and every Markdown file under docs/, whatever sections they hold today. */
    static List<Path> markdownFiles() {
        Path docs = file("docs");
        try (Stream<Path> walk = Files.isDirectory(docs) ? Files.walk(docs) : Stream.empty()) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
            files.add(0, file("README.md"));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path file) {
        return root().relativize(file).toString();
    }
}
