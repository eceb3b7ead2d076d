package io.he4j.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.ckks.PublicContext;
import io.he4j.server.ServerConfig;
import io.he4j.server.db.AuditLog;
import io.he4j.server.db.KeySetStore;
import io.he4j.server.model.DeployedModel;
import io.he4j.server.model.KeySets;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.he4j.server.auth.Tenant;

import java.util.concurrent.Semaphore;

/**
 * {@code /v1/keysets}: a tenant's public material (a serialized {@code PublicContext}), validated by loading it,
 * stored under its content-derived id. Another tenant's id answers 404, exactly like an unknown one.
 */
public final class KeySetRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Endpoints ep;
    private final KeySetStore store;
    private final KeySets keySets;
    private final AuditLog audit;
    private final ServerConfig config;
    /** Each upload buffers up to the key-set cap: bound how many do at once, across all tenants. */
    private final Semaphore uploads;

    public KeySetRoutes(Endpoints ep, KeySetStore store, KeySets keySets, AuditLog audit, ServerConfig config) {
        this.ep = ep;
        this.store = store;
        this.keySets = keySets;
        this.audit = audit;
        this.config = config;
        this.uploads = new Semaphore(config.concurrentKeySetUploads());
    }

    public void register(HttpRouting.Builder r) {
        r.post("/v1/keysets", ep.tenant("/v1/keysets", (req, res, t) -> {
            if (!uploads.tryAcquire()) {
                throw new ApiException(503, "busy", "Server busy", "too many key-set uploads in progress; retry", 1);
            }
            try {
                upload(req, res, t);
            } finally {
                uploads.release();
            }
        }));
        r.get("/v1/keysets", ep.tenant("/v1/keysets", (req, res, t) -> {
            ArrayNode list = JSON.createArrayNode();
            for (KeySetStore.Info i : store.list(t.id())) {
                ObjectNode o = list.addObject();
                o.put("id", i.id());
                o.put("size_bytes", i.sizeBytes());
                o.put("created_at", java.time.Instant.ofEpochMilli(i.createdAt()).toString());
                o.put("last_used_at", java.time.Instant.ofEpochMilli(i.lastUsedAt()).toString());
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("key_sets", list);
            ep.replyJson(res, "/v1/keysets", 200, body.toString());
        }));
        r.delete("/v1/keysets/{id}", ep.tenant("/v1/keysets/{id}", (req, res, t) -> {
            String id = req.path().pathParameters().get("id");
            if (!DeployedModel.isKeySetId(id)) {
                throw Problems.keySetNotFound(id.length() > 40 ? id.substring(0, 40) + "..." : id);
            }
            boolean deleted = store.delete(t.id(), id);
            keySets.forget(t.id(), id);
            audit.append(t.name(), "keyset.delete", id, deleted ? "deleted" : "not found");
            if (!deleted) {
                throw Problems.keySetNotFound(id);
            }
            ep.noContent(res);
        }));
    }

    private void upload(ServerRequest req, ServerResponse res, Tenant t) {
        byte[] bytes = ep.body(req, "/v1/keysets", config.maxKeySetBytes(), "key-set-too-large");
        String id = DeployedModel.keySetId(bytes);
        try (PublicContext ignored = PublicContext.fromBytes(bytes)) {
            // loading checks the header, the parameters' security and every coefficient's range
        } catch (RuntimeException e) {
            audit.append(t.name(), "keyset.upload", id, "rejected: " + e.getClass().getSimpleName());
            throw e;
        }
        boolean created;
        try {
            created = store.put(t.id(), id, bytes, new KeySetStore.Quota(config.keySetsPerTenant(),
                    config.keySetBytesPerTenant(), config.keySetMaxAge()));
        } catch (KeySetStore.QuotaExceededException e) {
            audit.append(t.name(), "keyset.upload", id, "rejected: quota");
            throw e;
        }
        audit.append(t.name(), "keyset.upload", id, created ? "created" : "exists");
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("size_bytes", bytes.length);
        res.header(HeaderNames.LOCATION, "/v1/keysets/" + id);
        ep.replyJson(res, "/v1/keysets", created ? 201 : 200, o.toString());
    }
}
