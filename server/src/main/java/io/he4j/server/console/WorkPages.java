package io.he4j.server.console;

import io.he4j.server.db.Database;
import io.he4j.web.Html;
import io.he4j.web.Layout;
import io.he4j.web.WebGuard;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import java.time.Instant;

/**
 * The console's read-only pages for the institutions' work: stored records (counts and bytes per tenant and
 * model; the service cannot read them, and the page shows no id or pseudonym), scoring jobs (state, progress,
 * owner, the replica holding the lease) and federations (state, round, members). Admin only, like every console
 * page (the {@link WebGuard} of {@link ConsoleRoutes}).
 */
final class WorkPages {
    static final String RECORDS = ConsoleRoutes.BASE + "/records";
    static final String JOBS = ConsoleRoutes.BASE + "/jobs";
    static final String FEDERATIONS = ConsoleRoutes.BASE + "/federations";

    private final WorkOverview work;
    private final WebGuard guard;
    private final Layout layout;

    WorkPages(Database db, WebGuard guard, Layout layout) {
        this.work = new WorkOverview(db);
        this.guard = guard;
        this.layout = layout;
    }

    void register(HttpRouting.Builder r) {
        r.get(RECORDS, guard.signedIn((req, res, s, f) ->
                WebGuard.html(res, Status.OK_200, layout.page("Stored records", s, records(), 0))));
        r.get(JOBS, guard.signedIn((req, res, s, f) ->
                WebGuard.html(res, Status.OK_200, layout.page("Scoring jobs", s, jobs(), 5))));
        r.get(FEDERATIONS, guard.signedIn((req, res, s, f) ->
                WebGuard.html(res, Status.OK_200, layout.page("Federations", s, federations(), 5))));
    }

    private String records() {
        StringBuilder b = new StringBuilder("<p>Encrypted records the institutions stored, per tenant and model. The "
                + "service holds ciphertexts only; this page shows counts and sizes, never a record's id, pseudonym "
                + "or bytes.</p><table id=\"records\"><thead><tr><th scope=\"col\">Tenant</th><th scope=\"col\">Model</th>"
                + "<th scope=\"col\">Records</th><th scope=\"col\">Patients</th><th scope=\"col\">Bytes</th>"
                + "<th scope=\"col\">Last upload (UTC)</th></tr></thead><tbody>");
        long records = 0;
        long bytes = 0;
        for (WorkOverview.RecordTotals t : work.records()) {
            records += t.records();
            bytes += t.bytes();
            b.append("<tr><td>").append(Html.esc(t.tenant())).append("</td><td>").append(Html.esc(t.model()))
                    .append("</td><td class=\"num\">").append(t.records()).append("</td><td class=\"num\">")
                    .append(t.patients()).append("</td><td class=\"num\">").append(t.bytes()).append("</td><td>")
                    .append(time(t.newestAt())).append("</td></tr>");
        }
        if (records == 0) {
            b.append("<tr><td colspan=\"6\">No record stored.</td></tr>");
        }
        return b.append("</tbody></table><p id=\"records-total\">").append(records).append(" records, ").append(bytes)
                .append(" bytes in all.</p>").toString();
    }

    private String jobs() {
        StringBuilder b = new StringBuilder("<p>The newest ").append(WorkOverview.MAX_ROWS).append(" scoring jobs of "
                + "every tenant (this page reloads every 5 s). Results are encrypted scores only the owner can "
                + "decrypt.</p><table id=\"jobs\"><thead><tr><th scope=\"col\">Job</th><th scope=\"col\">Owner</th>"
                + "<th scope=\"col\">Model</th><th scope=\"col\">State</th><th scope=\"col\">Progress</th>"
                + "<th scope=\"col\">Failed</th><th scope=\"col\">Replica</th><th scope=\"col\">Created (UTC)</th>"
                + "<th scope=\"col\">Updated (UTC)</th></tr></thead><tbody>");
        int n = 0;
        for (WorkOverview.JobRow j : work.jobs()) {
            n++;
            b.append("<tr><td><code>").append(Html.esc(j.id())).append("</code></td><td>").append(Html.esc(j.tenant()))
                    .append("</td><td>").append(Html.esc(j.model())).append("</td><td class=\"state\">")
                    .append(Html.esc(j.state())).append("</td><td><progress max=\"").append(Math.max(1, j.total()))
                    .append("\" value=\"").append(j.done() + j.failed()).append("\" aria-label=\"progress of ")
                    .append(Html.esc(j.id())).append("\"></progress> ").append(j.done() + j.failed()).append(" of ")
                    .append(j.total()).append("</td><td class=\"num\">").append(j.failed()).append("</td><td>")
                    .append(Html.esc(j.leaseOwner().isEmpty() ? "—" : j.leaseOwner())).append("</td><td>")
                    .append(time(j.createdAt())).append("</td><td>").append(time(j.updatedAt())).append("</td></tr>");
        }
        if (n == 0) {
            b.append("<tr><td colspan=\"9\">No scoring job yet.</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private String federations() {
        StringBuilder b = new StringBuilder("<p>Federated trainings the service coordinates (this page reloads every "
                + "5 s). The service sums encrypted updates; in threshold mode it decrypts only a round's average, "
                + "with every member's decryption share.</p><table id=\"federations\"><thead><tr>"
                + "<th scope=\"col\">Federation</th><th scope=\"col\">Owner</th><th scope=\"col\">Key mode</th>"
                + "<th scope=\"col\">State</th><th scope=\"col\">Round</th><th scope=\"col\">Phase</th>"
                + "<th scope=\"col\">Members</th><th scope=\"col\">Created (UTC)</th></tr></thead><tbody>");
        int n = 0;
        for (WorkOverview.FederationRow f : work.federations()) {
            n++;
            b.append("<tr><td>").append(Html.esc(f.name())).append("<br><code>").append(Html.esc(f.id()))
                    .append("</code></td><td>").append(Html.esc(f.owner())).append("</td><td>")
                    .append(Html.esc(f.keyMode())).append("</td><td class=\"state\">").append(Html.esc(f.status()));
            if (!f.failure().isEmpty()) {
                b.append("<br><span class=\"error\">").append(Html.esc(f.failure())).append("</span>");
            }
            b.append("</td><td class=\"num\">").append(f.round()).append(" of ").append(f.rounds()).append("</td><td>")
                    .append(Html.esc(f.phase())).append("</td><td>").append(f.members().size()).append(" of ")
                    .append(f.institutions()).append(f.members().isEmpty() ? "" : ": ")
                    .append(Html.esc(String.join(", ", f.members()))).append("</td><td>").append(time(f.createdAt()))
                    .append("</td></tr>");
        }
        if (n == 0) {
            b.append("<tr><td colspan=\"8\">No federation yet.</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private static String time(long millis) {
        return millis <= 0 ? "—" : Instant.ofEpochMilli(millis).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString().replace('T', ' ').replace("Z", "");
    }
}
