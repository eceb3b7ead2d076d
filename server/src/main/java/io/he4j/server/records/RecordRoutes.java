package io.he4j.server.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.protocol.ProtocolException;
import io.he4j.protocol.RecordUploads;
import io.he4j.server.ServerConfig;
import io.he4j.server.auth.Tenant;
import io.he4j.server.http.ApiException;
import io.he4j.server.http.Endpoints;
import io.he4j.server.http.ModelRoutes;
import io.he4j.server.http.Problems;
import io.he4j.server.model.DeployedModel;
import io.he4j.server.model.KeySets;
import io.he4j.server.model.ModelRegistry;
import io.he4j.server.model.QueryRejection;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/records}: a tenant's encrypted patient records. Uploads are idempotent PUTs by the client's record
 * id, each checked by the engine's loader against the model before it is stored; another tenant's record
 * answers 404 like a missing one.
 */
public final class RecordRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCTETS = "application/octet-stream";
    private static final int MAX_PAGE = 1000;
    /** Export pages carry ciphertexts: fewer per page. */
    private static final int MAX_EXPORT_PAGE = 100;

    private final Endpoints ep;
    private final RecordStore store;
    private final ModelRegistry models;
    private final KeySets keySets;
    private final ServerConfig config;
    /** Multi-record uploads buffer up to limits.keyset-bytes each: as many at once as key-set uploads. */
    private final java.util.concurrent.Semaphore largeBodies;

    public RecordRoutes(Endpoints ep, RecordStore store, ModelRegistry models, KeySets keySets, ServerConfig config) {
        this.ep = ep;
        this.store = store;
        this.models = models;
        this.keySets = keySets;
        this.config = config;
        this.largeBodies = new java.util.concurrent.Semaphore(config.concurrentKeySetUploads());
    }

    public void register(HttpRouting.Builder r) {
        String one = "/v1/records/{id}";
        r.put(one, ep.tenant(one, (req, res, t) -> {
            String id = RecordIds.check("record id", req.path().pathParameters().get("id"));
            boolean replace = flag(req, "replace"); // every parameter is checked before the body is read
            RecordStore.Upload u = upload(req, t, id);
            RecordStore.Outcome o = store.put(t.id(), t.name(), u, replace);
            if (o == RecordStore.Outcome.CONFLICT) {
                throw new ApiException(409, "record-conflict", "Record exists with other content", "record " + id
                        + " is stored with other bytes or another description; upload with ?replace=true to replace it");
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("id", id);
            body.put("outcome", o.name().toLowerCase(java.util.Locale.ROOT));
            body.put("size_bytes", u.content().length);
            res.header(HeaderNames.LOCATION, "/v1/records/" + id);
            ep.replyJson(res, one, o == RecordStore.Outcome.CREATED ? 201 : 200, body.toString());
        }));
        r.get(one, ep.tenant(one, (req, res, t) -> {
            String id = RecordIds.check("record id", req.path().pathParameters().get("id"));
            if (req.query().contains("content") && flag(req, "content")) {
                byte[] content = store.content(t.id(), t.name(), id).orElseThrow(() -> notFound(id));
                ep.reply(res, one, 200, OCTETS, content);
                return;
            }
            RecordStore.Meta m = store.meta(t.id(), t.name(), id).orElseThrow(() -> notFound(id));
            ep.replyJson(res, one, 200, json(m).toString());
        }));
        r.delete(one, ep.tenant(one, (req, res, t) -> {
            String id = RecordIds.check("record id", req.path().pathParameters().get("id"));
            if (!store.delete(t.id(), t.name(), id)) {
                throw notFound(id);
            }
            ep.noContent(res);
        }));
        String all = "/v1/records";
        r.get(all, ep.tenant(all, (req, res, t) -> {
            if (flag(req, "content")) { // the export: descriptions and stored bytes
                int limit = Math.min(limit(req), MAX_EXPORT_PAGE);
                List<RecordStore.Full> page = store.export(t.id(), t.name(), optionalId(req, "after"), limit);
                ObjectNode body = JSON.createObjectNode();
                ArrayNode list = body.putArray("records");
                for (RecordStore.Full f : page) {
                    list.add(json(f.meta()).put("content", Base64.getEncoder().encodeToString(f.content())));
                }
                if (page.size() == limit) {
                    body.put("next", page.getLast().meta().id());
                } else {
                    body.putNull("next");
                }
                ep.replyJson(res, all, 200, body.toString());
                return;
            }
            RecordStore.Filter f = new RecordStore.Filter(optionalId(req, "model"), layoutFilter(req),
                    optionalId(req, "patient"));
            int limit = limit(req);
            RecordStore.Page page = store.list(t.id(), t.name(), f, optionalId(req, "after"), limit);
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("records");
            page.records().forEach(m -> list.add(json(m)));
            page.next().ifPresentOrElse(n -> body.put("next", n), () -> body.putNull("next"));
            ep.replyJson(res, all, 200, body.toString());
        }));
        r.post(all, ep.tenant(all, (req, res, t) -> {
            boolean replace = flag(req, "replace");
            List<RecordStore.Upload> uploads = uploads(req, t);
            List<RecordStore.Outcome> outcomes = store.putAll(t.id(), t.name(), uploads, replace);
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("records");
            int[] counts = new int[RecordStore.Outcome.values().length];
            for (int i = 0; i < uploads.size(); i++) {
                RecordStore.Outcome o = outcomes.get(i);
                counts[o.ordinal()]++;
                list.addObject().put("id", uploads.get(i).id()).put("outcome",
                        o.name().toLowerCase(java.util.Locale.ROOT));
            }
            for (RecordStore.Outcome o : RecordStore.Outcome.values()) {
                body.put(o.name().toLowerCase(java.util.Locale.ROOT), counts[o.ordinal()]);
            }
            ep.replyJson(res, all, 200, body.toString());
        }));
        String retention = "/v1/retention";
        r.get(retention, ep.tenant(retention, (req, res, t) ->
                ep.replyJson(res, retention, 200, retentionJson(store.retention(t.id())))));
        r.put(retention, ep.tenant(retention, (req, res, t) -> {
            Optional<Duration> maxAge = retentionOf(ep.body(req, retention, config.maxBodyBytes(), "body-too-large"));
            store.setRetention(t.id(), t.name(), maxAge);
            ep.replyJson(res, retention, 200, retentionJson(maxAge));
        }));
        r.delete(all, ep.tenant(all, (req, res, t) -> {
            String patient = optionalId(req, "patient");
            if (patient.isEmpty()) {
                throw new ApiException(400, "bad-parameter", "Bad parameter",
                        "DELETE /v1/records needs ?patient=P (erases all of that patient's records)");
            }
            int n = store.deletePatient(t.id(), t.name(), patient);
            ObjectNode body = JSON.createObjectNode();
            body.put("patient", patient);
            body.put("deleted", n);
            ep.replyJson(res, all, 200, body.toString());
        }));
    }

    /** The upload's description from the query and headers, and its body checked by the model's loader. */
    private RecordStore.Upload upload(ServerRequest req, Tenant t, String id) {
        String modelId = optionalId(req, "model");
        String patient = optionalId(req, "patient");
        if (modelId.isEmpty()) {
            throw new ApiException(400, "bad-parameter", "Bad parameter", "?model=ID is required");
        }
        DeployedModel m = model(req, modelId);
        RecordLayout layout = req.query().contains("layout") ? RecordLayout.parse(req.query().get("layout"))
                .orElseThrow(() -> badLayout()) : RecordLayout.SINGLE;
        int rows = 1;
        if (layout == RecordLayout.BATCH) {
            rows = intParam(req, "rows", -1);
            if (rows < 1 || rows > m.batchCapacity()) {
                throw new ApiException(400, "bad-parameter", "Bad parameter", "a batch record needs ?rows=N, the "
                        + "patients it holds, 1.." + m.batchCapacity() + " for this model");
            }
        }
        req.headers().contentType().ifPresent(ct -> {
            if (!ct.mediaType().text().equalsIgnoreCase(OCTETS)) {
                throw Problems.unsupportedMediaType(OCTETS);
            }
        });
        byte[] body = ep.body(req, "/v1/records/{id}", config.maxBodyBytes(), "body-too-large");
        byte[] stored = m.checkStoredQuery(layout == RecordLayout.BATCH, body);
        // the key set after the bytes, as /predict does: malformed bytes answer 400 whatever the headers
        String keySetId = keySet(req, t, m, layout);
        return new RecordStore.Upload(id, patient, keySetId, m.id(), m.version(), layout, rows,
                stored);
    }

    /**
     * A multi-record upload ({@link RecordUploads}): every record checked as a single PUT checks it (id, patient,
     * layout and rows, the engine's loader against the model), all before anything is stored; one bad record
     * refuses the request.
     */
    private List<RecordStore.Upload> uploads(ServerRequest req, Tenant t) {
        String modelId = optionalId(req, "model");
        if (modelId.isEmpty()) {
            throw new ApiException(400, "bad-parameter", "Bad parameter", "?model=ID is required");
        }
        DeployedModel m = model(req, modelId);
        req.headers().contentType().ifPresent(ct -> {
            if (!ct.mediaType().text().equalsIgnoreCase(OCTETS)) {
                throw Problems.unsupportedMediaType(OCTETS);
            }
        });
        byte[] body;
        if (!largeBodies.tryAcquire()) {
            throw new ApiException(503, "busy", "Server busy", "too many large uploads in progress; retry", 1);
        }
        try {
            body = ep.body(req, "/v1/records", config.maxKeySetBytes(), "body-too-large");
        } finally {
            largeBodies.release();
        }
        List<RecordUploads.Item> items;
        try {
            items = RecordUploads.decode(body);
        } catch (ProtocolException e) {
            throw new QueryRejection(QueryRejection.Reason.MALFORMED, e.getMessage());
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        String[] keySets = new String[2];
        List<RecordStore.Upload> out = new ArrayList<>(items.size());
        for (RecordUploads.Item i : items) {
            String id = RecordIds.check("record id", i.id());
            String patient = i.patient().isEmpty() ? "" : RecordIds.check("patient", i.patient());
            if (!ids.add(id)) {
                throw new ApiException(400, "bad-parameter", "Bad parameter", "record " + id + " appears twice");
            }
            if (i.rows() < 1 || i.rows() > (i.batch() ? m.batchCapacity() : 1)) {
                throw new ApiException(400, "bad-parameter", "Bad parameter", "record " + id + ": rows is "
                        + (i.batch() ? "1.." + m.batchCapacity() + " for a batch record" : "1 for a single record")
                        + ", got " + i.rows());
            }
            byte[] stored;
            try {
                stored = m.checkStoredQuery(i.batch(), i.content());
            } catch (QueryRejection e) {
                throw new QueryRejection(e.reason(), "record " + id + ": " + e.getMessage());
            }
            RecordLayout layout = i.batch() ? RecordLayout.BATCH : RecordLayout.SINGLE;
            int k = i.batch() ? 1 : 0;
            if (keySets[k] == null) {
                keySets[k] = keySet(req, t, m, layout);
            }
            out.add(new RecordStore.Upload(id, patient, keySets[k], m.id(), m.version(), layout, i.rows(), stored));
        }
        return out;
    }

    /** The key set the record will be scored with: named by header, required when the layout needs one. */
    private String keySet(ServerRequest req, Tenant t, DeployedModel m, RecordLayout layout) {
        Optional<String> named = req.headers().first(ModelRoutes.KEY_SET_HEADER).map(String::trim);
        if (named.isEmpty()) {
            if (m.needsKeySet(layout == RecordLayout.BATCH)) {
                throw new ApiException(422, "key-set-required", "Key set required", "this model's " + layout.wireName()
                        + " layout needs the client's key set: register it and name it in He4j-Key-Set");
            }
            return "";
        }
        String id = named.get();
        if (!DeployedModel.isKeySetId(id) || keySets.find(t.id(), id).isEmpty()) {
            throw Problems.keySetNotFound(id.length() > 40 ? id.substring(0, 40) + "..." : id);
        }
        return id;
    }

    private DeployedModel model(ServerRequest req, String id) {
        Optional<String> version = req.headers().first(ModelRoutes.MODEL_VERSION_HEADER);
        if (version.isEmpty()) {
            return models.get(id).orElseThrow(() -> Problems.modelNotFound(id));
        }
        return models.get(id, version.get().trim()).orElseThrow(() -> models.get(id).isEmpty()
                ? Problems.modelNotFound(id) : Problems.modelVersionNotFound(id, version.get()));
    }

    /** {@code {"days": N}} with N >= 1, or {@code {"days": null}} for no retention limit. */
    private static Optional<Duration> retentionOf(byte[] body) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw Problems.badJson("expected {\"days\": N} or {\"days\": null}");
        }
        com.fasterxml.jackson.databind.JsonNode d = root == null ? null : root.get("days");
        if (d == null || !(d.isNull() || d.canConvertToInt() && d.isIntegralNumber())) {
            throw Problems.badJson("expected {\"days\": N} (1..36500) or {\"days\": null}");
        }
        if (d.isNull()) {
            return Optional.empty();
        }
        int days = d.asInt();
        if (days < 1 || days > 36_500) {
            throw new ApiException(400, "bad-parameter", "Bad parameter", "days is 1..36500, got " + days);
        }
        return Optional.of(Duration.ofDays(days));
    }

    private static String retentionJson(Optional<Duration> maxAge) {
        ObjectNode o = JSON.createObjectNode();
        maxAge.ifPresentOrElse(d -> o.put("days", d.toDays()), () -> o.putNull("days"));
        return o.toString();
    }

    static ObjectNode json(RecordStore.Meta m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", m.id());
        o.put("patient", m.patient());
        o.put("model", m.modelId());
        o.put("model_version", m.modelVersion());
        o.put("layout", m.layout().wireName());
        o.put("rows", m.rows());
        o.put("key_set", m.keySetId());
        o.put("size_bytes", m.sizeBytes());
        o.put("sha256", m.sha256());
        o.put("created_at", Instant.ofEpochMilli(m.createdAt()).toString());
        o.put("updated_at", Instant.ofEpochMilli(m.updatedAt()).toString());
        return o;
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "record-not-found", "Record not found", "no record " + id);
    }

    private static ApiException badLayout() {
        return new ApiException(400, "bad-parameter", "Bad parameter", "layout is 'single' or 'batch'");
    }

    private static String layoutFilter(ServerRequest req) {
        if (!req.query().contains("layout")) {
            return "";
        }
        return RecordLayout.parse(req.query().get("layout")).orElseThrow(RecordRoutes::badLayout).wireName();
    }

    static String optionalId(ServerRequest req, String name) {
        return req.query().contains(name) ? RecordIds.check(name, req.query().get(name)) : "";
    }

    static boolean flag(ServerRequest req, String name) {
        if (!req.query().contains(name)) {
            return false;
        }
        String v = req.query().get(name);
        if (v.equals("true") || v.isEmpty()) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw new ApiException(400, "bad-parameter", "Bad parameter", name + " is true or false");
    }

    static int limit(ServerRequest req) {
        int limit = intParam(req, "limit", 100);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ApiException(400, "bad-parameter", "Bad parameter", "limit is 1.." + MAX_PAGE);
        }
        return limit;
    }

    static int intParam(ServerRequest req, String name, int absent) {
        if (!req.query().contains(name)) {
            return absent;
        }
        String v = req.query().get(name);
        if (!v.matches("[0-9]{1,9}")) {
            throw new ApiException(400, "bad-parameter", "Bad parameter", name + " is a number, got '"
                    + (v.length() > 20 ? v.substring(0, 20) + "..." : v) + "'");
        }
        return Integer.parseInt(v);
    }
}
