package io.he4j.ml.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared dataset directory that lives BESIDE the repository ({@code <repo>/../shared/data}); the
 * data is never copied into the repository. Order: the system property {@code he4j.data.dir}, the
 * environment variable {@code HE4J_DATA_DIR}, then {@code shared/data} in the working directory or any of
 * its ancestors.
 */
public final class DataDir {
    private DataDir() {
    }

    public static Optional<Path> locate() {
        return locate(Path.of("").toAbsolutePath());
    }

    public static Optional<Path> locate(Path start) {
        for (String explicit : new String[]{System.getProperty("he4j.data.dir"), System.getenv("HE4J_DATA_DIR")}) {
            if (explicit != null && !explicit.isBlank()) {
                Path p = Path.of(explicit).toAbsolutePath().normalize();
                if (Files.isDirectory(p)) {
                    return Optional.of(p);
                }
            }
        }
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Where to get the files when {@link #locate()} finds nothing. */
    public static String howToGet() {
        return "Put the datasets in ../shared/data beside the repository (or pass --data FILE / set HE4J_DATA_DIR). "
                + "UCI Heart Disease (processed.cleveland.data): https://archive.ics.uci.edu/dataset/45/heart+disease";
    }
}
