package io.he4j.bench.targets;

import io.he4j.bench.jmh.CkksOp;
import io.he4j.bench.model.Figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Java-over-native overhead: the same CKKS operation timed through Java (JMH, {@code jmh-ckks/...}) and in
 * the native benchmark ({@code native/...}), same backend, same run.
 */
public final class JavaOverhead {
    /** Issue 5 judges overhead only for operations above this native time. */
    public static final double MIN_NATIVE_US = 10.0;

    public record Row(CkksOp op, String preset, String backend, double nativeUs, double javaUs) {
        public double overheadPercent() {
            return (javaUs - nativeUs) / nativeUs * 100.0;
        }

        public boolean judged() {
            return nativeUs > MIN_NATIVE_US;
        }

        public String evidence() {
            return op.benchName(preset) + (backend.equals("he4j") ? "" : "@" + backend);
        }
    }

    private JavaOverhead() {
    }

    public static List<Row> rows(FigureIndex figures, String backend) {
        String suffix = backend.equals("he4j") ? "" : "@" + backend;
        List<Row> rows = new ArrayList<>();
        for (String preset : CkksOp.PRESETS) {
            for (CkksOp op : CkksOp.values()) {
                String name = op.benchName(preset);
                Optional<Double> nat = figures.median("native/" + name + suffix, "us");
                Optional<Double> java = figures.median("jmh-ckks/" + name + suffix, "us");
                if (nat.isPresent() && java.isPresent()) {
                    rows.add(new Row(op, preset, backend, nat.get(), java.get()));
                }
            }
        }
        return rows;
    }

    /** The largest overhead among judged operations (the one issue 5's bar is about). */
    public static Optional<Measured> worst(FigureIndex figures) {
        return rows(figures, "he4j").stream().filter(Row::judged)
                .max((a, b) -> Double.compare(a.overheadPercent(), b.overheadPercent()))
                .map(r -> new Measured(r.overheadPercent(), "worst of " + rows(figures, "he4j").stream()
                        .filter(Row::judged).count() + " ops above " + MIN_NATIVE_US + " us: " + r.evidence()
                        + " (Java " + fmt(r.javaUs()) + " us vs native " + fmt(r.nativeUs()) + " us)"));
    }

    /** For figures the overhead table needs. */
    public static Optional<Figure> javaFigure(FigureIndex figures, CkksOp op, String preset) {
        return figures.find("jmh-ckks/" + op.benchName(preset));
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
