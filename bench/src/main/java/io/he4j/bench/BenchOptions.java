package io.he4j.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code ./he4j bench} was asked to do.
 *
 * @param quick       the short run (&lt; 2 min)
 * @param out         output directory (default bench/results/&lt;timestamp&gt; under the repository root)
 * @param buildNative bring build/bench-native up to date before running the native suites
 * @param notes       caveats to print in the report (e.g. "machine shared with other jobs")
 * @param command     the command line as the user typed it (recorded in results.json)
 * @param only        the suite groups to run ({@link #GROUPS}); empty = all
 */
public record BenchOptions(boolean quick, Optional<Path> out, boolean buildNative, List<String> notes,
                           String command, Set<String> only) {
    /** Suite groups, in run order (one list: --only's help text and its check use it). */
    public static final String GROUP_NAMES = "native, jmh-ckks, sizes, ml, service, federated, privacy, records, spark, "
            + "jmh-ml";
    public static final List<String> GROUPS = List.of(GROUP_NAMES.split(", "));

    public BenchOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(command, "command");
        notes = List.copyOf(notes);
        only = Set.copyOf(only);
        for (String g : only) {
            if (!GROUPS.contains(g)) {
                throw new IllegalArgumentException("unknown suite group '" + g + "'; allowed: " + String.join(", ", GROUPS));
            }
        }
    }

    /** Whether the group runs in this invocation. */
    public boolean runs(String group) {
        return only.isEmpty() || only.contains(group);
    }
}
