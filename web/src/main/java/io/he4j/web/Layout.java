package io.he4j.web;

import java.util.List;

/**
 * The frame of every page of one UI: title, navigation, the signed-in user with a sign-out form, then the
 * page's content. One stylesheet and one icon from {@link StaticAssets}; no script.
 */
public final class Layout {
    /** A navigation entry. */
    public record Link(String path, String label) {
    }

    private final String appName;
    private final List<Link> nav;
    private final String logoutPath;

    public Layout(String appName, List<Link> nav, String logoutPath) {
        this.appName = appName;
        this.nav = List.copyOf(nav);
        this.logoutPath = logoutPath;
    }

    /** A whole page; {@code body} is HTML already escaped by its producer; {@code refreshSeconds} > 0 reloads it. */
    public String page(String title, Session s, String body, int refreshSeconds) {
        StringBuilder b = new StringBuilder(body.length() + 2048);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (refreshSeconds > 0) {
            b.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">");
        }
        b.append("<title>").append(Html.esc(title)).append(" · ").append(Html.esc(appName)).append("</title>");
        b.append("<link rel=\"stylesheet\" href=\"/static/web.css\"><link rel=\"icon\" href=\"/static/favicon.svg\">");
        b.append("</head><body><header><span class=\"brand\">").append(Html.esc(appName)).append("</span>");
        if (s != null && s.user().isPresent()) {
            b.append("<nav aria-label=\"main\"><ul>");
            for (Link l : nav) {
                b.append("<li><a href=\"").append(Html.esc(l.path())).append("\">").append(Html.esc(l.label()))
                        .append("</a></li>");
            }
            b.append("</ul></nav><form class=\"logout\" method=\"post\" action=\"").append(Html.esc(logoutPath))
                    .append("\">").append(Html.csrfField(s)).append("<span id=\"user\">")
                    .append(Html.esc(s.user().get())).append("</span> <button type=\"submit\">Sign out</button></form>");
        }
        b.append("</header><main><h1>").append(Html.esc(title)).append("</h1>").append(body).append("</main></body></html>");
        return b.toString();
    }
}
