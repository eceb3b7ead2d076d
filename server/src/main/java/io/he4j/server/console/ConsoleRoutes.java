package io.he4j.server.console;

import io.he4j.protocol.ModelManifest;
import io.he4j.server.auth.Role;
import io.he4j.server.auth.Tenant;
import io.he4j.server.db.AuditLog;
import io.he4j.server.db.Database;
import io.he4j.server.db.KeySetStore;
import io.he4j.server.db.TenantStore;
import io.he4j.server.model.DeployedModel;
import io.he4j.server.model.ModelRegistry;
import io.he4j.web.Html;
import io.he4j.web.Layout;
import io.he4j.web.LoginThrottle;
import io.he4j.web.Session;
import io.he4j.web.Sessions;
import io.he4j.web.StaticAssets;
import io.he4j.web.SvgChart;
import io.he4j.web.WebGuard;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The provider's console under {@code /console}: an admin exchanges an admin API token for a session cookie
 * (HttpOnly, SameSite=Strict, Secure under TLS; the token is not kept), then sees tenants, deployed models,
 * key sets, live request rate and latency, stored records, jobs and federations ({@link WorkPages}), and the
 * audit trail with search and its chain check. The service
 * holds no plaintext patient data, so neither does the console.
 */
public final class ConsoleRoutes {
    static final String BASE = "/console";
    static final String LOGIN = BASE + "/login";
    static final String LOGOUT = BASE + "/logout";
    public static final String COOKIE = "he4j_console_session";
    private static final int AUDIT_ROWS = 200;

