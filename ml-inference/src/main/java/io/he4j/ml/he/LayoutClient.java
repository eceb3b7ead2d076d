package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CompactReply;
import io.he4j.ckks.ObjectHeader;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.SafeDecryption;
import io.he4j.ml.MlException;
import io.he4j.protocol.ProtocolException;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;

import java.util.Arrays;
import java.util.List;

/**
 * The client's half of one query form: lays out, encodes and encrypts queries as the {@link QueryLayout}
 * says, and decrypts replies. Holds the secret key (in {@link ClientKeys}); not thread-safe.
 */
final class LayoutClient implements AutoCloseable {
    private final QueryLayout layout;
    private final ClientKeys keys;
    /** Estimated noise of a slot-encoded score (the plans aim at errors near 1e-4). */
    static final double SLOT_NOISE = 1e-4;
    private byte[] keySet;
    /** The last query's plaintext and ciphertext, reused (this class is single-threaded); null before one. */
    private Plaintext queryPlain;
    private Ciphertext queryCipher;

    LayoutClient(QueryLayout layout) {
        this(layout, null);
    }

    /** With the secret key saved by {@link #exportSecretKey} (null: a new one). */
    LayoutClient(QueryLayout layout, byte[] savedSecretKey) {
        this.layout = layout;
        this.keys = new ClientKeys(layout.preset(), savedSecretKey);
        if (keys.context.parameterId() != layout.parameterId() || keys.context.securityBits() < 128) {
            long id = keys.context.parameterId();
            keys.close();
            throw new ProtocolException("the model runs under " + layout.preset() + " with parameter id "
                    + Long.toHexString(layout.parameterId()) + "; this engine's " + layout.preset() + " has id "
                    + Long.toHexString(id));
        }
    }

    byte[] exportSecretKey() {
        return keys.exportSecretKey();
    }

    QueryLayout layout() {
        return layout;
    }

    /** The serialized public context to register (made once): the public material the layout needs. */
    byte[] keySet() {
        if (keySet == null) {
            keySet = keys.keySet(layout.keys());
        }
        return keySet.clone();
    }

    /** One patient's raw (imputed) features to the query ciphertext's bytes. */
    byte[] encrypt(double[] features) {
        if (features.length != layout.inputs()) {
            throw new MlException("the model expects " + layout.inputs() + " features, got " + features.length);
        }
        int slots = keys.context.slotCount();
        if (queryPlain == null) {
            queryPlain = new Plaintext(keys.context);
            queryCipher = new Ciphertext(keys.context);
        }
        // Encoded and encrypted into the same two native objects every time: a fresh pair per query cost two
        // native allocations and frees of 64 and 128 KB at N = 4096 (fresh pages, faulted in on every query).
        switch (layout.kind()) {
            case COEFFICIENT, QUADRATIC_FORM, QUARTIC_FORM -> keys.encoder.encodeCoefficients(
                    PolynomialForm.features(features, layout.kind().monomialDegree()), layout.inputScale(),
                    layout.level(), queryPlain);
            case SLOT, FOLDED_OUTPUT -> keys.encoder.encode(slotLayout(features, layout.period(), slots),
                    layout.inputScale(), layout.level(), queryPlain);
            default -> throw new MlException(layout.kind() + " is not a single-query kind");
        }
        return keys.encryptor.encrypt(queryPlain, queryCipher).toBytes();
    }

    /** The slot vector for period D: client-rotated when D^2 fits the slots, else replicated. */
    private static double[] slotLayout(double[] x, int dim, int slots) {
        return RotatedInputLayer.fits(dim, slots) ? RotatedInputLayer.clientLayout(x, dim, slots)
                : DiagonalPlan.replicate(x, dim, slots);
    }

    /**
     * The scores in a single-query reply: a compact reply per product (coefficient kinds; several when the
     * classes take several products, {@link CoefficientPacking}) or one full ciphertext.
     */
    double[] decrypt(List<byte[]> reply) {
        int[] positions = layout.scorePositions();
        int n = keys.context.polyDegree();
        boolean coefficients = layout.kind().encoding() == ProtocolKind.Encoding.COEFFICIENTS;
        int products = coefficients ? CoefficientPacking.products(positions, n) : 1;
        if (reply.size() != products) {
            throw new MlException("the reply has " + reply.size() + " ciphertexts, the manifest's scores are in "
                    + products);
        }
        double[] scores = new double[positions.length];
        int at = 0;
        for (int g = 0; g < products; g++) {
            int[] expected = coefficients ? CoefficientPacking.positionsIn(positions, g, n) : positions;
            double[] values = decrypt(reply.get(g), expected);
            System.arraycopy(values, 0, scores, at, values.length);
            at += values.length;
        }
        return scores;
    }

