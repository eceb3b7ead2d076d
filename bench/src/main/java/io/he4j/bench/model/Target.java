package io.he4j.bench.model;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A bar from the mission or an issue, with what this run measured.
 *
 * @param id          stable identifier (e.g. {@code ring/ntt_forward/8192/q48})
 * @param description what is compared, in words
 * @param target      the bar's value
 * @param measured    the measured value; empty when NOT_MEASURED
 * @param unit        unit of both values
 * @param comparison  measured {comparison} target must hold to PASS
 * @param status      PASS, FAIL or NOT_MEASURED
 * @param sourceIssue where the bar comes from (e.g. {@code #3}, {@code mission})
 * @param evidence    the figure ids the measured value was computed from, or why nothing was measured
 */
public record Target(String id, String description, double target, OptionalDouble measured, String unit,
                     Comparison comparison, TargetStatus status, String sourceIssue, String evidence) {
    public Target {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sourceIssue, "sourceIssue");
        Objects.requireNonNull(evidence, "evidence");
        if (measured.isPresent() == (status == TargetStatus.NOT_MEASURED)) {
            throw new IllegalArgumentException("target " + id + ": a measured value goes with PASS/FAIL, none with "
                    + "NOT_MEASURED (status " + status + ", measured " + measured + ")");
        }
    }
}
