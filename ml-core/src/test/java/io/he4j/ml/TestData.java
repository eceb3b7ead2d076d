package io.he4j.ml;

import io.he4j.ml.data.DataDir;

import java.nio.file.Path;

/** The shared datasets beside the repository; a test that needs them FAILS when they are absent (never skips). */
public final class TestData {
    private TestData() {
    }

    public static Path dir() {
        return DataDir.locate().orElseThrow(() -> new AssertionError("dataset directory ../shared/data not found "
                + "(set -Dhe4j.data.dir): " + DataDir.howToGet()));
    }
}
