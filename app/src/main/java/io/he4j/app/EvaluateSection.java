package io.he4j.app;

import io.he4j.client.Prediction;
import io.he4j.ml.data.TargetColumn;
import io.he4j.ml.metrics.ClassificationMetrics;
import io.he4j.ml.metrics.RegressionMetrics;
import io.he4j.ml.model.OutputLink;
import io.he4j.protocol.ModelManifest;
import io.he4j.web.Form;
import io.he4j.web.Html;
import io.he4j.web.Layout;
import io.he4j.web.PageException;
import io.he4j.web.Session;
import io.he4j.web.SvgChart;
import io.he4j.web.WebGuard;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluation on a labelled CSV: every row predicted under encryption (batches), and in plaintext when the
 * provider enables its predict-plain endpoint; accuracy, precision, recall, F1 and ROC-AUC side by side, both
 * confusion matrices and the ROC curves. Labels are class indices (0, 1, ...) or the manifest's class names
 * when those are numbers.
 */
final class EvaluateSection implements AppSection {
    @Override
    public Optional<Layout.Link> link() {
        return Optional.empty();
    }

    @Override
    public void register(HttpRouting.Builder r, AppContext ctx) {
        r.get("/evaluate/{id}", ctx.guard().signedIn((req, res, s, f) -> {
            String id = ModelId.of(req);
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Evaluate", s, form(s, ctx.service().manifest(id)), 0));
        }));
        r.post("/evaluate/{id}", ctx.guard().signedIn((req, res, s, f) -> {
            long t0 = System.nanoTime();
            String id = ModelId.of(req);
            ModelManifest m = ctx.service().manifest(id);
            Form.Upload csv = f.file("csv").filter(u -> u.content().length > 0)
                    .orElseThrow(() -> new PageException(400, "choose a labelled CSV file"));
            TargetColumn label = Forms.labelColumn(f.field("label", ""), new TargetColumn.ByIndex(-1));
            CsvRows rows = CsvRows.read(csv.content(), csv.filename(), m, label);
            // the plaintext requests run while this thread encrypts and waits for the encrypted batch
            long[] plainNanos = new long[1];
            java.util.concurrent.CompletableFuture<Optional<double[][]>> plainJob = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        long p0 = System.nanoTime();
                        Optional<double[][]> p = ctx.service().plainScores(id, rows.features());
                        plainNanos[0] = System.nanoTime() - p0;
                        return p;
                    }, task -> Thread.ofVirtual().name("evaluate-plain").start(task));
            long e0 = System.nanoTime();
            List<Prediction> enc = ctx.service().predictBatch(id, rows.features());
            long encNanos = System.nanoTime() - e0;
            Optional<double[][]> plain;
            try {
                plain = plainJob.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            String body = m.classNames().isEmpty() ? regression(rows, enc, plain)
                    : classification(m, rows, enc, plain);
            body = "<p>File <code>" + Html.esc(csv.filename()) + "</code>: " + rows.features().length + " rows, label column <code>"
                    + Html.esc(rows.targetName()) + "</code>, model <code>" + Html.esc(id) + "</code>.</p>" + body
                    + "<p class=\"hint\" id=\"elapsed\">Computed in " + Html.num((System.nanoTime() - t0) / 1e6, 0)
                    + " ms (encrypted batch " + Html.num(encNanos / 1e6, 0) + " ms" + (plain.isPresent()
                    ? ", plaintext requests " + Html.num(plainNanos[0] / 1e6, 0) + " ms alongside" : "") + ").</p>"
                    + form(s, m);
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Evaluate", s, body, 0));
        }));
    }

    private static String form(Session s, ModelManifest m) {
        return "<h2>Labelled CSV</h2><form class=\"stack\" method=\"post\" enctype=\"multipart/form-data\" action=\"/evaluate/"
                + Html.esc(m.modelId()) + "\">" + Html.csrfField(s)
                + "<label for=\"csv\">CSV file with a header line and a label column</label>"
                + "<input id=\"csv\" name=\"csv\" type=\"file\" accept=\".csv,text/csv\" required>"
                + "<label for=\"label\">Label column (name or 0-based index; blank = last column)</label>"
                + "<input id=\"label\" name=\"label\" autocomplete=\"off\">"
                + "<div><button type=\"submit\" id=\"evaluate\">Evaluate</button></div></form>"
                + "<p class=\"hint\">Labels: class index (0.." + Math.max(0, m.classNames().size() - 1)
                + ") or class name. Classes: " + Html.esc(String.join(", ", m.classNames())) + ".</p>";
    }

    static int[] labels(ModelManifest m, double[] raw) {
        int k = m.classNames().size();
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double v = raw[i];
            String asName = v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
            int byName = m.classNames().indexOf(asName);
            if (byName >= 0) {
                out[i] = byName;
            } else if (v == Math.rint(v) && v >= 0 && v < k) {
                out[i] = (int) v;
            } else {
                throw new PageException(400, "row " + (i + 1) + ": label " + asName + " is neither a class index 0.."
                        + (k - 1) + " nor a class name " + m.classNames());
            }
        }
        return out;
    }

    private static String classification(ModelManifest m, CsvRows rows, List<Prediction> enc,
                                         Optional<double[][]> plainScores) {
        int[] truth = labels(m, rows.target());
        double[][] pe = new double[enc.size()][];
        for (int i = 0; i < pe.length; i++) {
            pe[i] = enc.get(i).probabilities();
        }
        ClassificationMetrics e = ClassificationMetrics.of(truth, pe);
        OutputLink link = OutputLink.valueOf(m.outputLink().toUpperCase(Locale.ROOT));
        Optional<double[][]> pp = plainScores.map(s -> {
            double[][] p = new double[s.length][];
            for (int i = 0; i < s.length; i++) {
                p[i] = link.probabilities(s[i]);
            }
            return p;
        });
        Optional<ClassificationMetrics> p = pp.map(x -> ClassificationMetrics.of(truth, x));
        StringBuilder b = new StringBuilder("<h2>Metrics</h2><table id=\"metrics\"><thead><tr><th scope=\"col\">Metric</th>"
                + "<th scope=\"col\">Plaintext</th><th scope=\"col\">Encrypted</th></tr></thead><tbody>");
        metric(b, "accuracy", "Accuracy", p.map(ClassificationMetrics::accuracy), e.accuracy());
        metric(b, "precision", "Precision", p.map(ClassificationMetrics::precision), e.precision());
        metric(b, "recall", "Recall", p.map(ClassificationMetrics::recall), e.recall());
        metric(b, "f1", "F1", p.map(ClassificationMetrics::f1), e.f1());
        metric(b, "auc", "ROC-AUC", p.map(ClassificationMetrics::rocAuc), e.rocAuc());
        b.append("</tbody></table>");
        if (p.isEmpty()) {
            b.append("<p class=\"hint\" id=\"plain-off\">Plaintext column: the provider has its predict-plain endpoint "
                    + "off (the default, since it would receive the rows in clear).</p>");
        }
        b.append("<h2>Confusion matrices</h2><div class=\"grid\">");
        p.ifPresent(x -> confusion(b, "cm-plain", "Plaintext", x.confusion(), m.classNames()));
        confusion(b, "cm-encrypted", "Encrypted", e.confusion(), m.classNames());
        b.append("</div><h2>ROC curves</h2><div class=\"grid\">");
        int k = m.classNames().size();
        for (int c = k == 2 ? 1 : 0; c < k && c < 6; c++) {
            List<SvgChart.Series> series = new ArrayList<>();
            final int cls = c;
            pp.ifPresent(x -> {
                double[][] roc = RocCurve.of(truth, x, cls);
                series.add(new SvgChart.Series("plaintext", roc[0], roc[1]));
            });
            double[][] roc = RocCurve.of(truth, pe, c);
            series.add(new SvgChart.Series("encrypted", roc[0], roc[1]));
            b.append(SvgChart.lines("roc-" + c, "ROC: " + m.classNames().get(c) + (k == 2 ? "" : " vs rest"),
                    "false positive rate", "true positive rate", series, 1, 1, true));
        }
        b.append("</div>");
        return b.toString();
    }

    private static String regression(CsvRows rows, List<Prediction> enc, Optional<double[][]> plainScores) {
        double[] ye = new double[enc.size()];
        for (int i = 0; i < ye.length; i++) {
            ye[i] = enc.get(i).scores()[0];
        }
        RegressionMetrics e = RegressionMetrics.of(rows.target(), ye);
        Optional<RegressionMetrics> p = plainScores.map(s -> {
            double[] y = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                y[i] = s[i][0];
            }
            return RegressionMetrics.of(rows.target(), y);
        });
        StringBuilder b = new StringBuilder("<h2>Metrics</h2><table id=\"metrics\"><thead><tr><th scope=\"col\">Metric</th>"
                + "<th scope=\"col\">Plaintext</th><th scope=\"col\">Encrypted</th></tr></thead><tbody>");
        metric(b, "rmse", "RMSE", p.map(RegressionMetrics::rmse), e.rmse());
        metric(b, "mae", "MAE", p.map(RegressionMetrics::mae), e.mae());
        metric(b, "r2", "R²", p.map(RegressionMetrics::r2), e.r2());
        return b.append("</tbody></table>").toString();
    }

    private static void metric(StringBuilder b, String id, String name, Optional<Double> plain, double enc) {
        b.append("<tr id=\"m-").append(id).append("\"><th scope=\"row\">").append(name).append("</th><td class=\"num\">")
                .append(plain.map(v -> Html.num(v, 4)).orElse("—")).append("</td><td class=\"num\">")
                .append(Html.num(enc, 4)).append("</td></tr>");
    }

    /** An HTML table (readable by screen readers and tests), shaded by the share of the true class's rows. */
    private static void confusion(StringBuilder b, String id, String title, int[][] cm, List<String> classes) {
        b.append("<table class=\"confusion\" id=\"").append(id).append("\"><caption>").append(Html.esc(title))
                .append(" (rows: true class, columns: predicted)</caption><thead><tr><td></td>");
        for (String c : classes) {
            b.append("<th scope=\"col\">").append(Html.esc(c)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (int t = 0; t < cm.length; t++) {
            int rowSum = 0;
            for (int v : cm[t]) {
                rowSum += v;
            }
            b.append("<tr><th scope=\"row\">").append(Html.esc(classes.get(t))).append("</th>");
            for (int p = 0; p < cm[t].length; p++) {
                int shade = rowSum == 0 ? 0 : (int) Math.min(4, Math.round(4.0 * cm[t][p] / rowSum));
                b.append("<td class=\"num heat").append(shade).append("\" data-true=\"").append(t)
                        .append("\" data-pred=\"").append(p).append("\">").append(cm[t][p]).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
    }
}
