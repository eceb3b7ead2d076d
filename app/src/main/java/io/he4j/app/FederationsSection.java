package io.he4j.app;

import io.he4j.client.FederationSummary;
import io.he4j.client.He4jServiceException;
import io.he4j.federated.FederatedSimulation;
import io.he4j.federated.FederationException;
import io.he4j.federated.GlobalPreprocessing;
import io.he4j.federated.ModelShape;
import io.he4j.ml.data.TargetColumn;
import io.he4j.ml.train.TrainOptions;
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
import java.util.Optional;

/**
 * Federations this institution owns or belongs to, with their members and rounds. What the app can know of a
 * round is what the coordinator publishes: in threshold mode the decrypted weighted average (the new global
 * parameters), from which the page charts how far each round moved the model. Accuracy is published by nobody:
 * given a labelled file held here, the app rebuilds each round's model from its average and measures it on that
 * file ({@link FederationAccuracy}); the file stays in the app.
 */
final class FederationsSection implements AppSection {
    static final String PATH = "/federations";
    /** Round results fetched per page view (the newest ones): each is one request of 8 bytes per parameter. */
    static final int MAX_ROUNDS_SHOWN = 50;
    /** The feature bound {@code ./he4j fl simulate} divides the pooled statistics by: the form's default. */
    static final double DEFAULT_FEATURE_BOUND = FederatedSimulation.Options.defaults(TrainOptions.linear(0), 1)
            .featureBound();

    @Override
    public Optional<Layout.Link> link() {
        return Optional.of(new Layout.Link(PATH, "Federations"));
    }

