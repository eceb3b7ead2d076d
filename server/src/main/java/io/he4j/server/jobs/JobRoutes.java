package io.he4j.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.server.ServerConfig;
import io.he4j.server.http.ApiException;
import io.he4j.server.http.Endpoints;
import io.he4j.server.http.Problems;
import io.he4j.server.model.ModelRegistry;
import io.he4j.server.records.RecordIds;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * {@code /v1/jobs}: scoring a tenant's stored records of a model. The job runs in the background on whichever
 * replica claims it; results are the encrypted scores, downloadable by the owning tenant only (another
 * tenant's job answers 404).
 */
public final class JobRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE = 1000;

    private final Endpoints ep;
    private final JobStore store;
    private final ModelRegistry models;
    private final ServerConfig config;
    private final JobRunner runner;

    public JobRoutes(Endpoints ep, JobStore store, ModelRegistry models, ServerConfig config, JobRunner runner) {
        this.ep = ep;
        this.runner = runner;
        this.store = store;
        this.models = models;
        this.config = config;
    }

    public void register(HttpRouting.Builder r) {
        String all = "/v1/jobs";
        r.post(all, ep.tenant(all, (req, res, t) -> {
            String modelId = modelOf(ep.body(req, all, config.maxBodyBytes(), "body-too-large"));
            if (models.get(modelId).isEmpty()) {
                throw Problems.modelNotFound(modelId);
            }
            JobStore.Job j = store.create(t.id(), t.name(), modelId);
            runner.wake();
            res.header(HeaderNames.LOCATION, "/v1/jobs/" + j.id());
            ep.replyJson(res, all, 202, json(j).toString());
        }));
        r.get(all, ep.tenant(all, (req, res, t) -> {
            String model = req.query().contains("model") ? RecordIds.check("model", req.query().get("model")) : "";
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("jobs");
            store.list(t.id(), model, limit(req)).forEach(j -> list.add(json(j)));
            ep.replyJson(res, all, 200, body.toString());
        }));
        String one = "/v1/jobs/{id}";
        r.get(one, ep.tenant(one, (req, res, t) -> {
            String id = jobId(req);
            ep.replyJson(res, one, 200, json(store.find(t.id(), id).orElseThrow(() -> notFound(id))).toString());
        }));
        r.delete(one, ep.tenant(one, (req, res, t) -> {
            String id = jobId(req);
            ep.replyJson(res, one, 200, json(store.cancel(t.id(), t.name(), id).orElseThrow(() -> notFound(id)))
                    .toString());
        }));
        String results = "/v1/jobs/{id}/results";
        r.get(results, ep.tenant(results, (req, res, t) -> {
            String id = jobId(req);
            JobStore.Job j = store.find(t.id(), id).orElseThrow(() -> notFound(id));
            int limit = limit(req);
            String after = req.query().contains("after") ? RecordIds.check("after", req.query().get("after")) : "";
            List<JobStore.Download> page = store.results(t.id(), t.name(), id, after, limit);
            ObjectNode body = json(j);
            ArrayNode list = body.putArray("results");
            Base64.Encoder b64 = Base64.getEncoder();
            for (JobStore.Download d : page) {
                ObjectNode o = list.addObject();
                o.put("record_id", d.recordId());
                o.put("layout", d.layout());
                o.put("rows", d.rows());
                o.put("state", d.state());
                if (d.scores() != null) {
                    o.put("scores", b64.encodeToString(d.scores()));
                } else {
                    o.put("error", d.error());
                }
            }
            if (page.size() == limit) {
                body.put("next", page.getLast().recordId());
            } else {
                body.putNull("next");
            }
            ep.replyJson(res, results, 200, body.toString());
        }));
    }

    private static String modelOf(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw Problems.badJson("the body is not JSON; expected {\"model\": \"ID\"}");
        }
        JsonNode m = root == null ? null : root.get("model");
        if (m == null || !m.isTextual()) {
            throw Problems.badJson("expected {\"model\": \"ID\"}");
        }
        return RecordIds.check("model", m.asText());
    }

    private static String jobId(ServerRequest req) {
        return RecordIds.check("job id", req.path().pathParameters().get("id"));
    }

    private static int limit(ServerRequest req) {
        if (!req.query().contains("limit")) {
            return 100;
        }
        String v = req.query().get("limit");
        if (!v.matches("[0-9]{1,4}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > MAX_PAGE) {
            throw new ApiException(400, "bad-parameter", "Bad parameter", "limit is 1.." + MAX_PAGE);
        }
        return Integer.parseInt(v);
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "job-not-found", "Job not found", "no job " + id);
    }

    static ObjectNode json(JobStore.Job j) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", j.id());
        o.put("model", j.modelId());
        o.put("state", j.state());
        o.put("total", j.total());
        o.put("done", j.done());
        o.put("failed", j.failed());
        o.put("pending", j.pending());
        o.put("created_at", Instant.ofEpochMilli(j.createdAt()).toString());
        o.put("updated_at", Instant.ofEpochMilli(j.updatedAt()).toString());
        return o;
    }
}
