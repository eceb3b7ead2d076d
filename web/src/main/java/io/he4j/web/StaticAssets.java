package io.he4j.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The stylesheet and icon the pages link to, served from this jar under {@code /static/} (and the browser's /favicon.ico). */
public final class StaticAssets {
    private static final byte[] CSS = load("web.css");
    private static final byte[] ICON = load("favicon.svg");

    private StaticAssets() {
    }

    public static void register(HttpRouting.Builder r) {
        r.get("/static/web.css", (req, res) -> send(res, "text/css; charset=UTF-8", CSS));
        r.get("/static/favicon.svg", (req, res) -> send(res, "image/svg+xml", ICON));
        r.get("/favicon.ico", (req, res) -> send(res, "image/svg+xml", ICON));
    }

    private static void send(io.helidon.webserver.http.ServerResponse res, String type, byte[] body) {
        SecurityHeaders.apply(res, true);
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, type);
        res.send(body);
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/he4j/web/static/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
