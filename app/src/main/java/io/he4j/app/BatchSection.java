package io.he4j.app;

import io.he4j.client.Prediction;
import io.he4j.ml.data.TargetColumn;
import io.he4j.protocol.ModelManifest;
import io.he4j.web.Form;
import io.he4j.web.Html;
import io.he4j.web.Layout;
import io.he4j.web.PageException;
import io.he4j.web.Session;
import io.he4j.web.Sessions;
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
 * Batch predictions: upload a CSV, the rows are encrypted here and predicted in feature-major batches in the
 * background; the job's page shows progress (it reloads itself each second, no script) and then the results
 * table and a CSV download. Jobs live in the user's session.
 */
final class BatchSection implements AppSection {
    private static final String JOB_KEY = "batch-job:";

    @Override
    public Optional<Layout.Link> link() {
        return Optional.empty();
    }

    @Override
    public void register(HttpRouting.Builder r, AppContext ctx) {
        r.get("/batch/{id}", ctx.guard().signedIn((req, res, s, f) -> {
            String id = ModelId.of(req);
            ModelManifest m = ctx.service().manifest(id);
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Batch predictions", s, uploadForm(s, m), 0));
        }));
        r.post("/batch/{id}", ctx.guard().signedIn((req, res, s, f) -> {
            String id = ModelId.of(req);
            ModelManifest m = ctx.service().manifest(id);
            Form.Upload csv = f.file("csv").filter(u -> u.content().length > 0)
                    .orElseThrow(() -> new PageException(400, "choose a CSV file to upload"));
            CsvRows rows = CsvRows.read(csv.content(), csv.filename(), m, new TargetColumn.None());
            BatchJob job = new BatchJob(Sessions.randomToken().substring(0, 16), id, csv.filename(),
                    rows.features().length);
            s.attributes().put(JOB_KEY + job.id, job);
            Thread.ofVirtual().name("batch-" + id).start(() -> job.run(ctx.service(), rows.features(),
                    m.batch().capacity()));
            WebGuard.redirect(res, "/batch/" + id + "/jobs/" + job.id);
        }));
        r.get("/batch/{id}/jobs/{job}", ctx.guard().signedIn((req, res, s, f) -> {
            BatchJob job = job(req, s);
            ModelManifest m = ctx.service().manifest(job.modelId);
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Batch predictions", s, jobPage(m, job),
                    job.finished() ? 0 : 1));
        }));
        r.get("/batch/{id}/jobs/{job}/results.csv", ctx.guard().signedIn((req, res, s, f) -> {
            BatchJob job = job(req, s);
            if (!job.finished() || job.error() != null) {
                throw new PageException(409, "the job has not finished successfully");
            }
            res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=UTF-8");
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"predictions-" + job.id + ".csv\"");
            res.send(csv(ctx.service().manifest(job.modelId), job.results()).getBytes(StandardCharsets.UTF_8));
        }));
    }

    private static BatchJob job(ServerRequest req, Session s) {
        Object o = s.attributes().get(JOB_KEY + req.path().pathParameters().get("job"));
        if (!(o instanceof BatchJob job) || !job.modelId.equals(ModelId.of(req))) {
            throw new PageException(404, "no such job in this session");
        }
        return job;
    }

    private static String uploadForm(Session s, ModelManifest m) {
        return "<p>Upload a CSV file with a header line. Columns named like the model's features are used (others, "
                + "such as a label, are ignored); without those names the columns are taken in order. Features: <code>"
                + Html.esc(String.join(", ", m.featureNames())) + "</code>.</p>"
                + "<form class=\"stack\" method=\"post\" enctype=\"multipart/form-data\" action=\"/batch/"
                + Html.esc(m.modelId()) + "\">" + Html.csrfField(s)
                + "<label for=\"csv\">CSV file</label><input id=\"csv\" name=\"csv\" type=\"file\" accept=\".csv,text/csv\" required>"
                + "<div><button type=\"submit\" id=\"upload\">Encrypt and predict all rows</button></div></form>"
                + "<p class=\"hint\">Up to " + m.batch().capacity() + " patients travel in one encrypted request.</p>";
    }

    private static String jobPage(ModelManifest m, BatchJob job) {
        StringBuilder b = new StringBuilder("<p>File <code>").append(Html.esc(job.filename)).append("</code>, model <code>")
                .append(Html.esc(m.modelId())).append("</code>.</p>");
        int done = job.done.get();
        b.append("<p><label for=\"progress\">Progress</label> <progress id=\"progress\" max=\"").append(job.total)
                .append("\" value=\"").append(done).append("\">").append(done).append(" of ").append(job.total)
                .append("</progress> <span id=\"progress-text\">").append(done).append(" of ").append(job.total)
                .append(" rows</span></p>");
        if (job.error() != null) {
            b.append("<p class=\"error\" role=\"alert\">The job failed: ").append(Html.esc(job.error())).append("</p>");
            return b.toString();
        }
        if (!job.finished()) {
            b.append("<p id=\"status\">Running… (this page reloads itself)</p>");
            return b.toString();
        }
        List<Prediction> rows = job.results();
        b.append("<p id=\"status\" class=\"ok\">Done: ").append(rows.size()).append(" rows in ")
                .append(Html.num(job.seconds(), 2)).append(" s. <a id=\"download\" href=\"/batch/")
                .append(Html.esc(m.modelId())).append("/jobs/").append(job.id).append("/results.csv\">Download CSV</a></p>");
        b.append("<table id=\"results\"><thead><tr><th scope=\"col\">Row</th><th scope=\"col\">Prediction</th>"
                + "<th scope=\"col\">Probability / value</th></tr></thead><tbody>");
        for (int i = 0; i < rows.size(); i++) {
            Prediction p = rows.get(i);
            b.append("<tr><td class=\"num\">").append(i + 1).append("</td><td>")
                    .append(Html.esc(p.className().orElse("-"))).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.6f", p.value())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        return b.toString();
    }

    /** row, class, probability (or value), then every score. */
    static String csv(ModelManifest m, List<Prediction> rows) {
        StringBuilder b = new StringBuilder("row,prediction,value");
        int scores = rows.isEmpty() ? 0 : rows.getFirst().scores().length;
        for (int k = 0; k < scores; k++) {
            b.append(",score").append(k);
        }
        b.append('\n');
        for (int i = 0; i < rows.size(); i++) {
            Prediction p = rows.get(i);
            b.append(i + 1).append(',').append(p.className().map(BatchSection::csvField).orElse("")).append(',')
                    .append(p.value());
            for (double v : p.scores()) {
                b.append(',').append(v);
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String csvField(String s) {
        return s.matches("[^,\"\\r\\n]*") && !s.matches("[=+\\-@].*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
