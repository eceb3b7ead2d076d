package io.he4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.federated.Chunks;
import io.he4j.federated.KeyMode;
import io.he4j.federated.UpdateEnvelope;
import io.he4j.federated.UpdateLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The federation endpoints of the service ({@code /v1/federations}) for one tenant: create, join, read the
 * state, fetch the collective key, upload sealed updates and decryption shares, fetch a round's encrypted
 * aggregate and decrypted average. Keys stay with the caller (io.he4j.federated: {@code ThresholdKey},
 * {@code UpdateEnvelope}); this class only moves bytes. Thread-safe.
 */
public final class FederationClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final He4jClient client;

    public FederationClient(He4jClient client) {
        this.client = client;
    }

    /** A federation's state as the service reports it. */
    public record State(String id, KeyMode keyMode, int institutions, int parameters, double bound, int rounds,
                        byte[] commonSeed, double scale, int smudgingBits, String status, int round, String phase,
                        String failure, long totalRows) {
        /** The layout every update of this federation must have. */
        public UpdateLayout layout() {
            return new UpdateLayout(keyMode, parameters, scale, smudgingBits);
        }
    }

    /** A member's number. */
    public record Membership(int member) {
    }

    public State create(String name, KeyMode mode, int institutions, int parameters, double bound, int rounds,
                        Duration roundTimeout) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        o.put("key_mode", mode.label());
        o.put("institutions", institutions);
        o.put("parameters", parameters);
        o.put("bound", bound);
        o.put("rounds", rounds);
        o.put("round_timeout_seconds", roundTimeout.toMillis() / 1000.0);
        return state(json(client.send(client.postJson("/v1/federations", o.toString()))));
    }

    /** The federations this tenant owns or is a member of, newest first (the service lists up to 100). */
    public List<FederationSummary> list() {
        List<FederationSummary> out = new java.util.ArrayList<>();
        for (JsonNode n : json(client.send(client.get("/v1/federations"))).path("federations")) {
            out.add(summary(n));
        }
        return out;
    }

    /** One federation as {@link #list()} describes it (owner and members only; anyone else gets 404). */
    public FederationSummary summary(String id) {
        return summary(json(client.send(client.get(path(id)))));
    }

    public State state(String id) {
        return state(json(client.send(client.get(path(id)))));
    }

    /**
     * Joins; {@code publicKeyShare} in threshold mode, null in shared-key mode; {@code signingKey} the public half
     * of the key pair that will seal this member's envelopes ({@code UpdateEnvelope.newSigningKey()}, keep the
     * private half).
     */
    public Membership join(String id, String name, long rows, byte[] publicKeyShare, java.security.KeyPair signingKey) {
        return join(id, name, rows, publicKeyShare, signingKey, null);
    }

    /** Joins with a one-time {@code invitation} from the federation's owner ({@link #invite}); null for the owner. */
    public Membership join(String id, String name, long rows, byte[] publicKeyShare, java.security.KeyPair signingKey,
                           String invitation) {
        ObjectNode o = JSON.createObjectNode();
        if (invitation != null) {
            o.put("invitation", invitation);
        }
        o.put("name", name);
        o.put("rows", rows);
        o.put("signing_key", Base64.getEncoder().encodeToString(UpdateEnvelope.publicKeyBytes(signingKey)));
        if (publicKeyShare != null) {
            o.put("public_key_share", Base64.getEncoder().encodeToString(publicKeyShare));
        }
        JsonNode r = json(client.send(client.postJson(path(id) + "/members", o.toString())));
        return new Membership(r.get("member").asInt());
    }

    /** The owner's one-time invitation for one more member (pass it to that member out of band). */
    public String invite(String id) {
        return json(client.send(client.postJson(path(id) + "/invitations", "{}"))).get("invitation").asText();
    }

    public byte[] collectiveKey(String id) {
        return client.send(client.get(path(id) + "/collective-key"));
    }

    public void uploadUpdate(String id, int round, byte[] sealedEnvelope) {
        client.send(client.postBytes(path(id) + "/rounds/" + round + "/updates", sealedEnvelope));
    }

    public void uploadDecryptionShares(String id, int round, byte[] sealedEnvelope) {
        client.send(client.postBytes(path(id) + "/rounds/" + round + "/decryption-shares", sealedEnvelope));
    }

    /** The round's encrypted aggregate, one ciphertext per chunk. */
    public List<byte[]> aggregate(String id, int round) {
        return Chunks.decode(client.send(client.get(path(id) + "/rounds/" + round + "/aggregate")));
    }

    /** The round's decrypted weighted average (threshold mode). */
    public double[] result(String id, int round) {
        JsonNode values = json(client.send(client.get(path(id) + "/rounds/" + round + "/result"))).get("values");
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    private static String path(String id) {
        return "/v1/federations/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the service answered malformed JSON", e);
        }
    }

    private static FederationSummary summary(JsonNode n) {
        List<FederationSummary.Member> members = new java.util.ArrayList<>();
        for (JsonNode m : n.path("members")) {
            members.add(new FederationSummary.Member(m.path("member").asInt(), m.path("name").asText(),
                    m.path("rows").asLong()));
        }
        return new FederationSummary(n.path("id").asText(), n.path("name").asText(), n.path("key_mode").asText(),
                n.path("institutions").asInt(), n.path("parameters").asInt(), n.path("rounds").asInt(),
                n.path("status").asText(), n.path("round").asInt(), n.path("phase").asText(),
                n.path("failure").asText(), members);
    }

    private static State state(JsonNode n) {
        return new State(n.get("id").asText(), KeyMode.parse(n.get("key_mode").asText()), n.get("institutions").asInt(),
                n.get("parameters").asInt(), n.get("bound").asDouble(), n.get("rounds").asInt(),
                Base64.getDecoder().decode(n.get("common_seed").asText()), n.get("scale").asDouble(),
                n.get("smudging_bits").asInt(), n.get("status").asText(), n.get("round").asInt(),
                n.get("phase").asText(), n.get("failure").asText(), n.get("total_rows").asLong());
    }
}