    /** The values at {@code positions} of one reply ciphertext (compact or full). */
    private double[] decrypt(byte[] reply, int[] positions) {
        if (ObjectHeader.read(reply, "reply").kind() == CompactReply.KIND) {
            if (!Arrays.equals(CompactReply.positions(keys.context, reply), positions)) {
                throw new MlException("the reply holds coefficients " + Arrays.toString(CompactReply.positions(
                        keys.context, reply)) + ", the manifest's scores are at " + Arrays.toString(positions));
            }
            return keys.decryptor.decryptCompactReply(reply);
        }
        try (Ciphertext ct = Ciphertext.fromBytes(keys.context, reply);
             Plaintext pt = keys.decryptor.decrypt(ct)) {
            int last = 0;
            for (int p : positions) {
                last = Math.max(last, p);
            }
            double[] values = layout.kind().encoding() == ProtocolKind.Encoding.COEFFICIENTS
                    ? keys.encoder.decodeCoefficients(pt, new double[last + 1])
                    : keys.encoder.decode(pt, new double[last + 1]);
            double[] scores = new double[positions.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = values[positions[i]];
            }
            return scores;
        }
    }

    /**
     * Bound on the key-dependent noise of a decrypted score, decoded units, before a compact reply's rounding:
     * coefficient kinds are planned with 2^30 between it and the flood's error ({@link CoefficientScales});
     * slot kinds with the plan's error target (an estimate: their noise has no worst-case bound here).
     */
    double noiseBound() {
        return layout.kind().encoding() == ProtocolKind.Encoding.COEFFICIENTS
                ? Math.scalb(CoefficientScales.TARGET_ERROR, -Flooding.STATISTICAL_BITS) : SLOT_NOISE;
    }

    /**
     * The noise bound of a single reply's decrypted scores: {@link #noiseBound()}, plus a compact reply's
     * rounding (the largest of its ciphertexts').
     */
    double releaseNoise(List<byte[]> reply) {
        double rounding = 0;
        for (byte[] part : reply) {
            if (ObjectHeader.read(part, "reply").kind() == CompactReply.KIND) {
                rounding = Math.max(rounding, CompactReply.roundingBound(keys.context, part));
            }
        }
        return noiseBound() + rounding;
    }

    /** The scores of a single-query reply for release: safe decryption ({@link SafeDecryption}). */
    double[] release(List<byte[]> reply, SafeDecryption safe) {
        return safe.release(decrypt(reply), releaseNoise(reply));
    }

    /** Decrypted batch scores, for release. */
    double[][] releaseBatch(double[][] decrypted, SafeDecryption safe) {
        double[][] s = new double[decrypted.length][];
        for (int i = 0; i < s.length; i++) {
            s[i] = safe.release(decrypted[i], noiseBound());
        }
        return s;
    }

    /** Every slot's real part of a full (slot-encoded) reply: what a curious client sees beyond the scores. */
    double[] decryptAllSlots(byte[] reply) {
        try (Ciphertext ct = Ciphertext.fromBytes(keys.context, reply);
             Plaintext pt = keys.decryptor.decrypt(ct)) {
            return keys.encoder.decode(pt);
        }
    }

    /**
     * The decrypted polynomial of a full ciphertext as integers (scale 1), c0 + c1 s centered mod Q: what a
     * curious client sees below the decoding; exact while |value| < 2^53.
     */
    double[] decryptCoefficients(byte[] ciphertext) {
        try (Ciphertext ct = Ciphertext.fromBytes(keys.context, ciphertext)) {
            ct.setScale(1.0);
            try (Plaintext pt = keys.decryptor.decrypt(ct)) {
                return keys.encoder.decodeCoefficients(pt, new double[keys.context.polyDegree()]);
            }
        }
    }

    /** One ciphertext per feature, or per monomial for a quadratic-form batch (the client expands its rows). */
    List<byte[]> encryptBatch(double[][] rows) {
        double[][] columns = rows;
        if (layout.kind() == ProtocolKind.QUADRATIC_FORM_BATCH) {
            columns = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                if (rows[i].length != layout.inputs()) {
                    throw new MlException("row " + i + " has " + rows[i].length + " features, the model expects "
                            + layout.inputs());
                }
                columns[i] = PolynomialForm.features(rows[i], 2);
            }
        }
        return keys.encryptColumns(columns, PolynomialForm.batchCiphertexts(layout), layout.level(),
                layout.inputScale());
    }

    /** scores[row][k] for the first {@code rows} patients of a batch reply (one ciphertext per score). */
    double[][] decryptBatch(List<byte[]> reply, int rows) {
        if (reply.size() != layout.outputs()) {
            throw new MlException("expected " + layout.outputs() + " score ciphertexts, got " + reply.size());
        }
        if (rows < 1 || rows > layout.capacity()) {
            throw new MlException("a batch holds 1.." + layout.capacity() + " rows, got " + rows);
        }
        double[][] scores = new double[rows][layout.outputs()];
        for (int k = 0; k < layout.outputs(); k++) {
            try (Ciphertext ct = Ciphertext.fromBytes(keys.context, reply.get(k));
                 Plaintext pt = keys.decryptor.decrypt(ct)) {
                double[] v = keys.encoder.decode(pt, new double[rows]);
                for (int i = 0; i < rows; i++) {
                    scores[i][k] = v[i];
                }
            }
        }
        return scores;
    }

    @Override
    public void close() {
        if (queryPlain != null) {
            queryPlain.close();
            queryCipher.close();
        }
        keys.close();
    }
}
