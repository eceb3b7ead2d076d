package io.he4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the repository root: the nearest ancestor holding both pom.xml and the he4j launcher. */
public final class RepoRoot {
    private RepoRoot() {
    }

    public static Optional<Path> find(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isRegularFile(p.resolve("he4j"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** ../shared/data beside the root, if it exists. */
    public static Optional<Path> dataDir(Path root) {
        String explicit = System.getProperty("he4j.data.dir", System.getenv("HE4J_DATA_DIR"));
        if (explicit != null && !explicit.isBlank() && Files.isDirectory(Path.of(explicit))) {
            return Optional.of(Path.of(explicit).toAbsolutePath());
        }
        Path p = root.resolveSibling("shared").resolve("data");
        return Files.isDirectory(p) ? Optional.of(p.normalize()) : Optional.empty();
    }
}
