package io.he4j.client;

import io.he4j.ml.he.ModelClient;
import io.he4j.ml.model.OutputLink;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.KeySetId;
import io.he4j.protocol.MessageKind;
import io.he4j.protocol.ModelManifest;

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
        this.service = service;
        this.client = ModelClient.create(manifest);
        this.link = OutputLink.valueOf(manifest.outputLink().toUpperCase(Locale.ROOT));
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
            return new Prediction(scores, new double[0], -1, Optional.empty());
        }
        int label = link.label(exact);
        List<String> classes = manifest().classNames();
        return new Prediction(scores, link.probabilities(scores), label,
                Optional.of(label < classes.size() ? classes.get(label) : String.valueOf(label)));
    }

    @Override
    public void close() {
        client.close();
    }
}
