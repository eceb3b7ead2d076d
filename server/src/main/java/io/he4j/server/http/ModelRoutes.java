package io.he4j.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.ckks.PublicContext;
import io.he4j.server.ServerConfig;
import io.he4j.server.auth.Tenant;
import io.he4j.server.model.DeployedModel;
import io.he4j.server.model.KeySets;
import io.he4j.server.model.ModelRegistry;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;

import java.util.Optional;

/** {@code /v1/models}: manifests and predictions (encrypted, batched, and the optional plaintext one). */
public final class ModelRoutes {
    /** Names the client's key set when the model's protocol needs one. */
    public static final HeaderName KEY_SET_HEADER = HeaderNames.create("He4j-Key-Set");
    /** Pins a request to one version of the model (the live one or the one it replaced). */
    public static final HeaderName MODEL_VERSION_HEADER = HeaderNames.create("He4j-Model-Version");
    private static final String OCTETS = "application/octet-stream";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Endpoints ep;
    private final ModelRegistry models;
    private final KeySets keySets;
    private final ServerConfig config;

    public ModelRoutes(Endpoints ep, ModelRegistry models, KeySets keySets, ServerConfig config) {
        this.ep = ep;
        this.models = models;
        this.keySets = keySets;
        this.config = config;
    }

    public void register(HttpRouting.Builder r) {
        r.get("/v1/models", ep.tenant("/v1/models", (req, res, t) -> {
            ArrayNode list = JSON.createArrayNode();
            for (DeployedModel m : models.all()) {
                list.add(JSON.readTree(m.manifestJson()));
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("models", list);
            ep.replyJson(res, "/v1/models", 200, body.toString());
        }));
        r.get("/v1/models/{id}", ep.tenant("/v1/models/{id}", (req, res, t) ->
                ep.replyJson(res, "/v1/models/{id}", 200, model(req).manifestJson())));
        encrypted(r, "/v1/models/{id}/predict", "predict", DeployedModel::predict);
        encrypted(r, "/v1/models/{id}/predict-batch", "predict-batch", DeployedModel::predictBatch);
        String paillier = "/v1/models/{id}/predict-paillier";
        r.post(paillier, ep.tenant(paillier, (req, res, t) -> {
            DeployedModel m = model(req);
            json(req);
            byte[] body = ep.body(req, paillier, config.maxBodyBytes(), "body-too-large");
            long t0 = System.nanoTime();
            String answer = m.predictPaillier(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            ep.metrics().compute(m.id(), "predict-paillier", System.nanoTime() - t0);
            ep.replyJson(res, paillier, 200, answer);
        }));
        String plain = "/v1/models/{id}/predict-plain";
        r.post(plain, ep.tenant(plain, (req, res, t) -> {
            if (!config.predictPlainEnabled()) {
                throw Problems.disabled("POST " + plain);
            }
            DeployedModel m = model(req);
            byte[] body = ep.body(req, plain, config.maxBodyBytes(), "body-too-large");
            double[] scores = m.predictPlain(features(body));
            ObjectNode out = JSON.createObjectNode();
            out.put("model_id", m.id());
            out.put("version", m.version());
            ArrayNode s = out.putArray("scores");
            for (double v : scores) {
                s.add(v);
            }
            ep.replyJson(res, plain, 200, out.toString());
        }));
    }

    /** How one encrypted route computes: the model, the request body, the client's key set if it named one. */
    private interface EncryptedCall {
        byte[] apply(DeployedModel model, byte[] body, Optional<PublicContext> keys);
    }

    /** An octet-stream route: a query in, the encrypted scores out, the homomorphic time in the metrics. */
    private void encrypted(HttpRouting.Builder r, String route, String metric, EncryptedCall call) {
        r.post(route, ep.tenant(route, (req, res, t) -> {
            DeployedModel m = model(req);
            Optional<PublicContext> keys = keySet(req, t);
            byte[] query = octets(req, route);
            long t0 = System.nanoTime();
            byte[] reply = call.apply(m, query, keys);
            ep.metrics().compute(m.id(), metric, System.nanoTime() - t0);
            ep.reply(res, route, 200, OCTETS, reply);
        }));
    }

    private DeployedModel model(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        Optional<String> version = req.headers().first(MODEL_VERSION_HEADER);
        if (version.isEmpty()) {
            return models.get(id).orElseThrow(() -> Problems.modelNotFound(id));
        }
        return models.get(id, version.get().trim()).orElseThrow(() -> models.get(id).isEmpty()
                ? Problems.modelNotFound(id) : Problems.modelVersionNotFound(id, version.get()));
    }

    private Optional<PublicContext> keySet(ServerRequest req, Tenant t) {
        Optional<String> id = req.headers().first(KEY_SET_HEADER);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String keySetId = id.get().trim();
        if (!DeployedModel.isKeySetId(keySetId)) {
            throw Problems.keySetNotFound(keySetId.length() > 40 ? keySetId.substring(0, 40) + "..." : keySetId);
        }
        return Optional.of(keySets.find(t.id(), keySetId).orElseThrow(() -> Problems.keySetNotFound(keySetId)));
    }

    private byte[] octets(ServerRequest req, String route) {
        req.headers().contentType().ifPresent(ct -> {
            if (!ct.mediaType().text().equalsIgnoreCase(OCTETS)) {
                throw Problems.unsupportedMediaType(OCTETS);
            }
        });
        return ep.body(req, route, config.maxBodyBytes(), "body-too-large");
    }

    private static void json(ServerRequest req) {
        req.headers().contentType().ifPresent(ct -> {
            if (!ct.mediaType().text().equalsIgnoreCase("application/json")) {
                throw Problems.unsupportedMediaType("application/json");
            }
        });
    }

    /** {@code {"features": [x1, x2, ...]}}; null stands for a missing value (imputed by the model). */
    private static double[] features(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw Problems.badJson("the body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw Problems.badJson("the body is not JSON");
        }
        JsonNode f = root == null ? null : root.get("features");
        if (f == null || !f.isArray()) {
            throw Problems.badJson("expected {\"features\": [numbers]}");
        }
        double[] x = new double[f.size()];
        for (int i = 0; i < x.length; i++) {
            JsonNode v = f.get(i);
            if (v.isNull()) {
                x[i] = Double.NaN;
            } else if (v.isNumber()) {
                x[i] = v.doubleValue();
            } else {
                throw Problems.badJson("features[" + i + "] is not a number or null");
            }
        }
        return x;
    }
}
