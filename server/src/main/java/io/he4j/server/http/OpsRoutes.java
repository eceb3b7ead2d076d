package io.he4j.server.http;

import io.he4j.server.db.Database;
import io.he4j.server.model.ModelRegistry;
import io.helidon.webserver.http.HttpRouting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Unauthenticated operations routes: {@code /health}, {@code /metrics}, {@code /openapi}. */
public final class OpsRoutes {
    private final Endpoints ep;
    private final Database db;
    private final ModelRegistry models;
    private final byte[] openApi = resource("openapi.yaml");

    public OpsRoutes(Endpoints ep, Database db, ModelRegistry models) {
        this.ep = ep;
        this.db = db;
        this.models = models;
    }

    public void register(HttpRouting.Builder r) {
        r.get("/health", ep.open("/health", (req, res) -> {
            boolean ready = ready();
            ep.replyJson(res, "/health", ready ? 200 : 503, "{\"status\":\"" + (ready ? "UP" : "DOWN")
                    + "\",\"live\":true,\"ready\":" + ready + ",\"models\":" + models.all().size() + "}");
        }));
        r.get("/health/live", ep.open("/health/live", (req, res) ->
                ep.replyJson(res, "/health/live", 200, "{\"status\":\"UP\"}")));
        r.get("/health/ready", ep.open("/health/ready", (req, res) -> {
            boolean ready = ready();
            ep.replyJson(res, "/health/ready", ready ? 200 : 503, "{\"status\":\"" + (ready ? "UP" : "DOWN") + "\"}");
        }));
        r.get("/metrics", ep.open("/metrics", (req, res) -> ep.reply(res, "/metrics", 200,
                "text/plain; version=0.0.4; charset=utf-8", ep.metrics().scrape().getBytes(StandardCharsets.UTF_8))));
        r.get("/openapi", ep.open("/openapi", (req, res) ->
                ep.reply(res, "/openapi", 200, "application/yaml", openApi)));
    }

    /** Ready: the database answers (models may be zero: an empty server is still a working one). */
    private boolean ready() {
        return db.isReachable();
    }

    private static byte[] resource(String name) {
        try (InputStream in = OpsRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
