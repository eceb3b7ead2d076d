package io.he4j.app;

import io.he4j.web.Html;
import io.he4j.web.Layout;
import io.he4j.web.Session;
import io.he4j.web.WebGuard;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import java.util.Arrays;
import java.util.Optional;

/**
 * Sign-in with a local user (Argon2id hashes in the data directory) and sign-out. The login form carries a
 * CSRF token like every other form; five wrong passwords in a row lock the name for the configured time. A
 * successful login gets a new session id (no fixation).
 */
final class LoginSection implements AppSection {
    static final String PATH = "/login";
    static final String LOGOUT = "/logout";

    @Override
    public Optional<Layout.Link> link() {
        return Optional.empty();
    }

    @Override
    public void register(HttpRouting.Builder r, AppContext ctx) {
        r.get(PATH, ctx.guard().open((req, res, s, f) -> {
            if (s.user().isPresent()) {
                WebGuard.redirect(res, "/");
                return;
            }
            WebGuard.html(res, Status.OK_200, page(ctx, s, "", ""));
        }));
        r.post(PATH, ctx.guard().open((req, res, s, f) -> {
            String name = f.field("user", "").strip();
            char[] password = f.field("password", "").toCharArray();
            try {
                long locked = ctx.throttle().lockedSeconds(name);
                if (locked > 0) {
                    WebGuard.html(res, Status.TOO_MANY_REQUESTS_429, page(ctx, s, name, "Too many wrong passwords: "
                            + "this login is locked for " + locked + " more seconds."));
                    return;
                }
                if (!ctx.users().verify(name, password)) {
                    ctx.throttle().failed(name);
                    long now = ctx.throttle().lockedSeconds(name);
                    WebGuard.html(res, Status.UNAUTHORIZED_401, page(ctx, s, name, now > 0
                            ? "Too many wrong passwords: this login is locked for " + now + " seconds."
                            : "Wrong user name or password."));
                    return;
                }
                ctx.throttle().succeeded(name);
                Session signedIn = ctx.guard().sessions().login(s, name);
                ctx.guard().setCookie(res, signedIn);
                WebGuard.redirect(res, "/");
            } finally {
                Arrays.fill(password, '\0');
            }
        }));
        r.post(LOGOUT, ctx.guard().signedIn((req, res, s, f) -> {
            ctx.guard().sessions().end(s);
            ctx.guard().clearCookie(res);
            WebGuard.redirect(res, PATH);
        }));
    }

    private static String page(AppContext ctx, Session s, String name, String error) {
        String body = (error.isEmpty() ? "" : "<p class=\"error\" id=\"login-error\" role=\"alert\">" + Html.esc(error) + "</p>")
                + "<form class=\"stack\" method=\"post\" action=\"" + PATH + "\">" + Html.csrfField(s)
                + "<label for=\"user\">User name</label><input id=\"user\" name=\"user\" autocomplete=\"username\" "
                + "required value=\"" + Html.esc(name) + "\">"
                + "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" "
                + "autocomplete=\"current-password\" required>"
                + "<div><button type=\"submit\" id=\"sign-in\">Sign in</button></div></form>"
                + "<p class=\"hint\">Users are local to this app: <code>./he4j app user add NAME --data-dir DIR</code>.</p>";
        return ctx.layout().page("Sign in", s, body, 0);
    }
}
