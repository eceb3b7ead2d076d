package io.he4j.bench.targets;

import io.he4j.bench.model.Comparison;
import io.he4j.bench.model.Target;
import io.he4j.bench.model.TargetStatus;

import java.util.Optional;
import java.util.OptionalDouble;

/** The PASS/FAIL/NOT_MEASURED decision, in one place. */
public final class Verdict {
    private Verdict() {
    }

    public static TargetStatus status(Optional<Measured> measured, double target, Comparison comparison) {
        if (measured.isEmpty()) {
            return TargetStatus.NOT_MEASURED;
        }
        return comparison.holds(measured.get().value(), target) ? TargetStatus.PASS : TargetStatus.FAIL;
    }

    /**
     * Builds the target; when nothing was measured, {@code notMeasuredReason} becomes its evidence.
     */
    public static Target target(String id, String description, double target, String unit, Comparison comparison,
                                String sourceIssue, Optional<Measured> measured, String notMeasuredReason) {
        TargetStatus status = status(measured, target, comparison);
        return new Target(id, description, target,
                measured.map(m -> OptionalDouble.of(m.value())).orElse(OptionalDouble.empty()), unit, comparison,
                status, sourceIssue, measured.map(Measured::evidence).orElse(notMeasuredReason));
    }
}
