package io.he4j.cli;

import io.he4j.ml.eval.EvaluationReport;
import io.he4j.ml.metrics.ClassificationMetrics;
import io.he4j.ml.metrics.RegressionMetrics;

import java.io.PrintStream;
import java.util.List;

/** Human-readable plaintext-vs-encrypted tables. */
final class ReportTable {
    private ReportTable() {
    }

    static void metrics(PrintStream out, List<EvaluationReport> reports) {
        boolean classification = reports.getFirst().plain().isPresent();
        if (classification) {
            out.printf("%-22s %-10s %9s %9s %9s %9s %9s %9s %9s %7s %12s%n", "model", "run", "accuracy", "precision",
                    "recall", "F1", "ROC-AUC", "log-loss", "confusion", "agree", "max|dscore|");
            for (EvaluationReport r : reports) {
                row(out, r, "plaintext", r.plain().orElseThrow(), "", "");
                row(out, r, "encrypted", r.encrypted().orElseThrow(), String.format("%.1f%%", 100 * r.labelAgreement()),
                        String.format("%.2e", r.maxAbsScoreDiff()));
            }
        } else {
            out.printf("%-22s %-10s %9s %9s %9s %12s%n", "model", "run", "RMSE", "MAE", "R2", "max|dscore|");
            for (EvaluationReport r : reports) {
                RegressionMetrics p = r.plainRegression().orElseThrow();
                RegressionMetrics e = r.encryptedRegression().orElseThrow();
                out.printf("%-22s %-10s %9.4f %9.4f %9.4f %12s%n", label(r), "plaintext", p.rmse(), p.mae(), p.r2(), "");
                out.printf("%-22s %-10s %9.4f %9.4f %9.4f %12.2e%n", label(r), "encrypted", e.rmse(), e.mae(), e.r2(),
                        r.maxAbsScoreDiff());
            }
        }
    }

    private static void row(PrintStream out, EvaluationReport r, String run, ClassificationMetrics m, String agree,
                            String diff) {
        String cm = m.confusion().length == 2 ? String.format("%d/%d/%d/%d", m.confusion()[0][0], m.confusion()[0][1],
                m.confusion()[1][0], m.confusion()[1][1]) : "(" + m.confusion().length + "x" + m.confusion().length + ")";
        out.printf("%-22s %-10s %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f %9s %7s %12s%n", label(r), run, m.accuracy(),
                m.precision(), m.recall(), m.f1(), m.rocAuc(), m.logLoss(), cm, agree, diff);
    }

    static void performance(PrintStream out, List<EvaluationReport> reports) {
        out.printf("%-22s %-7s %-52s %s%n", "model", "mode", "CKKS parameters", "performance (one thread)");
        for (EvaluationReport r : reports) {
            String perf;
            if (r.single().isPresent()) {
                EvaluationReport.SingleTimings s = r.single().get();
                perf = String.format("end-to-end p50 %.3f ms (p90 %.3f), server p50 %.4f ms (compute %.4f ms), "
                                + "encrypt %.3f ms, decrypt %.3f ms, upload %.1f KB, reply %.1f KB", s.endToEnd().p50(),
                        s.endToEnd().p90(), s.server().p50(), s.serverCompute().p50(), s.encrypt().p50(), s.decrypt().p50(), s.queryBytes() / 1024.0,
                        s.replyBytes() / 1024.0);
            } else {
                EvaluationReport.BatchTimings b = r.batch().orElseThrow();
                perf = String.format("%,.0f predictions/s server side (%d per batch in %.2f ms; compute alone %.2f ms "
                                + "= %,.0f/s), client encrypt %.1f ms, upload %.0f KB", b.serverPerSecond(), b.batchSize(),
                        b.serverMs(), b.computeMs(), b.computePerSecond(), b.clientEncryptMs(), b.uploadBytes() / 1024.0);
            }
            out.printf("%-22s %-7s %-52s %s%n", label(r), r.mode(), r.params().toString(), perf);
        }
    }

    private static String label(EvaluationReport r) {
        return r.model();
    }
}
