package io.he4j.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.server.ServerConfig;
import io.he4j.server.db.AuditLog;
import io.he4j.server.model.ModelRegistry;
import io.helidon.webserver.http.HttpRouting;

import java.util.List;

/** {@code /v1/admin}: operations for the admin role only (redeploy models, check the audit chain). */
public final class AdminRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Endpoints ep;
    private final ModelRegistry models;
    private final AuditLog audit;
    private final ServerConfig config;

    public AdminRoutes(Endpoints ep, ModelRegistry models, AuditLog audit, ServerConfig config) {
        this.ep = ep;
        this.models = models;
        this.audit = audit;
        this.config = config;
    }

    public void register(HttpRouting.Builder r) {
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
