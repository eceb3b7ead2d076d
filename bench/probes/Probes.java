import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * What the probes in this folder share. A probe is launched as a source file ({@code java bench/probes/X.java});
 * the launcher compiles this file with it (multi-file source programs, JEP 458).
 */
final class Probes {
    private Probes() {
    }

    /** The median of {@code xs} (the upper one of an even count). */
    static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Deletes {@code p} and everything below it, if it exists. */
    static void delete(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
