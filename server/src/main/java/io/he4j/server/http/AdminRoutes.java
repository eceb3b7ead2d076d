package io.he4j.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.server.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.he4j.server.auth.Role;
import io.he4j.server.auth.Tenant;
import io.he4j.server.db.AuditLog;
import io.he4j.server.db.TenantStore;
import io.helidon.http.HeaderNames;
import io.he4j.server.model.ModelRegistry;
import io.helidon.webserver.http.HttpRouting;

import java.util.List;

/**
 * {@code /v1/admin}: operations for the admin role only: tenants, model redeploys, the audit trail and its
 * chain check (what the provider's console shows).
 */
public final class AdminRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_AUDIT_ROWS = 1000;

    private final Endpoints ep;
    private final ModelRegistry models;
    private final TenantStore tenants;
    private final AuditLog audit;
    private final ServerConfig config;

    public AdminRoutes(Endpoints ep, ModelRegistry models, TenantStore tenants, AuditLog audit, ServerConfig config) {
        this.ep = ep;
        this.models = models;
        this.tenants = tenants;
        this.audit = audit;
        this.config = config;
    }

    public void register(HttpRouting.Builder r) {
        String tenantsRoute = "/v1/admin/tenants";
        r.get(tenantsRoute, ep.admin(tenantsRoute, (req, res, t) -> {
            ArrayNode list = JSON.createArrayNode();
            for (Tenant x : tenants.list()) {
                list.addObject().put("name", x.name()).put("role", x.role().dbName());
            }
            ObjectNode o = JSON.createObjectNode();
            o.set("tenants", list);
            ep.replyJson(res, tenantsRoute, 200, o.toString());
        }));
        r.post(tenantsRoute, ep.admin(tenantsRoute, (req, res, t) -> {
            JsonNode body;
            try {
                body = JSON.readTree(ep.body(req, tenantsRoute, 4096, "body-too-large"));
            } catch (java.io.IOException e) {
                throw Problems.badJson("expected {\"name\": \"...\", \"role\": \"client\"|\"admin\"}");
            }
            String name = body == null || !body.path("name").isTextual() ? "" : body.get("name").asText().trim();
            String role = body == null ? "client" : body.path("role").asText("client");
            if (name.isEmpty() || name.length() > 200 || !(role.equals("client") || role.equals("admin"))) {
                throw Problems.badJson("expected {\"name\": \"1..200 characters\", \"role\": \"client\"|\"admin\"}");
            }
            if (tenants.byName(name).isPresent()) {
                throw new ApiException(409, "tenant-exists", "Tenant exists", "a tenant named '" + name
                        + "' already exists");
            }
            TenantStore.Created c = tenants.create(name, Role.ofDbName(role));
            audit.append(t.name(), "tenant.add", name, "created " + role);
            ObjectNode o = JSON.createObjectNode().put("name", name).put("role", role).put("token", c.token());
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            ep.replyJson(res, tenantsRoute, 201, o.toString());
        }));
        String auditRoute = "/v1/admin/audit";
        r.get(auditRoute, ep.admin(auditRoute, (req, res, t) -> {
            int limit;
            try {
                limit = Math.clamp(Integer.parseInt(req.query().first("limit").orElse("100")), 1, MAX_AUDIT_ROWS);
            } catch (NumberFormatException e) {
                throw new ApiException(400, "bad-parameter", "Bad parameter", "limit must be an integer");
            }
            ArrayNode list = JSON.createArrayNode();
            for (AuditLog.Entry e : audit.recent(limit)) {
                list.addObject().put("seq", e.seq()).put("at", java.time.Instant.ofEpochMilli(e.at()).toString())
                        .put("actor", e.actor()).put("action", e.action()).put("target", e.target())
                        .put("outcome", e.outcome()).put("hash", e.hash());
            }
            ObjectNode o = JSON.createObjectNode();
            o.set("entries", list);
            ep.replyJson(res, auditRoute, 200, o.toString());
        }));
        String reload = "/v1/admin/models/reload";
        r.post(reload, ep.admin(reload, (req, res, t) -> {
            if (config.modelsDir().isEmpty()) {
                throw new ApiException(409, "no-models-dir", "No models directory",
                        "the server was started without a models directory");
            }
            List<String> compiled;
            try {
                compiled = models.deployDirectory(config.modelsDir().get());
            } catch (RuntimeException e) {
                audit.append(t.name(), "models.reload", config.modelsDir().get().toString(), "failed");
                throw new ApiException(422, "model-deploy-failed", "Model deployment failed", e.getMessage());
            }
            audit.append(t.name(), "models.reload", String.join(",", compiled), "deployed");
            ObjectNode o = JSON.createObjectNode();
            compiled.forEach(o.putArray("deployed")::add);
            ep.replyJson(res, reload, 200, o.toString());
        }));
        String verify = "/v1/admin/audit/verify";
        r.get(verify, ep.admin(verify, (req, res, t) -> {
            AuditLog.Verification v = audit.verify();
            ObjectNode o = JSON.createObjectNode();
            o.put("intact", v.intact());
            o.put("rows", v.rows());
            v.firstBadSeq().ifPresent(s -> o.put("first_bad_seq", s));
            o.put("head_hash", v.headHash());
            ep.replyJson(res, verify, 200, o.toString());
        }));
    }
}
