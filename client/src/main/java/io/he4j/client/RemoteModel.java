package io.he4j.client;

import io.he4j.ml.he.ModelClient;
import io.he4j.ml.model.OutputLink;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.KeySetId;
import io.he4j.protocol.MessageKind;
import io.he4j.protocol.ModelManifest;
import io.he4j.protocol.RecordUploads;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One deployed model seen from the client: it generates and keeps the keys ({@link ModelClient}), registers a
 * key set once when the protocol needs one, encrypts, sends, and decrypts. Only ciphertexts and public keys
 * leave it. Not thread-safe: use one per thread (they may share the {@link He4jClient}).
 */
public final class RemoteModel implements AutoCloseable {
    static final String KEY_SET_HEADER = "He4j-Key-Set";
    static final String VERSION_HEADER = "He4j-Model-Version";
    private final He4jClient service;
    private final ModelClient client;
    private final OutputLink link;
    private String keySetId;
    private String batchKeySetId;
    private int lastQueryBytes;
    private int lastReplyBytes;
    private boolean safeDecryption = true;

    RemoteModel(He4jClient service, ModelManifest manifest) {
        this(service, ModelClient.create(manifest));
    }

    RemoteModel(He4jClient service, ModelClient client) {
        this.service = service;
        this.client = client;
        ModelManifest manifest = client.manifest();
        this.link = OutputLink.valueOf(manifest.outputLink().toUpperCase(Locale.ROOT));
    }

    /**
     * This model's secret keys, to keep in a file of the client's own (owner-only permissions) so that records
     * stored now can be decrypted later ({@link He4jClient#model(String, byte[])}). Never send them anywhere.
     */
    public byte[] exportKeys() {
        return client.exportKeys();
    }

    public ModelManifest manifest() {
        return client.manifest();
    }

    /** One patient: raw features in manifest order (NaN = missing, imputed as the manifest says). */
    public Prediction predict(double[] features) {
        byte[] query = client.encryptQuery(features);
        byte[] reply = post("/v1/models/" + manifest().modelId() + "/predict", query, false);
        lastQueryBytes = query.length;
        lastReplyBytes = reply.length;
        double[] exact = client.decryptScores(reply);
        return prediction(safeDecryption ? client.releaseScores(reply) : exact, exact);
    }

    /**
     * Weakens what predictions may be shown to: scores and probabilities as decrypted, without safe decryption's
     * flooding and rounding ({@link ModelClient#releaseScores}). Only for results that never leave this
     * process: decrypted CKKS values shared with the provider or others can leak the secret key (IND-CPA-D).
     */
    public RemoteModel withoutSafeDecryption() {
        safeDecryption = false;
        return this;
    }

    /** Many patients, feature-major, in requests of up to the batch capacity each. */
    public List<Prediction> predictBatch(double[][] rows) {
        List<Prediction> out = new ArrayList<>(rows.length);
        int cap = client.batchCapacity();
        for (int start = 0; start < rows.length; start += cap) {
            double[][] chunk = Arrays.copyOfRange(rows, start, Math.min(rows.length, start + cap));
            byte[] query = new Envelope(MessageKind.BATCH_QUERY, client.encryptBatch(chunk)).toBytes();
            byte[] reply = post("/v1/models/" + manifest().modelId() + "/predict-batch", query, true);
            lastQueryBytes = query.length;
            lastReplyBytes = reply.length;
            List<byte[]> scores = Envelope.fromBytes(reply).partsOf(MessageKind.BATCH_REPLY);
            double[][] exact = client.decryptBatch(scores, chunk.length);
            double[][] shown = safeDecryption ? client.releaseBatch(exact) : exact;
            for (int i = 0; i < exact.length; i++) {
                out.add(prediction(shown[i], exact[i]));
            }
        }
        return out;
    }

    /**
     * Stores one patient's encrypted features on the service as record {@code recordId} (1-128 letters, digits,
     * '.', '_', ':' or '-'), to be scored later by {@link #score}. Idempotent: the same id and bytes again is a
     * no-op; other bytes under the same id are refused (409 {@code record-conflict}) unless {@code replace}.
     * Note: a ciphertext is fresh randomness each time, so re-encrypting the same features is "other bytes".
     *
     * @param patient a pseudonym for erasure of all of a patient's records, or "" for none
     * @return the service's outcome: {@code created}, {@code unchanged} or {@code replaced}
     */
    public String uploadRecord(String recordId, double[] features, String patient, boolean replace) {
        return putRecord(recordId, client.encryptQuery(features), false, 1, patient, replace);
    }

