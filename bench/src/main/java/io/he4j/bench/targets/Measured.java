package io.he4j.bench.targets;

import java.util.Objects;

/** A value a target rule computed from the run's figures, and which figures it came from. */
public record Measured(double value, String evidence) {
    public Measured {
        Objects.requireNonNull(evidence, "evidence");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("measured value must be finite, got " + value);
        }
    }
}
