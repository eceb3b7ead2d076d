package io.he4j.ml.data;

/** Which CSV column holds the target: by header name, by 0-based index, or the last one. */
public sealed interface TargetColumn {
    record ByName(String name) implements TargetColumn {
    }

    /** @param index 0-based; negative counts from the end (-1 = last column) */
    record ByIndex(int index) implements TargetColumn {
    }

    /** No target: every column is a feature (prediction input); targets read as 0. */
    record None() implements TargetColumn {
    }

    static TargetColumn last() {
        return new ByIndex(-1);
    }

    /** Parses a command-line spelling: an integer is a 0-based index, anything else a header name. */
    static TargetColumn parse(String spec) {
        String s = spec.strip();
        if (s.matches("-?\\d+")) {
            return new ByIndex(Integer.parseInt(s));
        }
        return new ByName(s);
    }
}
