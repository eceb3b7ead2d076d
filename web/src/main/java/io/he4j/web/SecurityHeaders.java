package io.he4j.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * The headers every page carries. The Content-Security-Policy allows no script at all (the pages need none:
 * charts are server-side SVG, progress is a meta refresh), styles and images from this origin only, and forms
 * posting back to this origin only; no framing.
 */
public final class SecurityHeaders {
    public static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private SecurityHeaders() {
    }

    public static void apply(ServerResponse res, boolean cacheable) {
        res.header(HeaderNames.create("Content-Security-Policy"), CSP);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.CACHE_CONTROL, cacheable ? "max-age=3600" : "no-store");
    }
}
