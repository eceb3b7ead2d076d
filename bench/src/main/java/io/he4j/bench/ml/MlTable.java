package io.he4j.bench.ml;

import io.he4j.ml.eval.EvaluationReport;

import java.util.Map;

/**
 * The ML suite's evaluations as one Markdown table, {@code ml-inference.md} in the run directory (the table of
 * ml-inference/RESULTS.md): accuracy plaintext vs encrypted, label agreement, largest score difference,
 * latencies, upload size and batch throughput per case.
 */
final class MlTable {
    private final StringBuilder b = new StringBuilder();

    MlTable(String command) {
        b.append("# he4j encrypted inference: plaintext vs encrypted\n\n")
                .append("Produced by `").append(command).append("`; one thread.\n\n")
                .append("| case | dataset | model | mode | acc plain | acc enc | agree | max abs dscore | e2e p50 ms | ")
                .append("server p50 ms (compute) | upload KB | server predictions/s (compute) | params |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    }

    void add(MlCase c, EvaluationReport r) {
        Map<String, Object> he = HeProtocols.parameters(r);
        b.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %.2e | %s | %s | %s | %s | %s N=%s |%n", c.id(),
                c.dataset(), c.modelName(), c.mode(), fmt(r.accuracyPlain()), fmt(r.accuracyEncrypted()),
                fmt(r.labelAgreement()), r.maxAbsScoreDiff(),
                r.single().map(t -> String.format("%.3f", t.endToEnd().p50())).orElse(""),
                r.single().map(t -> String.format("%.4f (%.4f)", t.server().p50(), t.serverCompute().p50()))
                        .orElse(r.batch().map(t -> String.format("%.2f (%.2f) / batch", t.serverMs(), t.computeMs()))
                                .orElse("")),
                r.single().map(t -> String.format("%.1f", t.queryBytes() / 1024.0))
                        .orElse(r.batch().map(t -> String.format("%.0f / batch", t.uploadBytes() / 1024.0)).orElse("")),
                r.batch().map(t -> String.format("%,.0f (%,.0f)", t.serverPerSecond(), t.computePerSecond())).orElse(""),
                he.get("he_preset"), he.get("he_N")));
    }

    String markdown() {
        return b.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.4f", v);
    }
}
