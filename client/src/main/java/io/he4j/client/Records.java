package io.he4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** The JSON of the records and jobs routes, read on the client side (docs/server.md, "Records and jobs"). */
final class Records {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Records() {
    }

    /** One encrypted result: the scores' bytes (a reply ciphertext, or a BATCH_REPLY envelope), or an error. */
    record Encrypted(String recordId, String layout, int rows, byte[] scores, String error) {
    }

    /** A page of results; {@code next} is "" after the last page. */
    record Page(List<Encrypted> results, String next) {
    }

    static String checkId(String what, String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must be 1-128 letters, digits, '.', '_', ':' or '-': " + id);
        }
        return id;
    }

    static String field(byte[] json, String name) {
        JsonNode n = read(json).get(name);
        return n == null ? "" : n.asText();
    }

    /** The per-record outcomes of a multi-record upload, by record id in request order. */
    static java.util.Map<String, String> outcomes(byte[] json) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        read(json).get("records").forEach(r -> out.put(r.get("id").asText(), r.get("outcome").asText()));
        return out;
    }

    static ScoringJob job(byte[] json) {
        return job(read(json));
    }

    static List<ScoringJob> jobs(byte[] json) {
        List<ScoringJob> out = new ArrayList<>();
        for (JsonNode j : read(json).path("jobs")) {
            out.add(job(j));
        }
        return out;
    }

    private static ScoringJob job(JsonNode o) {
        return new ScoringJob(o.path("id").asText(), o.path("model").asText(), o.path("state").asText(),
                o.path("total").asLong(), o.path("done").asLong(), o.path("failed").asLong(), o.path("pending").asLong());
    }

    static Page results(byte[] json) {
        JsonNode root = read(json);
        List<Encrypted> out = new ArrayList<>();
        for (JsonNode r : root.path("results")) {
            byte[] scores = r.hasNonNull("scores") ? Base64.getDecoder().decode(r.get("scores").asText()) : null;
            out.add(new Encrypted(r.path("record_id").asText(), r.path("layout").asText(), r.path("rows").asInt(),
                    scores, r.path("error").asText("")));
        }
        JsonNode next = root.get("next");
        return new Page(out, next == null || next.isNull() ? "" : next.asText());
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the service answered malformed JSON: " + e.getMessage(), e);
        }
    }
}