    private final TenantStore tenants;
    private final KeySetStore keySets;
    private final AuditLog audit;
    private final ModelRegistry models;
    private final MetricsHistory metrics;
    private final WebGuard guard;
    private final Layout layout = new Layout("he4j provider console", List.of(new Layout.Link(BASE, "Overview"),
            new Layout.Link(BASE + "/metrics", "Traffic"), new Layout.Link(WorkPages.RECORDS, "Records"),
            new Layout.Link(WorkPages.JOBS, "Jobs"), new Layout.Link(WorkPages.FEDERATIONS, "Federations"),
            new Layout.Link(BASE + "/audit", "Audit trail")), LOGOUT);
    private final WorkPages work;
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), Clock.systemUTC());

    /**
     * @param scrape        the service's Prometheus text (its own metrics)
     * @param secureCookies true when the service runs TLS
     */
    public ConsoleRoutes(TenantStore tenants, KeySetStore keySets, AuditLog audit, ModelRegistry models,
                         Supplier<String> scrape, boolean secureCookies, Database db) {
        this.tenants = tenants;
        this.keySets = keySets;
        this.audit = audit;
        this.models = models;
        this.metrics = new MetricsHistory(scrape);
        this.guard = new WebGuard(new Sessions(Duration.ofMinutes(30)), COOKIE, LOGIN, secureCookies, 64 * 1024);
        this.work = new WorkPages(db, guard, layout);
    }

    public void register(HttpRouting.Builder r) {
        StaticAssets.register(r);
        r.get(LOGIN, guard.open((req, res, s, f) -> {
            if (s.user().isPresent()) {
                WebGuard.redirect(res, BASE);
                return;
            }
            WebGuard.html(res, Status.OK_200, loginPage(s, ""));
        }));
        r.post(LOGIN, guard.open((req, res, s, f) -> {
            String who = req.remotePeer().host();
            long locked = throttle.lockedSeconds(who);
            if (locked > 0) {
                WebGuard.html(res, Status.TOO_MANY_REQUESTS_429, loginPage(s, "Too many wrong tokens: locked for "
                        + locked + " more seconds."));
                return;
            }
            String token = f.field("token", "").strip();
            Optional<Tenant> t = token.isEmpty() || token.length() > 200 ? Optional.empty() : tenants.byToken(token);
            if (t.isEmpty() || t.get().role() != Role.ADMIN) {
                throttle.failed(who);
                audit.append(t.map(Tenant::name).orElse("(unknown)"), "console.login", "console",
                        t.isEmpty() ? "refused: unknown token" : "refused: not an admin");
                WebGuard.html(res, Status.UNAUTHORIZED_401, loginPage(s, "That is not an admin token."));
                return;
            }
            throttle.succeeded(who);
            audit.append(t.get().name(), "console.login", "console", "ok");
            guard.setCookie(res, guard.sessions().login(s, t.get().name()));
            WebGuard.redirect(res, BASE);
        }));
        r.post(LOGOUT, guard.signedIn((req, res, s, f) -> {
            guard.sessions().end(s);
            guard.clearCookie(res);
            WebGuard.redirect(res, LOGIN);
        }));
        r.get(BASE, guard.signedIn((req, res, s, f) -> WebGuard.html(res, Status.OK_200, overview(s))));
        r.get(BASE + "/metrics", guard.signedIn((req, res, s, f) -> {
            metrics.sample();
            WebGuard.html(res, Status.OK_200, layout.page("Traffic", s, traffic(), 5));
        }));
        r.get(BASE + "/audit", guard.signedIn((req, res, s, f) ->
                WebGuard.html(res, Status.OK_200, auditPage(s, req.query().first("q").orElse("").strip()))));
        work.register(r);
        r.any(BASE + "/*", guard.signedIn((req, res, s, f) -> WebGuard.html(res, Status.NOT_FOUND_404,
                layout.page("Not found", s, "<p>No console page at this address.</p>", 0))));
    }

    private String loginPage(Session s, String error) {
        return layout.page("Provider console: sign in", s,
                (error.isEmpty() ? "" : "<p class=\"error\" id=\"login-error\" role=\"alert\">" + Html.esc(error) + "</p>")
                        + "<form class=\"stack\" method=\"post\" action=\"" + LOGIN + "\">" + Html.csrfField(s)
                        + "<label for=\"token\">Admin API token</label><input id=\"token\" name=\"token\" type=\"password\" "
                        + "autocomplete=\"off\" required><div><button type=\"submit\" id=\"sign-in\">Sign in</button></div></form>"
                        + "<p class=\"hint\">The token is checked once and not kept: the browser gets a session cookie only.</p>", 0);
    }

    private String overview(Session s) {
        StringBuilder b = new StringBuilder("<h2>Tenants</h2><table id=\"tenants\"><thead><tr><th scope=\"col\">Tenant</th>"
                + "<th scope=\"col\">Role</th><th scope=\"col\">Key sets</th><th scope=\"col\">Key-set bytes</th></tr></thead><tbody>");
        List<String[]> keyRows = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Tenant t : tenants.list()) {
            List<KeySetStore.Info> ks = keySets.list(t.id());
            long bytes = ks.stream().mapToLong(KeySetStore.Info::sizeBytes).sum();
            b.append("<tr><td>").append(Html.esc(t.name())).append("</td><td>").append(Html.esc(t.role().dbName()))
                    .append("</td><td class=\"num\">").append(ks.size()).append("</td><td class=\"num\">").append(bytes)
                    .append("</td></tr>");
            for (KeySetStore.Info k : ks) {
                keyRows.add(new String[] {t.name(), k.id(), Long.toString(k.sizeBytes()), age(now - k.createdAt()),
                        age(now - k.lastUsedAt())});
            }
        }
        b.append("</tbody></table><h2>Deployed models</h2><table id=\"models\"><thead><tr><th scope=\"col\">Model</th>"
                + "<th scope=\"col\">Version</th><th scope=\"col\">Features</th><th scope=\"col\">Single-query protocol</th>"
                + "<th scope=\"col\">Batch protocol</th><th scope=\"col\">Security</th></tr></thead><tbody>");
        for (DeployedModel m : models.all()) {
            ModelManifest mf = m.manifest();
            b.append("<tr><td>").append(Html.esc(m.id())).append("</td><td><code>").append(Html.esc(m.version()))
                    .append("</code></td><td class=\"num\">").append(mf.featureNames().size()).append("</td><td>")
                    .append(Html.esc(mf.single().kind() + " · " + mf.single().preset())).append("</td><td>")
                    .append(Html.esc(mf.batch().kind() + " · " + mf.batch().preset())).append("</td><td>")
                    .append(Math.min(mf.single().securityBits(), mf.batch().securityBits())).append(" bits</td></tr>");
        }
        b.append("</tbody></table><h2>Key sets</h2><p class=\"hint\">Public evaluation keys the tenants registered "
                + "(never a secret key).</p><table id=\"keysets\"><thead><tr><th scope=\"col\">Owner</th><th scope=\"col\">Id</th>"
                + "<th scope=\"col\">Bytes</th><th scope=\"col\">Age</th><th scope=\"col\">Last used</th></tr></thead><tbody>");
        for (String[] k : keyRows) {
            b.append("<tr><td>").append(Html.esc(k[0])).append("</td><td><code>").append(Html.esc(k[1].substring(0,
                    Math.min(16, k[1].length())))).append("…</code></td><td class=\"num\">").append(k[2])
                    .append("</td><td>").append(k[3]).append("</td><td>").append(k[4]).append(" ago</td></tr>");
        }
        if (keyRows.isEmpty()) {
            b.append("<tr><td colspan=\"5\">No key set registered.</td></tr>");
        }
        b.append("</tbody></table>");
        return layout.page("Overview", s, b.toString(), 0);
    }

    private String traffic() {
        List<MetricsHistory.Series> series = metrics.series(4);
        StringBuilder b = new StringBuilder("<p>From the service's own metrics (<code>/metrics</code>), sampled while "
                + "this page is open; it reloads every 5 s.</p>");
        if (series.isEmpty()) {
            b.append("<p id=\"no-traffic\">No requests in the window yet (").append(Html.num(metrics.windowSeconds(), 0))
                    .append(" s).</p>");
        } else {
            double window = Math.max(1, metrics.windowSeconds());
            List<SvgChart.Series> rates = new ArrayList<>();
            List<SvgChart.Series> lat = new ArrayList<>();
            double maxRate = 0;
            double maxLat = 0;
            for (MetricsHistory.Series s : series) {
                String label = s.route().replaceFirst("^/v1/models/\\{id}/", "model ");
                rates.add(new SvgChart.Series(label, s.seconds(), s.ratePerSecond()));
                lat.add(new SvgChart.Series(label, s.seconds(), s.meanMillis()));
                for (double v : s.ratePerSecond()) {
                    maxRate = Math.max(maxRate, v);
                }
                for (double v : s.meanMillis()) {
                    maxLat = Math.max(maxLat, v);
                }
            }
            b.append("<div class=\"grid\">").append(SvgChart.lines("rate", "Requests per second", "seconds", "req/s",
                    rates, window, SvgChart.niceMax(maxRate), false)).append(SvgChart.lines("latency", "Mean latency",
                    "seconds", "ms", lat, window, SvgChart.niceMax(maxLat), false)).append("</div>");
        }
        b.append("<h2>Totals since start</h2><table id=\"totals\"><thead><tr><th scope=\"col\">Route</th>"
                + "<th scope=\"col\">Requests</th><th scope=\"col\">Mean latency (ms)</th></tr></thead><tbody>");
        for (Map.Entry<String, double[]> e : metrics.totals().entrySet()) {
            double[] cs = e.getValue();
            b.append("<tr><td><code>").append(Html.esc(e.getKey())).append("</code></td><td class=\"num\">")
                    .append((long) cs[0]).append("</td><td class=\"num\">")
                    .append(cs[0] > 0 ? Html.num(cs[1] / cs[0] * 1000, 2) : "—").append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private String auditPage(Session s, String q) {
        AuditLog.Verification v = audit.verify();
        StringBuilder b = new StringBuilder();
        if (v.intact()) {
            b.append("<p id=\"chain\" class=\"ok\">Hash chain intact: ").append(v.rows()).append(" entries, head <code>")
                    .append(Html.esc(v.headHash())).append("</code>.</p>");
        } else {
            b.append("<p id=\"chain\" class=\"bad\" role=\"alert\">Hash chain BROKEN at entry ")
                    .append(v.firstBadSeq().orElseThrow()).append(": the trail was changed outside the service.</p>");
        }
        b.append("<form method=\"get\" action=\"").append(BASE).append("/audit\"><label for=\"q\">Search</label> ")
                .append("<input id=\"q\" name=\"q\" value=\"").append(Html.esc(q))
                .append("\" placeholder=\"actor, action or target\"> <button type=\"submit\">Search</button></form>");
        String needle = q.toLowerCase(Locale.ROOT);
        b.append("<table id=\"audit\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Time (UTC)</th>"
                + "<th scope=\"col\">Actor</th><th scope=\"col\">Action</th><th scope=\"col\">Target</th>"
                + "<th scope=\"col\">Outcome</th></tr></thead><tbody>");
        int shown = 0;
        for (AuditLog.Entry e : audit.recent(1000)) {
            if (!needle.isEmpty() && !(e.actor() + " " + e.action() + " " + e.target() + " " + e.outcome())
                    .toLowerCase(Locale.ROOT).contains(needle)) {
                continue;
            }
            if (++shown > AUDIT_ROWS) {
                break;
            }
            b.append("<tr><td class=\"num\">").append(e.seq()).append("</td><td>")
                    .append(Html.esc(Instant.ofEpochMilli(e.at()).toString())).append("</td><td>").append(Html.esc(e.actor()))
                    .append("</td><td>").append(Html.esc(e.action())).append("</td><td>").append(Html.esc(e.target()))
                    .append("</td><td>").append(Html.esc(e.outcome())).append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"hint\">Newest first; the last 1000 entries are searched, at most ")
                .append(AUDIT_ROWS).append(" shown.</p>");
        return layout.page("Audit trail", s, b.toString(), 0);
    }

    private static String age(long millis) {
        long s = Math.max(0, millis / 1000);
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        if (s < 172800) {
            return s / 3600 + " h";
        }
        return s / 86400 + " d";
    }
}
