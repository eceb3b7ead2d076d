package io.he4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The research-study endpoints of the service ({@code /v1/studies}) for one tenant: the research authority creates
 * a study, registers its public key ({@link StudyAuthority}), invites institutions and fetches the encrypted
 * aggregates; an institution joins or is invited, then uploads rows encrypted here under the study's public key
 * ({@link StudyEncryptor}). Nothing here can decrypt: only the authority's {@link StudyAuthority} does.
 * Thread-safe.
 */
public final class StudyClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final He4jClient client;

    public StudyClient(He4jClient client) {
        this.client = client;
    }

    /** A study as the service shows it to this tenant (institutions listed to the authority only). */
    public record State(String id, String name, List<String> features, Optional<double[][]> standardization,
                        int minInstitutions, boolean open, boolean closed, boolean keyRegistered, String keySha256,
                        String role,
                        List<String> institutions, List<UploadInfo> uploads) {
    }

    /** One upload's description (never its contents). */
    public record UploadInfo(String institution, String id, int rows, long sizeBytes, String sha256) {
    }

    /**
     * Creates a study; this tenant becomes its research authority.
     *
     * @param standardization {mean[], std[]} per feature (public constants for standardized sums), or null
     */
    public State create(String name, List<String> features, double[][] standardization, int minInstitutions,
                        boolean open) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        ArrayNode f = o.putArray("features");
        features.forEach(f::add);
        if (standardization != null) {
            ObjectNode st = o.putObject("standardization");
            ArrayNode m = st.putArray("mean");
            ArrayNode s = st.putArray("std");
            for (double v : standardization[0]) {
                m.add(v);
            }
            for (double v : standardization[1]) {
                s.add(v);
            }
        }
        o.put("min_institutions", minInstitutions);
        o.put("open", open);
        return state(json(client.send(client.postJson("/v1/studies", o.toString()))));
    }

    public State state(String id) {
        return state(json(client.send(client.get(path(id)))));
    }

    /** Registers the study's public context (authority; once). Returns the key's SHA-256 (hex). */
    public String registerKey(String id, StudyAuthority authority) {
        String sha = json(client.send(client.putBytes(path(id) + "/key", authority.publicContextBytes())))
                .get("key_sha256").asText();
        if (!sha.equals(authority.keySha256())) {
            throw new IllegalStateException("the service registered a key with SHA-256 " + sha + ", not this "
                    + "authority's " + authority.keySha256() + " (the study already has another key?)");
        }
        return sha;
    }

    /** The authority adds an institution by its tenant name. */
    public void invite(String id, String tenantName) {
        ObjectNode o = JSON.createObjectNode();
        o.put("tenant", tenantName);
        client.send(client.postJson(path(id) + "/institutions", o.toString()));
    }

    /** This tenant joins an open study by its id. */
    public void join(String id) {
        client.send(client.postJson(path(id) + "/join", "{}"));
    }

    /** The study's public context as the service holds it (compare its SHA-256 with the authority's). */
    public byte[] publicKey(String id) {
        return client.send(client.get(path(id) + "/key"));
    }

    /**
     * Encrypts {@code rows} here under the study's public key and uploads them as {@code uploadId} (idempotent:
     * the same bytes again are a no-op; encryption is randomized, so re-encrypting is a conflict, 409).
     *
     * @param expectedKeySha256 the key fingerprint the authority published out of band; the upload is refused
     *                          here if the service hands out another key (empty: trust the service)
     * @return "created" or "unchanged"
     */
    public String upload(String id, String uploadId, double[][] rows, Optional<String> expectedKeySha256) {
        byte[] body;
        try (StudyEncryptor enc = StudyEncryptor.of(publicKey(id), expectedKeySha256)) {
            body = enc.encrypt(rows);
        }
        return uploadEncrypted(id, uploadId, rows.length, body);
    }

    /** Uploads rows already encrypted by {@link StudyEncryptor#encrypt}. */
    public String uploadEncrypted(String id, String uploadId, int rows, byte[] body) {
        String p = path(id) + "/uploads/" + URLEncoder.encode(uploadId, StandardCharsets.UTF_8) + "?rows=" + rows;
        return json(client.send(client.putBytes(p, body))).get("outcome").asText();
    }

    /**
     * The authority closes the study: no more uploads; aggregates are computed only after this, so that no two
     * aggregates differ by one institution's upload.
     */
    public void close(String id) {
        client.send(client.postJson(path(id) + "/close", "{}"));
    }

    /** The encrypted aggregates (authority only, once closed); decrypt with {@link StudyAuthority#decrypt}. */
    public EncryptedStudyAggregates aggregate(String id) {
        JsonNode n = json(client.send(client.postJson(path(id) + "/aggregate", "{}")));
        List<String> features = new ArrayList<>();
        n.get("features").forEach(x -> features.add(x.asText()));
        JsonNode st = n.get("standardized_sum");
        return new EncryptedStudyAggregates(n.get("study").asText(), features, n.get("institutions").asInt(),
                n.get("uploads").asInt(), n.get("rows").asLong(), n.get("key_sha256").asText(),
                b64(n.get("count")), list(n.get("sum")), list(n.get("mean")), list(n.get("sum_of_squares")),
                st == null ? Optional.empty() : Optional.of(list(st)));
    }

    private static List<byte[]> list(JsonNode a) {
        List<byte[]> out = new ArrayList<>();
        a.forEach(x -> out.add(b64(x)));
        return out;
    }

    private static byte[] b64(JsonNode n) {
        return Base64.getDecoder().decode(n.asText());
    }

    private static String path(String id) {
        return "/v1/studies/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the service answered malformed JSON", e);
        }
    }

    private static State state(JsonNode n) {
        List<String> features = new ArrayList<>();
        n.get("features").forEach(x -> features.add(x.asText()));
        JsonNode st = n.get("standardization");
        Optional<double[][]> standardization = Optional.empty();
        if (st != null && !st.isNull()) {
            double[][] ms = new double[2][features.size()];
            for (int i = 0; i < features.size(); i++) {
                ms[0][i] = st.get("mean").get(i).asDouble();
                ms[1][i] = st.get("std").get(i).asDouble();
            }
            standardization = Optional.of(ms);
        }
        List<String> institutions = new ArrayList<>();
        JsonNode inst = n.get("institutions");
        if (inst != null) {
            inst.forEach(x -> institutions.add(x.asText()));
        }
        List<UploadInfo> uploads = new ArrayList<>();
        n.get("uploads").forEach(u -> uploads.add(new UploadInfo(u.get("institution").asText(), u.get("id").asText(),
                u.get("rows").asInt(), u.get("size_bytes").asLong(), u.get("sha256").asText())));
        return new State(n.get("id").asText(), n.get("name").asText(), List.copyOf(features), standardization,
                n.get("min_institutions").asInt(), n.get("open").asBoolean(), n.get("closed").asBoolean(),
                n.get("key_registered").asBoolean(),
                n.get("key_sha256").asText(), n.get("role").asText(), List.copyOf(institutions), List.copyOf(uploads));
    }
}
