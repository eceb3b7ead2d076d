package io.he4j.ml.he;

import io.he4j.ckks.SafeDecryption;
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
    /** Released scores are rounded to this grid by default (probabilities to 3 decimals, or finer). */
    public static final double DEFAULT_RELEASE_PRECISION = CoefficientScales.RELEASE_PRECISION;

    private final ModelManifest manifest;
    private final SafeDecryption safe;
    private LayoutClient single;
    private LayoutClient batch;

    private ModelClient(ModelManifest manifest, SafeDecryption safe) {
        this.manifest = manifest;
        this.safe = safe;
    }

    public static ModelClient create(ModelManifest manifest) {
        return create(manifest, SafeDecryption.toPrecision(DEFAULT_RELEASE_PRECISION));
    }

    /** A client whose released scores ({@link #releaseScores}) use {@code release}'s precision. */
    public static ModelClient create(ModelManifest manifest, SafeDecryption release) {
        if (manifest == null || release == null) {
            throw new MlException("a manifest and a release precision are required");
        }
        return new ModelClient(manifest, release);
    }

    /**
     * A client with the secret keys {@link #exportKeys} saved, so that what was encrypted earlier (records stored
     * on a service) can be decrypted later. The bytes are read as untrusted: a wrong file is refused.
     */
    public static ModelClient withKeys(ModelManifest manifest, byte[] savedKeys) {
        ModelClient c = create(manifest);
        try {
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(savedKeys));
            if (in.readInt() != KEYS_MAGIC) {
                throw new MlException("not an he4j client key file");
            }
            String model = in.readUTF();
            String version = in.readUTF();
            if (!model.equals(manifest.modelId()) || !version.equals(manifest.version())) {
                throw new MlException("the key file is for model " + model + " version " + version + ", not "
                        + manifest.modelId() + " version " + manifest.version());
            }
            c.single = new LayoutClient(manifest.single(), readKey(in));
            c.batch = new LayoutClient(manifest.batch(), readKey(in));
            return c;
        } catch (java.io.IOException | RuntimeException e) {
            c.close();
            throw e instanceof MlException m ? m : new MlException("unreadable key file: " + e.getMessage());
        }
    }

    private static final int KEYS_MAGIC = 0x48454b31; // "HEK1"

    private static byte[] readKey(java.io.DataInputStream in) throws java.io.IOException {
        int n = in.readInt();
        if (n <= 0 || n > (1 << 28)) {
            throw new MlException("unreadable key file: a key of " + n + " bytes");
        }
        return in.readNBytes(n);
    }

    /**
     * Both query forms' secret keys (made now if not yet), for the client's own key file: store it like a
     * password (owner-only permissions); never send it anywhere.
     */
    public byte[] exportKeys() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(KEYS_MAGIC);
            out.writeUTF(manifest.modelId());
            out.writeUTF(manifest.version());
            for (LayoutClient l : List.of(single(), batch())) {
                byte[] sk = l.exportSecretKey();
                out.writeInt(sk.length);
                out.write(sk);
                java.util.Arrays.fill(sk, (byte) 0);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public ModelManifest manifest() {
        return manifest;
    }

    LayoutClient single() {
        if (single == null) {
            single = new LayoutClient(manifest.single());
        }
        return single;
    }

    LayoutClient batch() {
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
        return single().decrypt(replyParts(reply));
    }

    /** The scores in a reply given as its ciphertexts ({@link ServerReply#parts()}). */
    public double[] decryptScores(List<byte[]> replyParts) {
        return single().decrypt(replyParts);
    }

    /** The reply ciphertexts of a single query: a REPLY envelope's parts, or the one bare ciphertext. */
    private static List<byte[]> replyParts(byte[] reply) {
        return Envelope.looksLikeEnvelope(reply) ? Envelope.fromBytes(reply).partsOf(MessageKind.REPLY)
                : List.of(reply);
    }

    /**
     * The scores of a reply, for release: use this for anything that leaves the client (a prediction
     * reported to the provider, a shared dashboard). Safe decryption ({@link SafeDecryption}, IND-CPA-D):
     * flooded with noise sized from the reply's noise bound and rounded to {@link #releasePrecision()}, so they
     * differ from {@link #decryptScores} by at most that precision.
     */
    public double[] releaseScores(byte[] reply) {
        return single().release(replyParts(reply), safe);
    }

    /** The batch counterpart of {@link #releaseScores}, from scores {@link #decryptBatch} returned. */
    public double[][] releaseBatch(double[][] decrypted) {
        return batch().releaseBatch(decrypted, safe);
    }

    /** The rounding grid of released scores ({@link #DEFAULT_RELEASE_PRECISION} unless chosen at creation). */
    public double releasePrecision() {
        return safe.precision();
    }

    /**
     * log2 of (flood width / noise bound) that safe decryption of a single reply reaches: 30 when the release
     * precision leaves room for the full flood, fewer for the slot kinds (their noise is larger).
     */
    public double releaseStatisticalBits(byte[] reply) {
        return safe.statisticalBits(single().releaseNoise(replyParts(reply)));
    }

    /** Wraps a query ciphertext in the protocol envelope. */
    public static byte[] envelope(byte[] queryCiphertext) {
        return Envelope.of(MessageKind.QUERY, queryCiphertext).toBytes();
    }

    /** Patients per batch query. */
    public int batchCapacity() {
        return manifest.batch().capacity();
    }

    /**
     * Up to {@link #batchCapacity()} patients to one ciphertext per feature (missing values imputed), or per
     * monomial x_j x_k, x_j for a quadratic-form batch (expanded here: the server never sees the features).
     */
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
