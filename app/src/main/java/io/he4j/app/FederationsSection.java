package io.he4j.app;

import io.he4j.client.FederationSummary;
import io.he4j.client.He4jServiceException;
import io.he4j.web.Html;
import io.he4j.web.Layout;
import io.he4j.web.PageException;
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
 * parameters), from which the page charts how far each round moved the model. Accuracy per round is not
 * published: each institution measures it on its own data, so the page says so rather than show a number it
 * does not have.
 */
final class FederationsSection implements AppSection {
    static final String PATH = "/federations";
    /** Round results fetched per page view (the newest ones): each is one request of 8 bytes per parameter. */
    static final int MAX_ROUNDS_SHOWN = 50;

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
            String id = Forms.objectId("federation", req.path().pathParameters().get("fed"));
            FederationSummary fed;
            try {
                fed = ctx.service().federations().summary(id);
            } catch (He4jServiceException e) {
                if (e.status() == 404) {
                    throw new PageException(404, "no federation '" + id + "' that this institution owns or belongs to");
                }
                throw e;
            }
            boolean active = fed.status().equals("enrolling") || fed.status().equals("running");
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Federation " + fed.name(), s, detail(ctx, fed),
                    active ? 5 : 0));
        }));
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

    private static String detail(AppContext ctx, FederationSummary f) {
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
        b.append(rounds(ctx, f));
        b.append("<h2>Accuracy per round</h2><p id=\"accuracy-note\">The service does not know any round's accuracy, "
                + "and neither does this app: each institution measures it on its own held-out data "
                + "(<code>./he4j fl simulate</code> prints it per round). What the coordinator publishes, and this page "
                + "shows, is each round's decrypted average (threshold mode), hence how far each round moved the "
                + "global parameters.</p>");
        return b.toString();
    }

    private static String rounds(AppContext ctx, FederationSummary f) {
        StringBuilder b = new StringBuilder("<h2>Rounds</h2>");
        int completed = f.completedRounds();
        boolean threshold = f.keyMode().equals("threshold");
        int from = Math.max(1, completed - MAX_ROUNDS_SHOWN + 1);
        List<Double> xs = new ArrayList<>();
        List<Double> moves = new ArrayList<>();
        b.append("<table id=\"rounds\"><thead><tr><th scope=\"col\">Round</th><th scope=\"col\">State</th>"
                + "<th scope=\"col\">‖global parameters‖₂</th><th scope=\"col\">Change from the round before (‖Δ‖₂)</th>"
                + "</tr></thead><tbody>");
        double[] previous = null;
        for (int r = from; r <= Math.max(completed, f.round()) && r <= f.rounds(); r++) {
            b.append("<tr data-round=\"").append(r).append("\"><td class=\"num\">").append(r).append("</td>");
            if (r > completed) {
                b.append("<td colspan=\"3\">").append(Html.esc(f.status().equals("failed") ? "failed: " + f.failure()
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
                b.append("<td colspan=\"3\">").append(Html.esc(e.code())).append("</td></tr>");
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
            b.append("</td></tr>");
            previous = values;
        }
        if (f.round() == 0 && completed == 0) {
            b.append("<tr><td colspan=\"4\">No round yet: the federation starts when every institution has joined."
                    + "</td></tr>");
        }
        b.append("</tbody></table>");
        if (moves.size() >= 1) {
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = moves.stream().mapToDouble(Double::doubleValue).toArray();
            double yMax = 0;
            for (double v : y) {
                yMax = Math.max(yMax, v);
            }
            b.append(SvgChart.lines("round-change", "How far each round moved the global model", "round",
                    "‖Δ parameters‖₂", List.of(new SvgChart.Series("change, ‖Δ‖₂", x, y)),
                    4 * Math.ceil(f.rounds() / 4.0), SvgChart.niceMax(yMax), false, true)); // integer ticks
        }
        return b.toString();
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
