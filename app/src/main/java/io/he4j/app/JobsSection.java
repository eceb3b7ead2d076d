package io.he4j.app;

import io.he4j.client.PredictionCsv;
import io.he4j.client.ScoringJob;
import io.he4j.ml.model.OutputLink;
import io.he4j.protocol.ModelManifest;
import io.he4j.web.Html;
import io.he4j.web.Layout;
import io.he4j.web.PageException;
import io.he4j.web.Session;
import io.he4j.web.WebGuard;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scoring jobs: start one over every stored record of a model, follow its progress (the page reloads itself
 * while it runs; no script), cancel it, and once done download its encrypted scores, decrypt them here with the
 * model's kept keys and show them as the CSV `./he4j records results` prints ({@link PredictionCsv}), with a
 * download. Decrypted results stay in the user's session (this app's memory), never at the service.
 */
final class JobsSection implements AppSection {
    static final String PATH = "/jobs";
    static final int LISTED = 50;
    private static final String RESULTS_KEY = "job-results:";

    /** A done job's results, decrypted here: the CSV and the records left out of it. */
    record Decrypted(String csv, List<String> skipped) {
    }

    @Override
    public Optional<Layout.Link> link() {
        return Optional.of(new Layout.Link(PATH, "Jobs"));
    }

    @Override
    public void register(HttpRouting.Builder r, AppContext ctx) {
        r.get(PATH, ctx.guard().signedIn((req, res, s, f) -> WebGuard.html(res, Status.OK_200,
                ctx.layout().page("Scoring jobs", s, startForm(s, ctx.service().list())
                        + list(ctx.service().catalog().jobs("", LISTED)), 0))));
        r.post(PATH, ctx.guard().signedIn((req, res, s, f) -> {
            String model = Forms.modelId(f.field("model", ""));
            ScoringJob job = ctx.service().score(model);
            WebGuard.redirect(res, PATH + "/" + job.id());
        }));
        r.get(PATH + "/{job}", ctx.guard().signedIn((req, res, s, f) -> {
            ScoringJob job = job(ctx, req);
            StringBuilder b = new StringBuilder(status(s, job));
            if (job.state().equals("done")) {
                b.append(results(job, decrypted(ctx, s, job)));
            }
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Scoring job", s, b.toString(),
                    job.finished() ? 0 : 1));
        }));
        r.post(PATH + "/{job}/cancel", ctx.guard().signedIn((req, res, s, f) -> {
            ScoringJob job = job(ctx, req);
            ctx.service().catalog().cancel(job.id());
            WebGuard.redirect(res, PATH + "/" + job.id());
        }));
        r.get(PATH + "/{job}/results.csv", ctx.guard().signedIn((req, res, s, f) -> {
            ScoringJob job = job(ctx, req);
            if (!job.state().equals("done")) {
                throw new PageException(409, "job " + job.id() + " is " + job.state() + "; results come when it is done");
            }
            res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=UTF-8");
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"results-" + job.id() + ".csv\"");
            res.send(decrypted(ctx, s, job).csv().getBytes(StandardCharsets.UTF_8));
        }));
    }

    private static ScoringJob job(AppContext ctx, ServerRequest req) {
        String id = Forms.objectId("job", req.path().pathParameters().get("job"));
        try {
            return ctx.service().catalog().job(id);
        } catch (io.he4j.client.He4jServiceException e) {
            if (e.status() == 404) {
                throw new PageException(404, "the service has no job '" + id + "'");
            }
            throw e;
        }
    }

    /** Downloads and decrypts once per session; a done job's results do not change. */
    private static Decrypted decrypted(AppContext ctx, Session s, ScoringJob job) {
        Object cached = s.attributes().get(RESULTS_KEY + job.id());
        if (cached instanceof Decrypted d) {
            return d;
        }
        ModelManifest m = ctx.service().manifest(job.modelId());
        StringBuilder csv = new StringBuilder();
        List<String> skipped = new PredictionCsv(csv, OutputLink.valueOf(m.outputLink().toUpperCase(Locale.ROOT)),
                m.classNames()).results(ctx.service().results(job.modelId(), job.id()));
        Decrypted d = new Decrypted(csv.toString(), skipped);
        s.attributes().put(RESULTS_KEY + job.id(), d);
        return d;
    }

    private static String startForm(Session s, List<ModelManifest> models) {
        return "<h2>Score the stored records</h2><p>The service scores every record of the model this institution "
                + "stored (<a href=\"" + RecordsSection.PATH + "\">Records</a>), under encryption, in the background. "
                + "The scores come back encrypted and are decrypted here.</p><form class=\"stack\" method=\"post\" "
                + "action=\"" + PATH + "\">" + Html.csrfField(s) + Forms.modelSelect("model", models, "")
                + "<div><button type=\"submit\" id=\"start\">Start a scoring job</button></div></form>";
    }

    private static String list(List<ScoringJob> jobs) {
        StringBuilder b = new StringBuilder("<h2>Jobs</h2><table id=\"jobs\"><thead><tr><th scope=\"col\">Job</th>"
                + "<th scope=\"col\">Model</th><th scope=\"col\">State</th><th scope=\"col\">Progress</th>"
                + "<th scope=\"col\">Failed</th></tr></thead><tbody>");
        for (ScoringJob j : jobs) {
            b.append("<tr><td><a href=\"").append(PATH).append('/').append(Html.esc(j.id())).append("\"><code>")
                    .append(Html.esc(j.id())).append("</code></a></td><td>").append(Html.esc(j.modelId()))
                    .append("</td><td>").append(Html.esc(j.state())).append("</td><td class=\"num\">")
                    .append(j.done() + j.failed()).append(" of ").append(j.total()).append("</td><td class=\"num\">")
                    .append(j.failed()).append("</td></tr>");
        }
        if (jobs.isEmpty()) {
            b.append("<tr><td colspan=\"5\">No scoring job yet.</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private static String status(Session s, ScoringJob j) {
        long processed = j.done() + j.failed();
        StringBuilder b = new StringBuilder("<p>Job <code id=\"job-id\">").append(Html.esc(j.id()))
                .append("</code>, model <code>").append(Html.esc(j.modelId())).append("</code>: <strong id=\"state\">")
                .append(Html.esc(j.state())).append("</strong>.</p>");
        b.append("<p><label for=\"progress\">Records scored</label> <progress id=\"progress\" max=\"")
                .append(Math.max(1, j.total())).append("\" value=\"").append(processed).append("\">").append(processed)
                .append(" of ").append(j.total()).append("</progress> <span id=\"progress-text\">").append(processed)
                .append(" of ").append(j.total()).append(" records").append(j.failed() > 0 ? ", " + j.failed()
                        + " failed" : "").append("</span></p>");
        if (!j.finished()) {
            b.append("<p id=\"status\">Running at the service… (this page reloads itself)</p><form method=\"post\" "
                    + "action=\"").append(PATH).append('/').append(Html.esc(j.id())).append("/cancel\">")
                    .append(Html.csrfField(s)).append("<button type=\"submit\" id=\"cancel\">Cancel the job</button>"
                            + " <span class=\"hint\">records already scored keep their results</span></form>");
        } else if (j.state().equals("cancelled")) {
            b.append("<p id=\"status\">Cancelled; ").append(j.done()).append(" records had been scored.</p>");
        }
        return b.toString();
    }

    private static String results(ScoringJob j, Decrypted d) {
        StringBuilder b = new StringBuilder("<h2>Results, decrypted here</h2><p id=\"status\" class=\"ok\">Done. "
                + "<a id=\"download\" href=\"").append(PATH).append('/').append(Html.esc(j.id()))
                .append("/results.csv\">Download CSV</a> <span class=\"hint\">(the CSV <code>./he4j records results"
                        + "</code> prints)</span></p>");
        for (String line : d.skipped()) {
            b.append("<p class=\"error\">").append(Html.esc(line)).append("</p>");
        }
        String[] lines = d.csv().split("\n");
        String[] header = lines[0].split(",");
        b.append("<table id=\"results\"><thead><tr>");
        for (String h : header) {
            b.append("<th scope=\"col\">").append(Html.esc(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (int i = 1; i < lines.length; i++) {
            // row first, probability last: a class name between them is taken whole
            String line = lines[i];
            int first = line.indexOf(',');
            int last = header.length == 3 ? line.lastIndexOf(',') : line.length();
            b.append("<tr><td class=\"num\">").append(Html.esc(line.substring(0, first))).append("</td><td>")
                    .append(Html.esc(line.substring(first + 1, last))).append("</td>");
            if (header.length == 3) {
                b.append("<td class=\"num\">").append(Html.esc(line.substring(last + 1))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
