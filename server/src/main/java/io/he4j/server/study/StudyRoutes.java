package io.he4j.server.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.server.ServerConfig;
import io.he4j.server.http.ApiException;
import io.he4j.server.http.Endpoints;
import io.he4j.server.http.Problems;
import io.he4j.server.records.RecordIds;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Semaphore;

import static io.he4j.server.http.JsonFields.bad;
import static io.he4j.server.http.JsonFields.bool;
import static io.he4j.server.http.JsonFields.integer;
import static io.he4j.server.http.JsonFields.text;

/**
 * {@code /v1/studies}: research studies across institutions (docs/server.md, "Research studies"). JSON for
 * settings and views; {@code application/octet-stream} for the public key and the uploads (a {@code Chunks} list of
 * ciphertexts, {@link io.he4j.protocol.StudyUploadLayout}); the aggregates come back as JSON with each ciphertext
 * in base64. Large bodies (keys, uploads) share the key-set uploads' server-wide concurrency cap.
 */
public final class StudyRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/v1/studies";
    private static final String OCTETS = "application/octet-stream";

    private final Endpoints ep;
    private final Studies studies;
    private final ServerConfig config;
    private final Semaphore largeBodies;

    public StudyRoutes(Endpoints ep, Studies studies, ServerConfig config) {
        this.ep = ep;
        this.studies = studies;
        this.config = config;
        this.largeBodies = new Semaphore(config.concurrentKeySetUploads());
    }

    public void register(HttpRouting.Builder r) {
        r.post(BASE, ep.tenant(BASE, (req, res, t) -> {
            JsonNode b = json(req, BASE);
            double[][] st = standardization(b);
            Study s = studies.create(t, new Studies.Settings(text(b, "name"), features(b), st[0], st[1],
                    b.has("min_institutions") ? integer(b, "min_institutions") : 2, bool(b, "open")));
            res.header(HeaderNames.LOCATION, BASE + "/" + s.id());
            ep.replyJson(res, BASE, 201, view(studies.view(t, s.id())).toString());
        }));
        String one = BASE + "/{id}";
        r.get(one, ep.tenant(one, (req, res, t) -> ep.replyJson(res, one, 200, view(studies.view(t, id(req))).toString())));
        String key = one + "/key";
        r.put(key, ep.tenant(key, (req, res, t) -> {
            String id = id(req);
            studies.requireAllowed(t, id, true);  // before reading up to limits.keyset-bytes
            byte[] body = large(req, key, "key-set-too-large");
            Studies.Outcome o = studies.setKey(t, id, body);
            ObjectNode out = JSON.createObjectNode();
            out.put("key_sha256", io.he4j.server.auth.Tokens.sha256Hex(body));
            out.put("outcome", o.name().toLowerCase());
            ep.replyJson(res, key, o == Studies.Outcome.CREATED ? 201 : 200, out.toString());
        }));
        r.get(key, ep.tenant(key, (req, res, t) -> ep.reply(res, key, 200, OCTETS, studies.key(t, id(req)))));
        String institutions = one + "/institutions";
        r.post(institutions, ep.tenant(institutions, (req, res, t) -> {
            String id = id(req);
            String tenant = text(json(req, institutions), "tenant");
            Studies.Outcome o = studies.invite(t, id, tenant);
            ep.replyJson(res, institutions, o == Studies.Outcome.CREATED ? 201 : 200, outcome(o));
        }));
        String join = one + "/join";
        r.post(join, ep.tenant(join, (req, res, t) -> {
            Studies.Outcome o = studies.join(t, id(req));
            ep.replyJson(res, join, o == Studies.Outcome.CREATED ? 201 : 200, outcome(o));
        }));
        String upload = one + "/uploads/{upload}";
        r.put(upload, ep.tenant(upload, (req, res, t) -> {
            String id = id(req);
            String uploadId = RecordIds.check("upload id", req.path().pathParameters().get("upload"));
            int rows = rows(req);
            req.headers().contentType().ifPresent(ct -> {
                if (!ct.mediaType().text().equalsIgnoreCase(OCTETS)) {
                    throw Problems.unsupportedMediaType(OCTETS);
                }
            });
            studies.requireAllowed(t, id, false);
            byte[] body = large(req, upload, "body-too-large");
            Studies.Outcome o = studies.upload(t, id, uploadId, rows, body);
            ObjectNode out = JSON.createObjectNode();
            out.put("id", uploadId);
            out.put("rows", rows);
            out.put("outcome", o.name().toLowerCase());
            out.put("size_bytes", body.length);
            ep.replyJson(res, upload, o == Studies.Outcome.CREATED ? 201 : 200, out.toString());
        }));
        String close = one + "/close";
        r.post(close, ep.tenant(close, (req, res, t) -> {
            Studies.Outcome o = studies.close(t, id(req));
            ep.replyJson(res, close, o == Studies.Outcome.CREATED ? 201 : 200, outcome(o));
        }));
        String aggregate = one + "/aggregate";
        r.post(aggregate, ep.tenant(aggregate, (req, res, t) -> {
            Studies.Aggregate a = studies.aggregate(t, id(req));
            ep.replyJson(res, aggregate, 200, aggregateJson(a).toString());
        }));
    }

    private byte[] large(ServerRequest req, String route, String tooLargeCode) {
        if (!largeBodies.tryAcquire()) {
            throw new ApiException(503, "busy", "Server busy", "too many large uploads in progress; retry", 1);
        }
        try {
            return ep.body(req, route, config.maxKeySetBytes(), tooLargeCode);
        } finally {
            largeBodies.release();
        }
    }

    private static ObjectNode aggregateJson(Studies.Aggregate a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("study", a.study().id());
        o.put("institutions", a.institutions());
        o.put("uploads", a.uploads());
        o.put("rows", a.rows());
        o.put("key_sha256", a.study().keySha256());
        ArrayNode f = o.putArray("features");
        a.study().features().forEach(f::add);
        StudyAggregator.Result r = a.result();
        Base64.Encoder b64 = Base64.getEncoder();
        o.put("count", b64.encodeToString(r.count()));
        putAll(o.putArray("sum"), r.sum());
        putAll(o.putArray("mean"), r.mean());
        putAll(o.putArray("sum_of_squares"), r.sumOfSquares());
        if (a.study().mu() != null) {
            putAll(o.putArray("standardized_sum"), r.scaledSum());
        }
        return o;
    }

    private static void putAll(ArrayNode a, List<byte[]> cts) {
        cts.forEach(c -> a.add(Base64.getEncoder().encodeToString(c)));
    }

    private static ObjectNode view(Studies.View v) {
        Study s = v.study();
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.id());
        o.put("name", s.name());
        ArrayNode f = o.putArray("features");
        s.features().forEach(f::add);
        if (s.mu() != null) {
            ObjectNode st = o.putObject("standardization");
            ArrayNode m = st.putArray("mean");
            ArrayNode d = st.putArray("std");
            for (int i = 0; i < s.mu().length; i++) {
                m.add(s.mu()[i]);
                d.add(s.sigma()[i]);
            }
        } else {
            o.putNull("standardization");
        }
        o.put("min_institutions", s.minInstitutions());
        o.put("open", s.open());
        o.put("closed", s.closed());
        o.put("key_registered", s.hasKey());
        o.put("key_sha256", s.keySha256());
        o.put("role", v.authority() ? "authority" : "institution");
        if (v.authority()) {
            ArrayNode inst = o.putArray("institutions");
            v.institutions().forEach(inst::add);
        }
        ArrayNode ups = o.putArray("uploads");
        for (StudyStore.Upload u : v.uploads()) {
            ObjectNode x = ups.addObject();
            x.put("institution", u.tenantName());
            x.put("id", u.id());
            x.put("rows", u.rows());
            x.put("size_bytes", u.sizeBytes());
            x.put("sha256", u.sha256());
            x.put("created_at", Instant.ofEpochMilli(u.createdAt()).toString());
        }
        return o;
    }

    private static String outcome(Studies.Outcome o) {
        return "{\"outcome\":\"" + o.name().toLowerCase() + "\"}";
    }

    private JsonNode json(ServerRequest req, String route) {
        byte[] body = ep.body(req, route, config.maxBodyBytes(), "body-too-large");
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw bad("the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw Problems.badJson("the body is not valid JSON");
        }
    }

    private static String id(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (!id.matches("study-[0-9a-f]{32}")) {
            throw Studies.notFound(id);
        }
        return id;
    }

    private static int rows(ServerRequest req) {
        String v = req.query().contains("rows") ? req.query().get("rows") : "";
        if (!v.matches("[0-9]{1,7}") || Integer.parseInt(v) < 1) {
            throw bad("?rows=N (the rows the upload holds, >= 1) is required");
        }
        return Integer.parseInt(v);
    }

    private static List<String> features(JsonNode b) {
        JsonNode n = b.get("features");
        if (n == null || !n.isArray()) {
            throw bad("features (array of names) is required");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : n) {
            if (!x.isTextual()) {
                throw bad("features are names (strings)");
            }
            out.add(x.asText());
        }
        return out;
    }

    /** [mean, std] from {"standardization": {"mean": [..], "std": [..]}}, or [null, null]. */
    private static double[][] standardization(JsonNode b) {
        JsonNode st = b.get("standardization");
        if (st == null || st.isNull()) {
            return new double[2][];
        }
        if (!st.isObject()) {
            throw bad("standardization is {\"mean\": [..], \"std\": [..]} or null");
        }
        return new double[][] {numbers(st.get("mean"), "standardization.mean"),
                numbers(st.get("std"), "standardization.std")};
    }

    private static double[] numbers(JsonNode a, String field) {
        if (a == null || !a.isArray()) {
            throw bad(field + " (array of numbers) is required");
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) {
                throw bad(field + " holds numbers only");
            }
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
