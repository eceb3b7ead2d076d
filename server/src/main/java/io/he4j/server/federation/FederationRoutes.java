package io.he4j.server.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.federated.FederationException;
import io.he4j.federated.KeyMode;
import io.he4j.federated.UpdateLayout;
import io.he4j.server.ServerConfig;
import io.he4j.server.http.ApiException;
import io.he4j.server.http.Endpoints;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

import static io.he4j.server.http.JsonFields.bad;
import static io.he4j.server.http.JsonFields.base64;
import static io.he4j.server.http.JsonFields.integer;
import static io.he4j.server.http.JsonFields.number;
import static io.he4j.server.http.JsonFields.optionalText;
import static io.he4j.server.http.JsonFields.text;

/**
 * {@code /v1/federations}: create a federation, list the tenant's, join one, read its state and current round, upload sealed
 * updates and decryption shares, fetch a round's encrypted aggregate and (threshold mode) its decrypted
 * average. Only the owner and the members see a federation; anyone else gets 404. Binary bodies are
 * {@code application/octet-stream}: sealed {@code UpdateEnvelope}s up, {@code Chunks} down.
 */
public final class FederationRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/v1/federations";
    /** The list shows the newest this many (a tenant takes part in few federations). */
    static final int LIST_LIMIT = 100;

    private final Endpoints ep;
    private final Federations federations;
    private final ServerConfig config;

    public FederationRoutes(Endpoints ep, Federations federations, ServerConfig config) {
        this.ep = ep;
        this.federations = federations;
        this.config = config;
    }

    public void register(HttpRouting.Builder r) {
        r.post(BASE, ep.tenant(BASE, (req, res, t) -> {
            JsonNode b = json(req, BASE);
            Federation f = federations.create(t, new Federations.Settings(text(b, "name"),
                    mode(b), integer(b, "institutions"), integer(b, "parameters"), number(b, "bound"),
                    integer(b, "rounds"), Math.round(number(b, "round_timeout_seconds") * 1000)));
            res.header(HeaderNames.LOCATION, BASE + "/" + f.id());
            ep.replyJson(res, BASE, 201, view(f).toString());
        }));
        r.get(BASE, ep.tenant(BASE, (req, res, t) -> {
            ObjectNode o = JSON.createObjectNode();
            ArrayNode list = o.putArray("federations");
            federations.list(t, LIST_LIMIT).forEach(f -> list.add(view(f)));
            ep.replyJson(res, BASE, 200, o.toString());
        }));
        String one = BASE + "/{id}";
        r.get(one, ep.tenant(one, (req, res, t) ->
                ep.replyJson(res, one, 200, view(federations.get(t, id(req))).toString())));
        String members = one + "/members";
        r.post(members, ep.tenant(members, (req, res, t) -> {
            // the body carries key material (threshold: UpdateLayout.KEY_GROUP public-key shares, ~0.8 MB)
            JsonNode b = json(req, members, config.maxKeySetBytes());
            JsonNode share = b.get("public_key_share");
            Federations.Joined j = federations.join(t, id(req), text(b, "name"), integer(b, "rows"),
                    share == null || share.isNull() ? null : base64(share, "public_key_share"),
                    base64(b.get("signing_key"), "signing_key"), optionalText(b, "invitation"));
            ObjectNode o = JSON.createObjectNode();
            o.put("member", j.member());
            ep.replyJson(res, members, 201, o.toString());
        }));
        String invitations = one + "/invitations";
        r.post(invitations, ep.tenant(invitations, (req, res, t) -> {
            ObjectNode o = JSON.createObjectNode();
            o.put("invitation", federations.invite(t, id(req)));
            ep.replyJson(res, invitations, 201, o.toString());
        }));
        String key = one + "/collective-key";
        r.get(key, ep.tenant(key, (req, res, t) -> ep.reply(res, key, 200, "application/octet-stream",
                federations.collectiveKey(t, id(req)))));
        String current = one + "/round";
        r.get(current, ep.tenant(current, (req, res, t) -> {
            Federation f = federations.get(t, id(req));
            ObjectNode o = JSON.createObjectNode();
            o.put("round", f.currentRound());
            o.put("status", f.status());
            o.put("phase", f.phase());
            if (f.deadlineAt() > 0) {
                o.put("deadline", Instant.ofEpochMilli(f.deadlineAt()).toString());
            }
            o.put("failure", f.failure());
            ep.replyJson(res, current, 200, o.toString());
        }));
        String updates = one + "/rounds/{round}/updates";
        r.post(updates, ep.tenant(updates, (req, res, t) -> {
            federations.uploadUpdate(t, id(req), round(req), ep.body(req, updates, config.maxKeySetBytes(),
                    "update-too-large"));
            ep.noContent(res);
        }));
        String shares = one + "/rounds/{round}/decryption-shares";
        r.post(shares, ep.tenant(shares, (req, res, t) -> {
            federations.uploadShares(t, id(req), round(req), ep.body(req, shares, config.maxKeySetBytes(),
                    "update-too-large"));
            ep.noContent(res);
        }));
        String aggregate = one + "/rounds/{round}/aggregate";
        r.get(aggregate, ep.tenant(aggregate, (req, res, t) -> ep.reply(res, aggregate, 200,
                "application/octet-stream", federations.aggregate(t, id(req), round(req)))));
        String result = one + "/rounds/{round}/result";
        r.get(result, ep.tenant(result, (req, res, t) -> {
            int round = round(req);
            double[] values = federations.result(t, id(req), round);
            ObjectNode o = JSON.createObjectNode();
            o.put("round", round);
            ArrayNode v = o.putArray("values");
            for (double x : values) {
                v.add(x);
            }
            ep.replyJson(res, result, 200, o.toString());
        }));
    }

    private ObjectNode view(Federation f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", f.id());
        o.put("name", f.name());
        o.put("key_mode", f.keyMode().label());
        o.put("institutions", f.institutions());
        o.put("parameters", f.parameters());
        o.put("bound", f.bound());
        o.put("rounds", f.rounds());
        o.put("round_timeout_seconds", f.roundTimeoutMs() / 1000.0);
        o.put("common_seed", Base64.getEncoder().encodeToString(f.commonSeed()));
        UpdateLayout layout = f.layout();
        o.put("scale", layout.scale());
        o.put("smudging_bits", layout.smudgingBits());
        o.put("status", f.status());
        o.put("round", f.currentRound());
        o.put("phase", f.phase());
        o.put("failure", f.failure());
        ArrayNode m = o.putArray("members");
        long rows = 0;
        for (FederationStore.Member x : federations.members(f.id())) {
            ObjectNode e = m.addObject();
            e.put("member", x.no());
            e.put("name", x.name());
            e.put("rows", x.rows());
            rows += x.rows();
        }
        o.put("total_rows", rows);
        return o;
    }

    private JsonNode json(ServerRequest req, String route) {
        return json(req, route, config.maxBodyBytes());
    }

    private JsonNode json(ServerRequest req, String route, long maxBytes) {
        byte[] body = ep.body(req, route, maxBytes, "body-too-large");
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw bad("the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new ApiException(400, "bad-json", "Malformed JSON", "the body is not valid JSON");
        }
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static int round(ServerRequest req) {
        String s = req.path().pathParameters().get("round");
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw bad("round must be an integer, got '" + (s.length() > 20 ? s.substring(0, 20) + "..." : s) + "'");
        }
    }

    private static KeyMode mode(JsonNode b) {
        JsonNode m = b.get("key_mode");
        if (m == null || m.isNull()) {
            return KeyMode.THRESHOLD;
        }
        try {
            return KeyMode.parse(m.asText());
        } catch (FederationException e) {
            throw bad(e.getMessage());
        }
    }
}
