package io.he4j.app;

import io.he4j.client.RecordCatalog;
import io.he4j.client.StoredRecord;
import io.he4j.ml.data.TargetColumn;
import io.he4j.protocol.ModelManifest;
import io.he4j.web.Form;
import io.he4j.web.Html;
import io.he4j.web.Layout;
import io.he4j.web.PageException;
import io.he4j.web.Session;
import io.he4j.web.Sessions;
import io.he4j.web.WebGuard;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Stored records: a CSV file (labelled or not) encrypted here and stored on the service as records, one per row
 * or one per batch of rows, with the ids `./he4j records upload` gives (row numbers); the institution's stored
 * records listed a page at a time (what the service knows of them: id, model, key set, size, times); erasing one.
 */
final class RecordsSection implements AppSection {
    static final String PATH = "/records";
    static final int PAGE = 50;
    static final int MIN_PAGE = 5;
    static final int MAX_PAGE = 500;
    private static final String UPLOAD_KEY = "record-upload:";

    @Override
    public Optional<Layout.Link> link() {
        return Optional.of(new Layout.Link(PATH, "Records"));
    }

    @Override
    public void register(HttpRouting.Builder r, AppContext ctx) {
        r.get(PATH, ctx.guard().signedIn((req, res, s, f) -> {
            String after = req.query().first("after").orElse("");
            if (!after.isEmpty()) {
                Forms.objectId("record", after);
            }
            String erased = req.query().first("erased").orElse("");
            String perText = req.query().first("per").orElse(Integer.toString(PAGE));
            int per = perText.matches("\\d{1,3}") ? Integer.parseInt(perText) : -1;
            if (per < MIN_PAGE || per > MAX_PAGE) {
                throw new PageException(400, "records per page: " + MIN_PAGE + " to " + MAX_PAGE);
            }
            RecordCatalog.Page page = ctx.service().catalog().records("", after, per);
            String body = (erased.isEmpty() ? "" : "<p class=\"ok\" id=\"erased\" role=\"status\">Record <code>"
                    + Html.esc(erased) + "</code> and its scores were erased from the service.</p>")
                    + uploadForm(s, ctx.service().list()) + list(s, page, after, per);
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Stored records", s, body, 0));
        }));
        r.post(PATH, ctx.guard().signedIn((req, res, s, f) -> {
            String model = Forms.modelId(f.field("model", ""));
            ModelManifest m = ctx.service().manifest(model);
            Form.Upload csv = f.file("csv").filter(u -> u.content().length > 0)
                    .orElseThrow(() -> new PageException(400, "choose a CSV file to upload"));
            TargetColumn label = Forms.labelColumn(f.field("label", ""), new TargetColumn.None());
            CsvRows rows = CsvRows.read(csv.content(), csv.filename(), m, label);
            boolean batch = f.field("batch").isPresent();
            RecordUpload up = new RecordUpload(Sessions.randomToken().substring(0, 16), model, csv.filename(),
                    rows.features().length, batch);
            s.attributes().put(UPLOAD_KEY + up.id, up);
            boolean replace = f.field("replace").isPresent();
            Thread.ofVirtual().name("records-" + model).start(() -> up.run(ctx.service(), rows.features(), replace));
            WebGuard.redirect(res, PATH + "/uploads/" + up.id);
        }));
        r.get(PATH + "/uploads/{upload}", ctx.guard().signedIn((req, res, s, f) -> {
            Object o = s.attributes().get(UPLOAD_KEY + req.path().pathParameters().get("upload"));
            if (!(o instanceof RecordUpload up)) {
                throw new PageException(404, "no such upload in this session");
            }
            WebGuard.html(res, Status.OK_200, ctx.layout().page("Stored records", s, progress(up),
                    up.finished() ? 0 : 1));
        }));
        r.post(PATH + "/{record}/erase", ctx.guard().signedIn((req, res, s, f) -> {
            String id = Forms.objectId("record", req.path().pathParameters().get("record"));
            if (!ctx.service().catalog().delete(id)) {
                throw new PageException(404, "the service has no record '" + id + "' (erased already?)");
            }
            WebGuard.redirect(res, PATH + "?erased=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        }));
    }

    private static String uploadForm(Session s, List<ModelManifest> models) {
        return "<h2>Store a CSV file as encrypted records</h2>"
                + "<p>Every row is encrypted here, in this app; the service stores ciphertexts it cannot read, to be "
                + "scored later (<a href=\"" + JobsSection.PATH + "\">Jobs</a>). Record ids are the row numbers "
                + "(<code>N</code>, or <code>F-L</code> for a batch record), as <code>./he4j records upload</code> "
                + "gives them. The file needs a header line; columns named like the model's features are used.</p>"
                + "<form class=\"stack\" method=\"post\" enctype=\"multipart/form-data\" action=\"" + PATH + "\">"
                + Html.csrfField(s) + Forms.modelSelect("model", models, "")
                + "<label for=\"csv\">CSV file</label><input id=\"csv\" name=\"csv\" type=\"file\" accept=\".csv,text/csv\" required>"
                + "<label for=\"label\">Label column to leave out (name or 0-based index; blank = none)</label>"
                + "<input id=\"label\" name=\"label\" autocomplete=\"off\">"
                + "<div><input type=\"checkbox\" id=\"batch\" name=\"batch\" value=\"1\"> <label class=\"inline\" "
                + "for=\"batch\">Batch records (many rows per record: far fewer uploads, faster scoring)</label></div>"
                + "<div><input type=\"checkbox\" id=\"replace\" name=\"replace\" value=\"1\"> <label class=\"inline\" "
                + "for=\"replace\">Replace records stored under the same ids</label></div>"
                + "<div><button type=\"submit\" id=\"store\">Encrypt and store</button></div></form>";
    }

    private static String list(Session s, RecordCatalog.Page page, String after, int per) {
        StringBuilder b = new StringBuilder("<h2>Records stored on the service</h2><p class=\"hint\">What the service "
                + "knows of each record: the id, model and version, layout, the key set its scoring needs, size and "
                + "times. No feature value: those are encrypted.</p>");
        b.append("<table id=\"records\"><thead><tr><th scope=\"col\">Record</th><th scope=\"col\">Model</th>"
                + "<th scope=\"col\">Layout</th><th scope=\"col\">Patients</th><th scope=\"col\">Key set</th>"
                + "<th scope=\"col\">Bytes</th><th scope=\"col\">Stored (UTC)</th><th scope=\"col\">Erase</th>"
                + "</tr></thead><tbody>");
        for (StoredRecord r : page.records()) {
            String id = Html.esc(r.id());
            b.append("<tr><td><code>").append(id).append("</code></td><td>").append(Html.esc(r.modelId()))
                    .append(" <span class=\"hint\">").append(Html.esc(shortId(r.modelVersion()))).append("</span></td><td>")
                    .append(Html.esc(r.layout())).append("</td><td class=\"num\">").append(r.rows()).append("</td><td>")
                    .append(r.keySet().isEmpty() ? "none" : "<code>" + Html.esc(shortId(r.keySet())) + "…</code>")
                    .append("</td><td class=\"num\">").append(r.sizeBytes()).append("</td><td>")
                    .append(Html.esc(r.updatedAt().toString().replaceFirst("\\.\\d+Z$", "Z"))).append("</td><td>")
                    .append("<form method=\"post\" action=\"").append(PATH).append('/').append(id).append("/erase\">")
                    .append(Html.csrfField(s)).append("<button type=\"submit\" aria-label=\"Erase record ").append(id)
                    .append("\">Erase</button></form></td></tr>");
        }
        if (page.records().isEmpty()) {
            b.append("<tr><td colspan=\"8\">No record stored").append(after.isEmpty() ? "" : " after this one")
                    .append(".</td></tr>");
        }
        b.append("</tbody></table><p>");
        if (!after.isEmpty()) {
            b.append("<a href=\"").append(PATH).append("?per=").append(per).append("\">First page</a> ");
        }
        page.next().ifPresent(n -> b.append("<a id=\"next-page\" href=\"").append(PATH).append("?per=").append(per)
                .append("&amp;after=").append(Html.esc(URLEncoder.encode(n, StandardCharsets.UTF_8)))
                .append("\">Next page</a>"));
        return b.append("</p>").toString();
    }

    private static String progress(RecordUpload up) {
        StringBuilder b = new StringBuilder("<p>File <code>").append(Html.esc(up.filename)).append("</code>, model <code>")
                .append(Html.esc(up.modelId)).append("</code>, ").append(up.batch ? "batch records" : "one record per row")
                .append(".</p>");
        int done = up.stored.get();
        b.append("<p><label for=\"progress\">Encrypted and stored</label> <progress id=\"progress\" max=\"")
                .append(up.total).append("\" value=\"").append(done).append("\">").append(done).append(" of ")
                .append(up.total).append("</progress> <span id=\"progress-text\">").append(done).append(" of ")
                .append(up.total).append(" rows</span></p>");
        if (up.error() != null) {
            return b.append("<p class=\"error\" role=\"alert\" id=\"status\">The upload stopped: ")
                    .append(Html.esc(up.error())).append("</p>").toString();
        }
        if (!up.finished()) {
            return b.append("<p id=\"status\">Encrypting and storing… (this page reloads itself)</p>").toString();
        }
        int[] o = up.outcomes();
        return b.append("<p id=\"status\" class=\"ok\">Done: ").append(up.total).append(" rows in ")
                .append(o[0] + o[1] + o[2]).append(" records: ").append(o[0]).append(" created, ").append(o[1])
                .append(" replaced, ").append(o[2]).append(" unchanged.</p><p><a href=\"").append(PATH)
                .append("\">Stored records</a> · <a href=\"").append(JobsSection.PATH).append("\">Score them</a></p>")
                .toString();
    }

    private static String shortId(String s) {
        return s.length() <= 12 ? s : s.substring(0, 12);
    }
}
