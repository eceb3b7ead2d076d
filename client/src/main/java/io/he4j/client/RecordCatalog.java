package io.he4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the tenant holds on the service across models: its stored records (listed a page at a time, erased one
 * by one) and its scoring jobs. Uploading, scoring and decrypting are per model, on {@link RemoteModel}; this
 * needs no keys. Thread-safe.
 */
public final class RecordCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final He4jClient client;

    public RecordCatalog(He4jClient client) {
        this.client = client;
    }

    /** A page of records in record-id order; {@code next} is the cursor for the following page. */
    public record Page(List<StoredRecord> records, Optional<String> next) {
        public Page {
            records = List.copyOf(records);
        }
    }

    /**
     * @param model only this model's records, or "" for all
     * @param after the previous page's cursor, or "" for the first page
     * @param limit records per page, 1..1000
     */
    public Page records(String model, String after, int limit) {
        StringBuilder path = new StringBuilder("/v1/records?limit=").append(limit);
        if (!model.isEmpty()) {
            path.append("&model=").append(URLEncoder.encode(model, StandardCharsets.UTF_8));
        }
        if (!after.isEmpty()) {
            path.append("&after=").append(Records.checkId("cursor", after));
        }
        JsonNode root = json(client.send(client.get(path.toString())));
        List<StoredRecord> out = new ArrayList<>();
        for (JsonNode r : root.path("records")) {
            out.add(new StoredRecord(r.path("id").asText(), r.path("patient").asText(), r.path("model").asText(),
                    r.path("model_version").asText(), r.path("layout").asText(), r.path("rows").asInt(),
                    r.path("key_set").asText(), r.path("size_bytes").asLong(),
                    Instant.parse(r.path("created_at").asText()), Instant.parse(r.path("updated_at").asText())));
        }
        JsonNode next = root.get("next");
        return new Page(out, next == null || next.isNull() ? Optional.empty() : Optional.of(next.asText()));
    }

    /** Erases the record and every score computed from it; false when there was no such record. */
    public boolean delete(String recordId) {
        try {
            client.send(client.delete("/v1/records/" + Records.checkId("record id", recordId)));
            return true;
        } catch (He4jServiceException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The tenant's newest scoring jobs, newest first.
     *
     * @param model only this model's jobs, or "" for all
     */
    public List<ScoringJob> jobs(String model, int limit) {
        String path = "/v1/jobs?limit=" + limit + (model.isEmpty() ? ""
                : "&model=" + URLEncoder.encode(model, StandardCharsets.UTF_8));
        return Records.jobs(client.send(client.get(path)));
    }

    /** One job's progress, whatever its model. */
    public ScoringJob job(String jobId) {
        return Records.job(client.send(client.get("/v1/jobs/" + Records.checkId("job id", jobId))));
    }

    /** Cancels the job (records already scored keep their results). */
    public ScoringJob cancel(String jobId) {
        return Records.job(client.send(client.delete("/v1/jobs/" + Records.checkId("job id", jobId))));
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the service answered malformed JSON", e);
        }
    }
}
