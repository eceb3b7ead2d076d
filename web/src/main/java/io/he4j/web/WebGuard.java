package io.he4j.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Wraps every page handler of a web UI: security headers, the session cookie (HttpOnly, SameSite=Strict, Secure
 * under TLS), the login requirement (303 to the login page), and on every POST a bounded body read and the CSRF
 * check (403 without the session's token). Handlers see the session and the parsed form only.
 */
public final class WebGuard {
    public static final String CSRF_FIELD = "csrf";
    private static final System.Logger LOG = System.getLogger(WebGuard.class.getName());

    /** A page's work, for a request that passed the guard. */
    @FunctionalInterface
    public interface Page {
        void handle(ServerRequest req, ServerResponse res, Session session, Form form) throws Exception;
    }

    private final Sessions sessions;
    private final String cookieName;
    private final String loginPath;
    private final boolean secureCookies;
    private final long maxBodyBytes;

    /**
     * @param cookieName    distinct per UI: cookies are not isolated by port, so two UIs on one host need two names
     * @param secureCookies true under TLS (the cookie is then never sent in clear)
     */
    public WebGuard(Sessions sessions, String cookieName, String loginPath, boolean secureCookies, long maxBodyBytes) {
        this.sessions = sessions;
        this.cookieName = cookieName;
        this.loginPath = loginPath;
        this.secureCookies = secureCookies;
        this.maxBodyBytes = maxBodyBytes;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** A page anyone may see (the login page); a visitor gets an anonymous session and its CSRF token. */
    public Handler open(Page p) {
        return (req, res) -> run(req, res, p, false);
    }

    /** A page for signed-in users only. */
    public Handler signedIn(Page p) {
        return (req, res) -> run(req, res, p, true);
    }

    private void run(ServerRequest req, ServerResponse res, Page p, boolean needUser) {
        SecurityHeaders.apply(res, false);
        try {
            Optional<Session> found = cookie(req).flatMap(sessions::find);
            if (needUser && found.flatMap(Session::user).isEmpty()) {
                redirect(res, loginPath);
                return;
            }
            Session s = found.orElseGet(() -> {
                Session fresh = sessions.anonymous();
                setCookie(res, fresh);
                return fresh;
            });
            Form form = Form.EMPTY;
            if (req.prologue().method() == Method.POST) {
                byte[] body = readBody(req);
                if (body == null) {
                    error(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "The upload is larger than "
                            + (maxBodyBytes >> 20) + " MiB.");
                    return;
                }
                form = FormParser.parse(req.headers().contentType().map(h -> h.text()).orElse(""), body);
                if (!csrfMatches(s, form.field(CSRF_FIELD).orElse(""))) {
                    error(res, Status.FORBIDDEN_403, "The form's CSRF token is missing or wrong. Reload the page "
                            + "and submit again.");
                    return;
                }
            }
            p.handle(req, res, s, form);
        } catch (PageException e) {
            error(res, Status.create(e.status()), e.getMessage());
        } catch (FormParser.BadFormException e) {
            error(res, Status.BAD_REQUEST_400, "The form could not be read: " + e.getMessage());
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "page " + req.path().path() + " failed", e);
            if (!res.isSent()) {
                error(res, Status.INTERNAL_SERVER_ERROR_500, "Something went wrong on this page; the log has details.");
            }
        }
    }

    private static boolean csrfMatches(Session s, String sent) {
        return MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /** The body, or null when it is over the cap (read no further than the cap). */
    private byte[] readBody(ServerRequest req) throws IOException {
        try (InputStream in = req.content().inputStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            return b.length > maxBodyBytes ? null : b;
        }
    }

    private Optional<String> cookie(ServerRequest req) {
        for (String header : req.headers().all(HeaderNames.COOKIE, java.util.List::of)) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(cookieName + "=")) {
                    return Optional.of(p.substring(cookieName.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    /** Sends the session's cookie: HttpOnly, SameSite=Strict, Path=/, Secure under TLS; no Max-Age (ends with the browser). */
    public void setCookie(ServerResponse res, Session s) {
        res.header(HeaderNames.SET_COOKIE, cookieName + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict"
                + (secureCookies ? "; Secure" : ""));
    }

    public void clearCookie(ServerResponse res) {
        res.header(HeaderNames.SET_COOKIE, cookieName + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                + (secureCookies ? "; Secure" : ""));
    }

    /** 303 See Other to a path of this site. */
    public static void redirect(ServerResponse res, String path) {
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, path);
        res.send();
    }

    public static void html(ServerResponse res, Status status, String html) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
        res.send(html.getBytes(StandardCharsets.UTF_8));
    }

    static void error(ServerResponse res, Status status, String message) {
        html(res, status, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status.code()
                + " " + Html.esc(status.reasonPhrase()) + "</title><link rel=\"stylesheet\" href=\"/static/web.css\">"
                + "<link rel=\"icon\" href=\"/static/favicon.svg\"></head><body><main><h1>" + status.code() + " "
                + Html.esc(status.reasonPhrase()) + "</h1><p class=\"error\">" + Html.esc(message)
                + "</p><p><a href=\"/\">Back</a></p></main></body></html>");
    }
}