    /** Up to {@link #batchCapacity()} patients as one feature-major record (scored in one batch evaluation). */
    public String uploadBatchRecord(String recordId, double[][] rows, String patient, boolean replace) {
        if (rows.length < 1 || rows.length > client.batchCapacity()) {
            throw new IllegalArgumentException("a batch record holds 1.." + client.batchCapacity() + " rows, got "
                    + rows.length);
        }
        byte[] envelope = new Envelope(MessageKind.BATCH_QUERY, client.encryptBatch(rows)).toBytes();
        return putRecord(recordId, envelope, true, rows.length, patient, replace);
    }

    /**
     * Many single-patient records in one request, stored by the service in one transaction (one durable commit):
     * record {@code recordIds[i]} holds {@code rows[i]}, encrypted here. Outcomes by record id, in order
     * ("created", "unchanged", "replaced", or "conflict": that record was left as it was, the others stored).
     */
    public java.util.Map<String, String> uploadRecords(List<String> recordIds, double[][] rows, boolean replace) {
        if (recordIds.size() != rows.length) {
            throw new IllegalArgumentException(recordIds.size() + " record ids for " + rows.length + " rows");
        }
        List<RecordUploads.Item> items = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            items.add(new RecordUploads.Item(Records.checkId("record id", recordIds.get(i)), "", false, 1,
                    client.encryptQuery(rows[i])));
        }
        byte[] body = RecordUploads.encode(items);
        String path = "/v1/records?model=" + manifest().modelId() + (replace ? "&replace=true" : "");
        Optional<String> keys = keySet(false);
        byte[] reply = keys.isEmpty()
                ? service.send(service.postBytes(path, body, VERSION_HEADER, manifest().version()))
                : service.send(service.postBytes(path, body, VERSION_HEADER, manifest().version(),
                KEY_SET_HEADER, keys.get()));
        return Records.outcomes(reply);
    }

    /** Patients per batch record. */
    public int batchCapacity() {
        return client.batchCapacity();
    }

    private String putRecord(String recordId, byte[] body, boolean batch, int rows, String patient, boolean replace) {
        Records.checkId("record id", recordId);
        StringBuilder path = new StringBuilder("/v1/records/").append(recordId).append("?model=")
                .append(manifest().modelId()).append("&layout=").append(batch ? "batch&rows=" + rows : "single");
        if (!patient.isEmpty()) {
            path.append("&patient=").append(Records.checkId("patient", patient));
        }
        if (replace) {
            path.append("&replace=true");
        }
        Optional<String> keys = keySet(batch);
        byte[] reply = keys.isEmpty()
                ? service.send(service.putBytes(path.toString(), body, VERSION_HEADER, manifest().version()))
                : service.send(service.putBytes(path.toString(), body, VERSION_HEADER, manifest().version(),
                KEY_SET_HEADER, keys.get()));
        lastQueryBytes = body.length;
        return Records.field(reply, "outcome");
    }

    /** Starts scoring every record of this model the tenant has stored. */
    public ScoringJob score() {
        return Records.job(service.send(service.postJson("/v1/jobs", "{\"model\":\"" + manifest().modelId()
                + "\"}")));
    }

    /** The tenant's newest job for this model, if any. */
    public Optional<ScoringJob> latestJob() {
        return Records.jobs(service.send(service.get("/v1/jobs?limit=1&model=" + manifest().modelId())))
                .stream().findFirst();
    }

    /** The job's progress. */
    public ScoringJob job(String jobId) {
        return Records.job(service.send(service.get("/v1/jobs/" + Records.checkId("job id", jobId))));
    }

    /** Cancels the job (records already scored keep their results). */
    public ScoringJob cancel(String jobId) {
        return Records.job(service.send(service.delete("/v1/jobs/" + Records.checkId("job id", jobId))));
    }

    /** Polls until the job is done or cancelled, reporting progress after each poll. */
    public ScoringJob await(String jobId, java.time.Duration poll, java.util.function.Consumer<ScoringJob> progress) {
        while (true) {
            ScoringJob j = job(jobId);
            progress.accept(j);
            if (j.finished()) {
                return j;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + jobId, e);
            }
        }
    }

    /**
     * The job's results, decrypted with this model's keys (those the records were encrypted under), in record-id
     * order; fetched a page at a time.
     */
    public List<RecordResult> results(String jobId) {
        List<RecordResult> out = new ArrayList<>();
        String after = "";
        do {
            String path = "/v1/jobs/" + Records.checkId("job id", jobId) + "/results?limit=100"
                    + (after.isEmpty() ? "" : "&after=" + after);
            Records.Page page = Records.results(service.send(service.get(path)));
            for (Records.Encrypted e : page.results()) {
                out.add(decrypt(e));
            }
            after = page.next();
        } while (!after.isEmpty());
        return out;
    }

    private RecordResult decrypt(Records.Encrypted e) {
        if (e.scores() == null) {
            return new RecordResult(e.recordId(), List.of(), Optional.of(e.error()));
        }
        if (e.layout().equals("batch")) {
            List<byte[]> parts = Envelope.fromBytes(e.scores()).partsOf(MessageKind.BATCH_REPLY);
            double[][] exact = client.decryptBatch(parts, e.rows());
            double[][] shown = safeDecryption ? client.releaseBatch(exact) : exact;
            List<Prediction> ps = new ArrayList<>(e.rows());
            for (int i = 0; i < exact.length; i++) {
                ps.add(prediction(shown[i], exact[i]));
            }
            return new RecordResult(e.recordId(), ps, Optional.empty());
        }
        double[] exact = client.decryptScores(e.scores());
        return new RecordResult(e.recordId(), List.of(prediction(safeDecryption ? client.releaseScores(e.scores())
                : exact, exact)), Optional.empty());
    }

    /** Bytes of the last request's body and of its answer. */
    public int lastQueryBytes() {
        return lastQueryBytes;
    }

    public int lastReplyBytes() {
        return lastReplyBytes;
    }

    /** The id of the key set registered for single queries, if the protocol needed one. */
    public Optional<String> keySetId() {
        return Optional.ofNullable(keySetId);
    }

    /**
     * Posts a query naming the manifest's version (so a redeploy does not break the scales this client encrypts
     * at) and, when the protocol needs keys, the registered key set.
     */
    private byte[] post(String path, byte[] body, boolean batch) {
        String version = manifest().version();
        Optional<String> keys = keySet(batch);
        if (keys.isEmpty()) {
            return service.send(service.postBytes(path, body, VERSION_HEADER, version));
        }
        try {
            return service.send(service.postBytes(path, body, VERSION_HEADER, version, KEY_SET_HEADER, keys.get()));
        } catch (He4jServiceException e) {
            if (e.status() != 404 || !e.code().equals("key-set-not-found")) {
                throw e;
            }
            // evicted by age or deleted: register again (same content, same id) and repeat once
            forget(batch);
            return service.send(service.postBytes(path, body, VERSION_HEADER, version, KEY_SET_HEADER,
                    keySet(batch).orElseThrow()));
        }
    }

    private void forget(boolean batch) {
        if (batch) {
            batchKeySetId = null;
        } else {
            keySetId = null;
        }
    }

    /** Registers the key set the query form needs, once; empty when it needs none. */
    private Optional<String> keySet(boolean batch) {
        String known = batch ? batchKeySetId : keySetId;
        if (known != null) {
            return Optional.of(known);
        }
        Optional<byte[]> material = batch ? client.batchKeySet() : client.keySet();
        if (material.isEmpty()) {
            return Optional.empty();
        }
        service.send(service.postBytes("/v1/keysets", material.get()));
        String id = KeySetId.of(material.get());
        if (batch) {
            batchKeySetId = id;
        } else {
            keySetId = id;
        }
        return Optional.of(id);
    }

    /**
     * @param scores the scores to show (released: flooded and rounded, unless safe decryption is off)
     * @param exact  the decrypted scores the label is taken from (a label moves only when a score is within
     *               the release precision of a decision boundary, and then it should follow the exact score)
     */
    private Prediction prediction(double[] scores, double[] exact) {
        if (link == OutputLink.IDENTITY) {
            return new Prediction(scores, new double[0], -1, Optional.empty(), exact, new double[0]);
        }
        int label = link.label(exact);
        List<String> classes = manifest().classNames();
        return new Prediction(scores, link.probabilities(scores), label,
                Optional.of(label < classes.size() ? classes.get(label) : String.valueOf(label)), exact,
                link.probabilities(exact));
    }

    @Override
    public void close() {
        client.close();
    }
}
