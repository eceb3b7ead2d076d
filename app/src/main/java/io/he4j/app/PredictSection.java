package io.he4j.app;

import io.he4j.client.Prediction;
import io.he4j.ml.he.ModelClient;
import io.he4j.protocol.ModelManifest;
import io.he4j.protocol.QueryLayout;
import io.he4j.web.Form;
import io.he4j.web.Html;
import io.he4j.web.Layout;
import io.he4j.web.Session;
import io.he4j.web.WebGuard;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Predict one patient: a form generated from the manifest (one labelled field per feature, blank = missing and
 * imputed as the manifest says), encrypted here, computed at the service, decrypted here. The result shows the
 * probability and label, and exactly what the service received.
 */
final class PredictSection implements AppSection {
    /** Features beyond this magnitude are refused as typing errors (no clinical measure comes near). */
    static final double MAX_ABS = 1e9;

    @Override
    public Optional<Layout.Link> link() {
        return Optional.empty();
    }

    @Override
    public void register(HttpRouting.Builder r, AppContext ctx) {
        r.get("/predict/{id}", ctx.guard().signedIn((req, res, s, f) -> {
            String id = ModelId.of(req);
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Predict one patient", s,
                    form(s, ctx.service().manifest(id), Form.EMPTY, new String[0]), 0));
        }));
        r.post("/predict/{id}", ctx.guard().signedIn((req, res, s, f) -> {
            String id = ModelId.of(req);
            ModelManifest m = ctx.service().manifest(id);
            String[] errors = new String[m.featureNames().size()];
            double[] x = parse(m, f, errors);
            if (x == null) {
                WebGuard.html(res, Status.BAD_REQUEST_400, ctx.layout().page("Predict one patient", s,
                        "<p class=\"error\" role=\"alert\">Some values are not numbers; see below.</p>"
                                + form(s, m, f, errors), 0));
                return;
            }
            ServiceGateway.Outcome o = ctx.service().predict(id, x);
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Predict one patient", s,
                    result(m, o) + form(s, m, f, errors), 0));
        }));
    }

    /** The features, or null with {@code errors} filled when a value is not acceptable. */
    static double[] parse(ModelManifest m, Form f, String[] errors) {
        double[] x = new double[m.featureNames().size()];
        boolean ok = true;
        for (int i = 0; i < x.length; i++) {
            String v = f.field("f" + i, "").strip();
            if (v.isEmpty()) {
                x[i] = Double.NaN;
                continue;
            }
            try {
                x[i] = Double.parseDouble(v);
                if (!Double.isFinite(x[i]) || Math.abs(x[i]) > MAX_ABS) {
                    errors[i] = "must be a finite number of magnitude at most 1e9";
                    ok = false;
                }
            } catch (NumberFormatException e) {
                errors[i] = "not a number (use a dot for decimals; leave blank if unknown)";
                ok = false;
            }
        }
        return ok ? x : null;
    }

    private static String form(Session s, ModelManifest m, Form sent, String[] errors) {
        StringBuilder b = new StringBuilder("<h2>Patient</h2><form class=\"stack\" method=\"post\" action=\"/predict/")
                .append(Html.esc(m.modelId())).append("\">").append(Html.csrfField(s))
                .append("<p class=\"hint\">Leave a field blank when the value is unknown: the model's training mean "
                        + "(shown) is used.</p>");
        double[] imp = m.imputation();
        List<String> names = m.featureNames();
        for (int i = 0; i < names.size(); i++) {
            String err = i < errors.length ? errors[i] : null;
            b.append("<label for=\"f").append(i).append("\">").append(Html.esc(names.get(i))).append("</label>")
                    .append("<input id=\"f").append(i).append("\" name=\"f").append(i)
                    .append("\" inputmode=\"decimal\" autocomplete=\"off\" placeholder=\"")
                    .append(Html.esc(String.format(Locale.ROOT, "%.3g", imp[i]))).append("\" value=\"")
                    .append(Html.esc(sent.field("f" + i, ""))).append("\"");
            if (err != null) {
                b.append(" aria-invalid=\"true\" aria-describedby=\"f").append(i).append("-err\">")
                        .append("<span class=\"error\" id=\"f").append(i).append("-err\">").append(Html.esc(err))
                        .append("</span>");
            } else {
                b.append(">");
            }
        }
        b.append("<div><button type=\"submit\" id=\"predict\">Encrypt and predict</button></div></form>");
        return b.toString();
    }

    /**
     * The exact decryption of the same reply, beside the released value. Shown because it is this app's own result
     * and never leaves the hospital; marked as not for release, because decrypted CKKS values that reach the
     * provider can leak the secret key (IND-CPA-D, Li and Micciancio, Eurocrypt 2021): the released value, flooded
     * and rounded by safe decryption, is the one to copy anywhere.
     */
    private static String exactNote(Prediction p) {
        return "<p id=\"exact\">Exact decryption of the same answer: <strong id=\"exact-value\">"
                + String.format(Locale.ROOT, "%.9f", p.exactValue()) + "</strong>. <span class=\"hint\">The value above "
                + "is the released one: safe decryption floods the decrypted score and rounds it to "
                + ModelClient.DEFAULT_RELEASE_PRECISION + " in the " + (p.label() >= 0 ? "logit" : "score")
                + ", so it may be copied into reports or sent anywhere. The exact value was decrypted in this app and "
                + "stays here: do not pass it to the provider or outside the hospital (exact CKKS decryptions can "
                + "reveal the secret key). Both include the service's model-privacy noise when the provider has it "
                + "on (the default).</span></p>";
    }

    private static String result(ModelManifest m, ServiceGateway.Outcome o) {
        Prediction p = o.prediction();
        QueryLayout l = m.single();
        StringBuilder b = new StringBuilder("<section class=\"card\" id=\"result\" aria-live=\"polite\"><h2>Result</h2>");
        if (p.label() >= 0) {
            b.append("<p>Predicted class <strong id=\"label\">").append(Html.esc(p.className().orElse("")))
                    .append("</strong> with probability <strong id=\"probability\">")
                    .append(String.format(Locale.ROOT, "%.9f", p.value())).append("</strong></p>");
            b.append("<table id=\"probabilities\"><thead><tr><th scope=\"col\">Class</th><th scope=\"col\">Probability (released)</th>"
                    + "<th scope=\"col\">Exact decryption (this app only)</th></tr></thead><tbody>");
            double[] probs = p.probabilities();
            double[] exact = p.exactProbabilities();
            for (int k = 0; k < probs.length; k++) {
                String name = k < m.classNames().size() ? m.classNames().get(k) : Integer.toString(k);
                b.append("<tr><td>").append(Html.esc(name)).append("</td><td class=\"num\">")
                        .append(String.format(Locale.ROOT, "%.9f", probs[k])).append("</td><td class=\"num\">")
                        .append(String.format(Locale.ROOT, "%.9f", exact[k])).append("</td></tr>");
            }
            b.append("</tbody></table>");
        } else {
            b.append("<p>Predicted value <strong id=\"probability\">").append(String.format(Locale.ROOT, "%.9f", p.value()))
                    .append("</strong></p>");
        }
        b.append(exactNote(p));
        b.append("<h3>What the service received</h3><table id=\"wire\"><tbody>");
        ModelsSection.row(b, "Query", o.queryBytes() + " bytes of ciphertext (" + l.kind().name() + ")");
        ModelsSection.row(b, "Answer", o.replyBytes() + " bytes of ciphertext, decrypted here");
        ModelsSection.row(b, "CKKS parameters", l.preset() + ", level " + l.level() + ", input scale 2^"
                + Html.num(Math.log(l.inputScale()) / Math.log(2), 1));
        ModelsSection.row(b, "Security level", l.securityBits() + " bits");
        ModelsSection.row(b, "Keys sent", o.keySetId().map(k -> "public key set " + k + " (" + l.keys()
                + "), registered once; never the secret key").orElse("none: no key of any kind was sent"));
        ModelsSection.row(b, "Round trip", Html.num(o.roundTripNanos() / 1e6, 2) + " ms (encrypt, send, compute, decrypt)");
        b.append("</tbody></table></section>");
        return b.toString();
    }
}
