package io.he4j.server.http;

import io.he4j.server.auth.Authenticator;
import io.he4j.server.auth.Role;
import io.he4j.server.auth.Tenant;
import io.he4j.server.limits.TenantLimiter;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;

/**
 * Wraps every route's handler: authentication and per-tenant admission for {@code /v1}, the problem+json
 * answer for anything thrown, and the latency, byte and rejection metrics. Handlers only do their route's
 * work and {@link #reply}.
 */
public final class Endpoints {
    /** A handler that runs for an authenticated, admitted tenant. */
    @FunctionalInterface
    public interface TenantHandler {
        void handle(ServerRequest req, ServerResponse res, Tenant tenant) throws Exception;
    }

    private final Authenticator authenticator;
    private final TenantLimiter limiter;
    private final ServerMetrics metrics;
    private final BodyReader bodies;
    private volatile boolean draining;
    private final java.util.Set<String> routes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Endpoints(Authenticator authenticator, TenantLimiter limiter, ServerMetrics metrics, BodyReader bodies) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.metrics = metrics;
        this.bodies = bodies;
    }

    /** The request body, at most {@code cap} bytes (413 {@code tooLargeCode} beyond), within the request timeout. */
    public byte[] body(ServerRequest req, String route, long cap, String tooLargeCode) {
        byte[] body = bodies.read(req, cap, tooLargeCode);
        metrics.bytesIn(route, body.length);
        return body;
    }

    /** A route anyone may call (health, metrics, OpenAPI). */
    public Handler open(String route, Handler h) {
        routes.add(route);
        return (req, res) -> timed(route, req, res, () -> h.handle(req, res));
    }

    /** A {@code /v1} route: 401 without a valid token, 429 over the tenant's rate or concurrency. */
    public Handler tenant(String route, TenantHandler h) {
        routes.add(route);
        return (req, res) -> timed(route, req, res, () -> {
            Tenant t = authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION))
                    .orElseThrow(Problems::unauthorized);
            TenantLimiter.Refusal refusal = limiter.tryAdmit(t.id());
            if (refusal == TenantLimiter.Refusal.RATE) {
                throw Problems.rateLimited(limiter.retryAfterSeconds(t.id()));
            }
            if (refusal == TenantLimiter.Refusal.CONCURRENCY) {
                throw Problems.tooManyInFlight();
            }
            try {
                h.handle(req, res, t);
            } finally {
                limiter.release(t.id());
            }
        });
    }

    /** A {@code /v1} route for admins only (403 for a client). */
    public Handler admin(String route, TenantHandler h) {
        return tenant(route, (req, res, t) -> {
            if (t.role() != Role.ADMIN) {
                throw Problems.forbidden(route);
            }
            h.handle(req, res, t);
        });
    }

    /**
     * From now on every reply closes its connection: an idle keep-alive connection would otherwise hold the
     * server's graceful shutdown for the whole grace period after its last request finished.
     */
    public void drain() {
        draining = true;
    }

    /** Sends a body and counts its bytes. */
    public void reply(ServerResponse res, String route, int status, String contentType, byte[] body) {
        closeIfDraining(res);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        metrics.bytesOut(route, body.length);
        res.send(body);
    }

    /** 204, no body. */
    public void noContent(ServerResponse res) {
        closeIfDraining(res);
        res.status(204).send();
    }

    private void closeIfDraining(ServerResponse res) {
        if (draining) {
            res.header(HeaderValues.CONNECTION_CLOSE);
        }
    }

    public void replyJson(ServerResponse res, String route, int status, String json) {
        reply(res, route, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Every route pattern registered through this (the OpenAPI document must list each). */
    public java.util.Set<String> routes() {
        return java.util.Set.copyOf(routes);
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    private interface Work {
        void run() throws Exception;
    }

    private void timed(String route, ServerRequest req, ServerResponse res, Work work) {
        long t0 = System.nanoTime();
        try {
            work.run();
        } catch (Exception e) {
            ApiException p = Problems.from(e, route);
            metrics.rejected(p.code());
            if (!res.isSent()) {
                if (p.retryAfterSeconds() > 0) {
                    res.header(HeaderNames.RETRY_AFTER, Long.toString(p.retryAfterSeconds()));
                }
                reply(res, route, p.status(), Problems.MEDIA_TYPE, Problems.json(p, req.path().path()));
            }
        } finally {
            metrics.request(route, req.prologue().method().text(), res.status().code(), System.nanoTime() - t0);
        }
    }
}