    @Override
    public void register(HttpRouting.Builder r, AppContext ctx) {
        r.get(PATH, ctx.guard().signedIn((req, res, s, f) -> {
            List<FederationSummary> all = ctx.service().federations().list();
            boolean active = all.stream().anyMatch(x -> x.status().equals("enrolling") || x.status().equals("running"));
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Federations", s, list(all), active ? 5 : 0));
        }));
        r.get(PATH + "/{fed}", ctx.guard().signedIn((req, res, s, f) -> {
            FederationSummary fed = summary(ctx, req.path().pathParameters().get("fed"));
            boolean active = fed.status().equals("enrolling") || fed.status().equals("running");
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Federation " + fed.name(), s, detail(ctx, s, fed),
                    active ? 5 : 0));
        }));
        r.post(PATH + "/{fed}/accuracy", ctx.guard().signedIn((req, res, s, f) -> {
            FederationSummary fed = summary(ctx, req.path().pathParameters().get("fed"));
            if (!fed.keyMode().equals("threshold")) {
                throw new PageException(400, "federation " + fed.id() + " uses a shared key: this app holds no member "
                        + "key, so it cannot decrypt its rounds");
            }
            Form.Upload csv = f.file("csv").filter(u -> u.content().length > 0)
                    .orElseThrow(() -> new PageException(400, "choose a labelled CSV file"));
            CsvRows.Labelled file = CsvRows.readLabelled(csv.content(), csv.filename(),
                    Forms.labelColumn(f.field("label", ""), new TargetColumn.ByIndex(-1)));
            ModelShape shape = FederationAccuracy.shape(fed.parameters(), file.featureNames(),
                    FederationAccuracy.hidden(f.field("hidden", "")));
            String statsId = Forms.objectId("federation", f.field("statistics", "").strip());
            double bound = featureBound(f.field("bound", ""));
            GlobalPreprocessing pre = preprocessing(ctx, statsId, file.featureNames().size(), bound);
            s.attributes().put(FederationAccuracy.sessionKey(fed.id()), FederationAccuracy.of(fed.id(),
                    csv.filename(), file, shape, pre, statsId, bound));
            WebGuard.redirect(res, PATH + "/" + fed.id() + "#accuracy");
        }));
        r.post(PATH + "/{fed}/accuracy/forget", ctx.guard().signedIn((req, res, s, f) -> {
            String id = Forms.objectId("federation", req.path().pathParameters().get("fed"));
            s.attributes().remove(FederationAccuracy.sessionKey(id));
            WebGuard.redirect(res, PATH + "/" + id + "#accuracy");
        }));
    }

    private static FederationSummary summary(AppContext ctx, String rawId) {
        String id = Forms.objectId("federation", rawId);
        try {
            return ctx.service().federations().summary(id);
        } catch (He4jServiceException e) {
            if (e.status() == 404) {
                throw new PageException(404, "no federation '" + id + "' that this institution owns or belongs to");
            }
            throw e;
        }
    }

    /**
     * The pooled imputer and scaler from a statistics federation's decrypted total (round 0 of
     * {@code ./he4j fl simulate}: per feature the non-missing count, sum and sum of squares, divided by the bound).
     */
    private static GlobalPreprocessing preprocessing(AppContext ctx, String statsId, int features, double bound) {
        FederationSummary stats;
        try {
            stats = ctx.service().federations().summary(statsId);
        } catch (He4jServiceException e) {
            if (e.status() == 404) {
                throw new PageException(400, "no statistics federation '" + statsId + "' that this institution is in");
            }
            throw e;
        }
        if (!isStatistics(stats) || stats.parameters() != 1 + 3 * features) {
            throw new PageException(400, "federation " + statsId + " is not a finished threshold federation of the "
                    + "pooled statistics of " + features + " features (one round of " + (1 + 3 * features) + " values)");
        }
        try {
            return GlobalPreprocessing.fromNormalizedTotals(ctx.service().federations().result(statsId, 1), features,
                    bound);
        } catch (FederationException e) {
            throw new PageException(400, "the statistics of federation " + statsId + ": " + e.getMessage());
        }
    }

    /** A finished one-round threshold federation whose values are pooled statistics (1 + 3 per feature). */
    private static boolean isStatistics(FederationSummary f) {
        return f.keyMode().equals("threshold") && f.status().equals("done") && f.rounds() == 1
                && f.parameters() >= 4 && (f.parameters() - 1) % 3 == 0;
    }

    private static double featureBound(String v) {
        try {
            double b = Double.parseDouble(v.strip());
            if (b > 0 && b <= 1e12) {
                return b;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new PageException(400, "the feature bound is a number above 0 (./he4j fl simulate uses "
                + Html.num(DEFAULT_FEATURE_BOUND, 0) + ")");
    }

    private static String list(List<FederationSummary> all) {
        StringBuilder b = new StringBuilder("<p>Federated trainings this institution owns or is a member of. The "
                + "service sums the members' encrypted updates; in threshold mode it can decrypt a round's average "
                + "only with every member's decryption share.</p><table id=\"federations\"><thead><tr>"
                + "<th scope=\"col\">Federation</th><th scope=\"col\">Key mode</th><th scope=\"col\">State</th>"
                + "<th scope=\"col\">Round</th><th scope=\"col\">Members</th></tr></thead><tbody>");
        for (FederationSummary f : all) {
            b.append("<tr><td><a href=\"").append(PATH).append('/').append(Html.esc(f.id())).append("\">")
                    .append(Html.esc(f.name())).append("</a> <code class=\"hint\">").append(Html.esc(f.id()))
                    .append("</code></td><td>").append(Html.esc(f.keyMode())).append("</td><td>")
                    .append(Html.esc(f.status())).append("</td><td class=\"num\">").append(f.round()).append(" of ")
                    .append(f.rounds()).append("</td><td>").append(f.members().size()).append(" of ")
                    .append(f.institutions()).append("</td></tr>");
        }
        if (all.isEmpty()) {
            b.append("<tr><td colspan=\"5\">This institution takes part in no federation.</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private static String detail(AppContext ctx, Session s, FederationSummary f) {
        StringBuilder b = new StringBuilder("<table id=\"federation\"><tbody>");
        ModelsSection.row(b, "Id", f.id());
        ModelsSection.row(b, "Key mode", f.keyMode().equals("threshold")
                ? "threshold: no party alone can decrypt; a round's average needs every member's share"
                : "shared: the members hold one key; the service cannot decrypt anything");
        ModelsSection.row(b, "State", f.status() + (f.failure().isEmpty() ? "" : ": " + f.failure()));
        ModelsSection.row(b, "Round", f.round() + " of " + f.rounds() + " (phase " + f.phase() + ")");
        ModelsSection.row(b, "Parameters", Integer.toString(f.parameters()));
        b.append("</tbody></table><h2>Members</h2><table id=\"members\"><thead><tr><th scope=\"col\">#</th>"
                + "<th scope=\"col\">Name</th><th scope=\"col\">Rows (weight)</th></tr></thead><tbody>");
        for (FederationSummary.Member m : f.members()) {
            b.append("<tr><td class=\"num\">").append(m.number()).append("</td><td>").append(Html.esc(m.name()))
                    .append("</td><td class=\"num\">").append(m.rows()).append("</td></tr>");
        }
        if (f.members().isEmpty()) {
            b.append("<tr><td colspan=\"3\">Nobody has joined yet.</td></tr>");
        }
        b.append("</tbody></table><p class=\"hint\">").append(f.members().size()).append(" of ").append(f.institutions())
                .append(" institutions joined.</p>");
        FederationAccuracy acc = f.keyMode().equals("threshold")
                && s.attributes().get(FederationAccuracy.sessionKey(f.id())) instanceof FederationAccuracy a ? a : null;
        b.append(rounds(ctx, f, acc));
        b.append(accuracy(ctx, s, f, acc));
        return b.toString();
    }

    /** The accuracy section: what the numbers are, or how to get them, and the form. */
    private static String accuracy(AppContext ctx, Session s, FederationSummary f, FederationAccuracy acc) {
        StringBuilder b = new StringBuilder("<h2 id=\"accuracy\">Accuracy per round</h2>");
        if (!f.keyMode().equals("threshold")) {
            return b.append("<p id=\"accuracy-note\">Shared-key mode: the coordinator cannot decrypt any round, and "
                    + "this app holds no member's key, so it cannot rebuild a round's model to measure it. Each member "
                    + "measures accuracy on its own data (<code>./he4j fl simulate</code> prints it per round).</p>")
                    .toString();
        }
        if (acc != null) {
            b.append("<p id=\"accuracy-note\">Measured by this app on the file <code>").append(Html.esc(acc.filename()))
                    .append("</code> (").append(acc.rows().length).append(" rows, label column <code>")
                    .append(Html.esc(acc.targetName())).append("</code>): each round's model is rebuilt here from the "
                    + "round's decrypted average (").append(Html.esc(FederationAccuracy.describe(acc.shape())))
                    .append(", standardized with the pooled statistics of federation <code>")
                    .append(Html.esc(acc.statisticsId())).append("</code>, feature bound ")
                    .append(Html.esc(Html.num(acc.featureBound(), 0))).append(") and applied to every row. The file was "
                    + "read by this app only: it was not sent to the service, and these numbers are published "
                    + "nowhere; another institution measuring on its own data gets other numbers.</p>")
                    .append("<form method=\"post\" action=\"").append(PATH).append('/').append(Html.esc(f.id()))
                    .append("/accuracy/forget\">").append(Html.csrfField(s))
                    .append("<button type=\"submit\" id=\"forget\">Forget this file</button></form>");
        } else {
            b.append("<p id=\"accuracy-note\">The service does not know any round's accuracy: it never sees data. "
                    + "Give this app a labelled file held here, and it rebuilds each round's model from the round's "
                    + "decrypted average and measures it on that file, here; the file is not sent to the service.</p>");
        }
        List<FederationSummary> all = ctx.service().federations().list();
        List<FederationSummary> stats = all.stream().filter(FederationsSection::isStatistics).toList();
        if (stats.isEmpty()) {
            return b.append("<p class=\"hint\" id=\"no-statistics\">No finished statistics federation (the pooled "
                    + "preprocessing, round 0 of <code>./he4j fl simulate</code>) that this institution is in: a "
                    + "round's parameters act on standardized features, so the app needs those statistics.</p>")
                    .toString();
        }
        String chosen = acc != null ? acc.statisticsId() : defaultStatistics(f, all, stats);
        b.append("<h3>").append(acc == null ? "Labelled file" : "Another file").append("</h3><form class=\"stack\" "
                + "method=\"post\" enctype=\"multipart/form-data\" action=\"").append(PATH).append('/')
                .append(Html.esc(f.id())).append("/accuracy\">").append(Html.csrfField(s))
                .append("<label for=\"csv\">CSV file with a header line: the features in the order the federation "
                        + "trained on, and a label column (class index 0, 1, ...)</label>"
                        + "<input id=\"csv\" name=\"csv\" type=\"file\" accept=\".csv,text/csv\" required>"
                        + "<label for=\"label\">Label column (name or 0-based index; blank = last column)</label>"
                        + "<input id=\"label\" name=\"label\" autocomplete=\"off\">"
                        + "<label for=\"hidden\">Hidden layers (blank: logistic or softmax regression; an MLP's widths, "
                        + "e.g. 4 or 8,4, square activation)</label>"
                        + "<input id=\"hidden\" name=\"hidden\" autocomplete=\"off\">"
                        + "<label for=\"statistics\">Pooled preprocessing: the federation of the members' statistics"
                        + "</label><select id=\"statistics\" name=\"statistics\" required>");
        for (FederationSummary x : stats) {
            b.append("<option value=\"").append(Html.esc(x.id())).append('"').append(x.id().equals(chosen) ? " selected" : "")
                    .append('>').append(Html.esc(x.name())).append(" (").append(Html.esc(x.id())).append(", ")
                    .append((x.parameters() - 1) / 3).append(" features)</option>");
        }
        b.append("</select><label for=\"bound\">Feature bound the statistics were divided by</label>"
                + "<input id=\"bound\" name=\"bound\" inputmode=\"decimal\" autocomplete=\"off\" required value=\"")
                .append(Html.esc(Html.num(acc != null ? acc.featureBound() : DEFAULT_FEATURE_BOUND, 0)))
                .append("\"><div><button type=\"submit\" id=\"measure\">Measure every round</button></div></form>"
                        + "<p class=\"hint\">Relu, gelu and sigmoid MLPs are not rebuilt here: their quadratic "
                        + "activations come from further one-round federations this page does not follow.</p>");
        return b.toString();
    }

    /**
     * The statistics federation most likely to be this one's: the newest one listed after it (the list is newest
     * first, and {@code ./he4j fl simulate} creates the statistics federation just before the training one), else
     * the newest.
     */
    private static String defaultStatistics(FederationSummary f, List<FederationSummary> all,
                                            List<FederationSummary> stats) {
        List<String> order = all.stream().map(FederationSummary::id).toList();
        int self = order.indexOf(f.id());
        return stats.stream().filter(x -> order.indexOf(x.id()) > self).findFirst().orElse(stats.getFirst()).id();
    }

    private static String rounds(AppContext ctx, FederationSummary f, FederationAccuracy acc) {
        StringBuilder b = new StringBuilder("<h2>Rounds</h2>");
        int completed = f.completedRounds();
        boolean threshold = f.keyMode().equals("threshold");
        int from = Math.max(1, completed - MAX_ROUNDS_SHOWN + 1);
        int columns = acc == null ? 3 : 6;
        List<Double> xs = new ArrayList<>();
        List<Double> moves = new ArrayList<>();
        List<Double> measured = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        List<Double> aucs = new ArrayList<>();
        b.append("<table id=\"rounds\"><thead><tr><th scope=\"col\">Round</th><th scope=\"col\">State</th>"
                + "<th scope=\"col\">‖global parameters‖₂</th><th scope=\"col\">Change from the round before (‖Δ‖₂)</th>");
        if (acc != null) {
            b.append("<th scope=\"col\">Accuracy on ").append(Html.esc(acc.filename())).append("</th>"
                    + "<th scope=\"col\">Correct</th><th scope=\"col\">ROC-AUC</th>");
        }
        b.append("</tr></thead><tbody>");
        double[] previous = null;
        for (int r = from; r <= Math.max(completed, f.round()) && r <= f.rounds(); r++) {
            b.append("<tr data-round=\"").append(r).append("\"><td class=\"num\">").append(r).append("</td>");
            if (r > completed) {
                b.append("<td colspan=\"").append(columns).append("\">").append(Html.esc(f.status().equals("failed")
                        ? "failed: " + f.failure()
                        : "collecting " + (f.phase().equals("shares") ? "decryption shares" : "updates"))).append("</td></tr>");
                continue;
            }
            if (!threshold) {
                b.append("<td>done</td><td colspan=\"2\">decrypted by the members only</td></tr>");
                continue;
            }
            double[] values;
            try {
                values = ctx.service().federations().result(f.id(), r);
            } catch (He4jServiceException e) {
                b.append("<td colspan=\"").append(columns).append("\">").append(Html.esc(e.code())).append("</td></tr>");
                previous = null;
                continue;
            }
            double norm = norm(values, null);
            b.append("<td>decrypted</td><td class=\"num\">").append(Html.num(norm, 6)).append("</td><td class=\"num\">");
            if (previous != null && previous.length == values.length) {
                double move = norm(values, previous);
                xs.add((double) r);
                moves.add(move);
                b.append(Html.num(move, 6));
            } else {
                b.append("—");
            }
            b.append("</td>");
            if (acc != null) {
                measure(b, acc, r, values, measured, accuracies, aucs);
            }
            b.append("</tr>");
            previous = values;
        }
        if (f.round() == 0 && completed == 0) {
            b.append("<tr><td colspan=\"").append(columns + 1).append("\">No round yet: the federation starts when "
                    + "every institution has joined.</td></tr>");
        }
        b.append("</tbody></table>");
        double roundsAxis = 4 * Math.ceil(f.rounds() / 4.0);
        if (!accuracies.isEmpty()) {
            double[] x = measured.stream().mapToDouble(Double::doubleValue).toArray();
            List<SvgChart.Series> series = new ArrayList<>();
            series.add(new SvgChart.Series("accuracy", x, accuracies.stream().mapToDouble(Double::doubleValue).toArray()));
            if (aucs.stream().noneMatch(v -> Double.isNaN(v))) {
                series.add(new SvgChart.Series("ROC-AUC", x, aucs.stream().mapToDouble(Double::doubleValue).toArray()));
            }
            b.append(SvgChart.lines("round-accuracy", "Accuracy per round on " + acc.filename() + " (measured here)",
                    "round", "accuracy, ROC-AUC", series, roundsAxis, 1, false, true));
        }
        if (moves.size() >= 1) {
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = moves.stream().mapToDouble(Double::doubleValue).toArray();
            double yMax = 0;
            for (double v : y) {
                yMax = Math.max(yMax, v);
            }
            b.append(SvgChart.lines("round-change", "How far each round moved the global model", "round",
                    "‖Δ parameters‖₂", List.of(new SvgChart.Series("change, ‖Δ‖₂", x, y)),
                    roundsAxis, SvgChart.niceMax(yMax), false, true)); // integer ticks
        }
        return b.toString();
    }

    /** The round's cells of accuracy, correct count and ROC-AUC on the file, or why there are none. */
    private static void measure(StringBuilder b, FederationAccuracy acc, int round, double[] values,
                                List<Double> measured, List<Double> accuracies, List<Double> aucs) {
        FederationAccuracy.Score sc;
        try {
            sc = acc.score(round, values);
        } catch (PageException | FederationException e) {
            b.append("<td colspan=\"3\">").append(Html.esc(e.getMessage())).append("</td>");
            return;
        }
        b.append("<td class=\"num\">").append(Html.num(sc.accuracy(), 4)).append("</td><td class=\"num\">")
                .append(sc.correct()).append(" of ").append(sc.rows()).append("</td><td class=\"num\">")
                .append(Html.num(sc.rocAuc(), 4)).append("</td>");
        measured.add((double) round);
        accuracies.add(sc.accuracy());
        aucs.add(sc.rocAuc());
    }

    /** ‖a − b‖₂, or ‖a‖₂ when b is null. */
    private static double norm(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - (b == null ? 0 : b[i]);
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
