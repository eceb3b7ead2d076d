package io.he4j.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code ./he4j bench} was asked to do.
 *
 * @param quick       the short run (&lt; 2 min)
 * @param out         output directory (default bench/results/&lt;timestamp&gt; under the repository root)
 * @param buildNative bring build/bench-native up to date before running the native suites
 * @param notes       caveats to print in the report (e.g. "machine shared with other jobs")
 * @param command     the command line as the user typed it (recorded in results.json)
 */
public record BenchOptions(boolean quick, Optional<Path> out, boolean buildNative, List<String> notes,
                           String command) {
    public BenchOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(command, "command");
        notes = List.copyOf(notes);
    }
}
