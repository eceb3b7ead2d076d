package io.he4j.app;

import io.he4j.protocol.ModelManifest;
import io.he4j.protocol.QueryLayout;
import io.he4j.web.Html;
import io.he4j.web.Layout;
import io.he4j.web.Session;
import io.he4j.web.WebGuard;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import java.util.Optional;

/**
 * The home page (the deployed models, with links to what can be done with each) and one model's page: its
 * shape, protocol, CKKS parameters and security level, the sizes on the wire and the latency this app measured.
 */
final class ModelsSection implements AppSection {
    static final int MEASURE_QUERIES = 20;

    @Override
    public Optional<Layout.Link> link() {
        return Optional.of(new Layout.Link("/", "Models"));
    }

    @Override
    public void register(HttpRouting.Builder r, AppContext ctx) {
        r.get("/", ctx.guard().signedIn((req, res, s, f) -> {
            StringBuilder b = new StringBuilder("<p>Models deployed at <code>").append(Html.esc(ctx.config().serverUrl()))
                    .append("</code>. Patient data is encrypted here, in this app, before it leaves; only this app "
                            + "can decrypt the answers.</p><table id=\"models\"><thead><tr><th scope=\"col\">Model</th>"
                            + "<th scope=\"col\">Features</th><th scope=\"col\">Classes</th><th scope=\"col\">Actions</th>"
                            + "</tr></thead><tbody>");
            for (ModelManifest m : ctx.service().list()) {
                String id = Html.esc(m.modelId());
                b.append("<tr><td><a href=\"/models/").append(id).append("\">").append(id).append("</a></td><td class=\"num\">")
                        .append(m.featureNames().size()).append("</td><td>")
                        .append(Html.esc(m.classNames().isEmpty() ? "(regression)" : String.join(", ", m.classNames())))
                        .append("</td><td><a href=\"/predict/").append(id).append("\">Predict one</a> · <a href=\"/batch/")
                        .append(id).append("\">Batch CSV</a> · <a href=\"/evaluate/").append(id)
                        .append("\">Evaluate</a></td></tr>");
            }
            b.append("</tbody></table>");
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Models", s, b.toString(), 0));
        }));
        r.get("/models/{id}", ctx.guard().signedIn((req, res, s, f) ->
                WebGuard.html(res, Status.OK_200, modelPage(ctx, s, ModelId.of(req)))));
        r.post("/models/{id}/measure", ctx.guard().signedIn((req, res, s, f) -> {
            String id = ModelId.of(req);
            double[] typical = ctx.service().manifest(id).imputation();
            for (int i = 0; i < MEASURE_QUERIES; i++) {
                ctx.service().predict(id, typical);
            }
            WebGuard.redirect(res, "/models/" + id);
        }));
    }

    private static String modelPage(AppContext ctx, Session s, String id) {
        ModelManifest m = ctx.service().manifest(id);
        LatencyLog lat = ctx.service().latencies(id);
        StringBuilder b = new StringBuilder();
        b.append("<h2>").append(Html.esc(id)).append("</h2><table id=\"model-facts\"><tbody>");
        row(b, "Version", m.version());
        row(b, "Shape", m.featureNames().size() + " features → " + m.single().outputs() + " score(s), output link "
                + m.outputLink() + (m.classNames().isEmpty() ? "" : ", classes " + String.join(", ", m.classNames())));
        row(b, "Features", String.join(", ", m.featureNames()));
        b.append("</tbody></table><div class=\"grid\">");
        layout(b, "One patient per query", m.single());
        layout(b, "Batch (feature-major)", m.batch());
        b.append("</div><h2>Latency measured by this app</h2>");
        if (lat.count() == 0) {
            b.append("<p id=\"latency\">No query yet.</p>");
        } else {
            b.append("<p id=\"latency\">Round trip (encrypt, send, compute, receive, decrypt) over the last ")
                    .append(lat.count()).append(" queries: median ").append(Html.num(lat.quantileMillis(0.5), 2))
                    .append(" ms, p95 ").append(Html.num(lat.quantileMillis(0.95), 2)).append(" ms.</p>");
        }
        b.append("<form method=\"post\" action=\"/models/").append(Html.esc(id)).append("/measure\">")
                .append(Html.csrfField(s)).append("<button type=\"submit\">Measure ").append(MEASURE_QUERIES)
                .append(" queries</button> <span class=\"hint\">(with the imputation values as the patient)</span></form>");
        return ctx.layout().page("Model", s, b.toString(), 0);
    }

    private static void layout(StringBuilder b, String title, QueryLayout l) {
        b.append("<div class=\"card\"><h3>").append(Html.esc(title)).append("</h3><table><tbody>");
        row(b, "Protocol", l.kind().name());
        row(b, "CKKS parameters", l.preset() + " (parameter id " + Long.toHexString(l.parameterId()) + ")");
        row(b, "Security level", l.securityBits() + " bits (HomomorphicEncryption.org standard)");
        row(b, "Query level", Integer.toString(l.level()));
        row(b, "Input scale", "2^" + Html.num(Math.log(l.inputScale()) / Math.log(2), 1));
        row(b, "Patients per request", Integer.toString(l.capacity()));
        row(b, "Keys the server needs", l.keys().any() || l.keys().galoisSteps().length > 0 ? l.keys().toString()
                : "none: only the query ciphertext is sent");
        b.append("</tbody></table></div>");
    }

    static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th scope=\"row\">").append(Html.esc(k)).append("</th><td>").append(Html.esc(v)).append("</td></tr>");
    }
}
