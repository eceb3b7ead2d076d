package io.he4j.ml.he;

import io.he4j.ml.MlException;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.MessageKind;
import io.he4j.protocol.ModelManifest;

import java.util.List;
import java.util.Optional;

/**
 * The client's side of a deployed model, built from its public {@link ModelManifest} alone: generates and
 * keeps the secret keys (one per query form, made on first use), imputes missing features, encrypts queries,
 * decrypts replies. Nothing it returns for the server contains a secret key: queries are ciphertexts, key sets
 * are public contexts. Not thread-safe: use one per thread, or synchronize.
 */
public final class ModelClient implements AutoCloseable {
    private final ModelManifest manifest;
    private LayoutClient single;
    private LayoutClient batch;

    private ModelClient(ModelManifest manifest) {
        this.manifest = manifest;
    }

    public static ModelClient create(ModelManifest manifest) {
        if (manifest == null) {
            throw new MlException("a manifest is required");
        }
        return new ModelClient(manifest);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    private LayoutClient single() {
        if (single == null) {
            single = new LayoutClient(manifest.single());
        }
        return single;
    }

    private LayoutClient batch() {
        if (batch == null) {
            batch = new LayoutClient(manifest.batch());
        }
        return batch;
    }

    /** The key set single queries need registered (a serialized public context), if any. */
    public Optional<byte[]> keySet() {
        return manifest.single().keys().any() ? Optional.of(single().keySet()) : Optional.empty();
    }

    /** The key set batch queries need registered, if any. */
    public Optional<byte[]> batchKeySet() {
        return manifest.batch().keys().any() ? Optional.of(batch().keySet()) : Optional.empty();
    }

    /** {@code features} with every NaN (missing value) replaced by the model's imputation value. */
    public double[] impute(double[] features) {
        double[] means = manifest.imputation();
        if (features.length != means.length) {
            throw new MlException("the model expects " + means.length + " features, got " + features.length);
        }
        double[] x = features.clone();
        for (int j = 0; j < x.length; j++) {
            if (Double.isNaN(x[j])) {
                x[j] = means[j];
            } else if (Double.isInfinite(x[j])) {
                throw new MlException("feature " + manifest.featureNames().get(j) + " is infinite");
            }
        }
        return x;
    }

    /** One patient's query: the ciphertext's bytes (send them as they are, or wrapped by {@link #envelope}). */
    public byte[] encryptQuery(double[] features) {
        return single().encrypt(impute(features));
    }

    /** The scores (logits, or the regression value) in a reply: the ciphertext's bytes or a REPLY envelope. */
    public double[] decryptScores(byte[] reply) {
        byte[] ct = Envelope.looksLikeEnvelope(reply)
                ? Envelope.fromBytes(reply).partsOf(MessageKind.REPLY).getFirst() : reply;
        return single().decrypt(ct);
    }

    /** Wraps a query ciphertext in the protocol envelope. */
    public static byte[] envelope(byte[] queryCiphertext) {
        return Envelope.of(MessageKind.QUERY, queryCiphertext).toBytes();
    }

    /** Patients per batch query. */
    public int batchCapacity() {
        return manifest.batch().capacity();
    }

    /** Up to {@link #batchCapacity()} patients to one ciphertext per feature (missing values imputed). */
    public List<byte[]> encryptBatch(double[][] rows) {
        double[][] imputed = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            imputed[i] = impute(rows[i]);
        }
        return batch().encryptBatch(imputed);
    }

    /** scores[row][k] for the first {@code rows} patients of a batch reply. */
    public double[][] decryptBatch(List<byte[]> reply, int rows) {
        return batch().decryptBatch(reply, rows);
    }

    @Override
    public void close() {
        if (single != null) {
            single.close();
        }
        if (batch != null) {
            batch.close();
        }
    }
}
