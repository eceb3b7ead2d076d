package io.he4j.bench.targets;

import io.he4j.bench.model.Comparison;
import io.he4j.bench.model.Target;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A bar with a fixed target value and a measured value computed from the run's figures. */
public record ComputedRule(String id, String description, double target, String unit, Comparison comparison,
                           String sourceIssue, Function<FigureIndex, Optional<Measured>> measure,
                           String notMeasuredReason) implements TargetRule {

    /** Measured = the median (in {@code unit}) of the first of {@code figureIds} present in the run. */
    public static ComputedRule ofFigure(String id, String description, double target, String unit,
                                        Comparison comparison, String sourceIssue, List<String> figureIds) {
        return new ComputedRule(id, description, target, unit, comparison, sourceIssue,
                idx -> idx.first(figureIds).map(f -> new Measured(
                        Units.convert(f.median(), f.unit(), unit), "figure " + f.id())),
                "no figure " + String.join(" or ", figureIds) + " in this run");
    }

    @Override
    public Target evaluate(FigureIndex figures) {
        return Verdict.target(id, description, target, unit, comparison, sourceIssue, measure.apply(figures),
                notMeasuredReason);
    }
}
