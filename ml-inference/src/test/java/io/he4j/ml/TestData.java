package io.he4j.ml;

import io.he4j.ml.data.DataDir;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.Optional;

/** The shared datasets beside the repository; tests that need them skip (with this message) when absent. */
public final class TestData {
    private TestData() {
    }

    public static Path dir() {
        Optional<Path> d = DataDir.locate();
        Assumptions.assumeTrue(d.isPresent(), "dataset directory ../shared/data not found (set -Dhe4j.data.dir); "
                + "skipping dataset test");
        return d.orElseThrow();
    }
}
