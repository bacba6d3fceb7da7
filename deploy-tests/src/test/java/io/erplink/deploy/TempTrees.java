package io.erplink.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Throw-away copies of a directory tree (the chart, k8s/) that a check may change. */
final class TempTrees {

    private TempTrees() {}

    /** A copy of {@code source} at {@code name} inside a new temporary directory. */
    static Path copy(Path source, String name) {
        try {
            Path target = Files.createTempDirectory("erplink-" + name + "-").resolve(name);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path dest = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(file, dest);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a copy made by {@link #copy} with its temporary directory. */
    static void delete(Path copy) {
        try (Stream<Path> files = Files.walk(copy.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
