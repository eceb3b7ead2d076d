package io.he4j.bench.targets;

import java.util.Map;

/** Conversion between the units figures use (time units and byte multiples); other units must match. */
public final class Units {
    private static final Map<String, Double> TIME_NS = Map.of("ns", 1.0, "us", 1e3, "ms", 1e6, "s", 1e9);
    private static final Map<String, Double> BYTES = Map.of("bytes", 1.0, "KB", 1e3, "KiB", 1024.0,
            "MB", 1e6, "MiB", 1024.0 * 1024.0);

    private Units() {
    }

    public static double convert(double value, String from, String to) {
        if (from.equals(to)) {
            return value;
        }
        if (TIME_NS.containsKey(from) && TIME_NS.containsKey(to)) {
            return value * TIME_NS.get(from) / TIME_NS.get(to);
        }
        if (BYTES.containsKey(from) && BYTES.containsKey(to)) {
            return value * BYTES.get(from) / BYTES.get(to);
        }
        throw new IllegalArgumentException("cannot convert " + from + " to " + to);
    }
}
