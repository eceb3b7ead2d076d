package io.he4j.bench.targets;

import io.he4j.bench.model.Comparison;
import io.he4j.bench.model.Target;

import io.he4j.bench.model.Figure;

import java.util.List;
import java.util.Optional;

/**
 * "he4j no worse than SEAL+HEXL": the bar is SEAL's figure measured in the same run when the SEAL backend was
 * built (side by side, the fair comparison on a shared machine), else the reference recorded in the issue.
 */
public record SealComparisonRule(String id, String description, String ownFigureId, List<String> sealFigureIds,
                                 double issueReference, String unit, String sourceIssue) implements TargetRule {

    @Override
    public Target evaluate(FigureIndex figures) {
        Optional<Figure> sealFigure = figures.first(sealFigureIds);
        Optional<Double> seal = sealFigure.map(f -> Units.convert(f.median(), f.unit(), unit));
        double bar = seal.orElse(issueReference);
        String barSource = seal.isPresent() ? "SEAL measured in this run (" + sealFigure.get().id() + ")"
                : "SEAL+HEXL reference recorded in issue " + sourceIssue + " (SEAL backend not measured in this run)";
        Optional<Measured> own = figures.median(ownFigureId, unit)
                .map(v -> new Measured(v, "figure " + ownFigureId + "; bar: " + barSource));
        return Verdict.target(id, description, bar, unit, Comparison.LE, sourceIssue, own,
                "no figure " + ownFigureId + " in this run; bar: " + barSource);
    }
}
