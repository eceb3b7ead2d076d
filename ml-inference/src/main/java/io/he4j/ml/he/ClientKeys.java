package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Decryptor;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.EvaluationKeys;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.PublicContext;
import io.he4j.ckks.PublicKey;
import io.he4j.ckks.SecretKey;
import io.he4j.ckks.SecretKeyAccess;
import io.he4j.ckks.SymmetricEncryptor;
import io.he4j.ml.MlException;
import io.he4j.protocol.KeyRequirements;

import java.util.ArrayList;
import java.util.List;

/**
 * The client's keys under one parameter set: the only holder of the secret key. Encrypts with the seeded
 * symmetric encryptor (half-size uploads) and makes the public material a server may need, as a key set.
 * Not thread-safe (one client, one thread at a time).
 */
final class ClientKeys implements AutoCloseable {
    final CkksContext context;
    final SecretKey secretKey;
    final Encoder encoder;
    final SymmetricEncryptor encryptor;
    final Decryptor decryptor;

    ClientKeys(String preset) {
        this(preset, null);
    }

    /** Keys under {@code preset} with the secret key saved by {@link #exportSecretKey}, or a new one if null. */
    ClientKeys(String preset, byte[] savedSecretKey) {
        this.context = CkksContext.create(preset);
        try {
            this.secretKey = savedSecretKey == null ? new KeyGenerator(context).secretKey()
                    : SecretKey.fromBytes(context, savedSecretKey, SecretKeyAccess.insecureExport());
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        this.encoder = new Encoder(context);
        this.encryptor = new SymmetricEncryptor(context, secretKey);
        this.decryptor = new Decryptor(context, secretKey);
    }

    /** The secret key's bytes, for the client's own key file (never for a server). */
    byte[] exportSecretKey() {
        return secretKey.toBytes(SecretKeyAccess.insecureExport());
    }

    /** The public material {@code needs} asks for, serialized as a {@link PublicContext}: the key set to register. */
    byte[] keySet(KeyRequirements needs) {
        KeyGenerator kg = new KeyGenerator(context);
        try (PublicKey pk = kg.publicKey(secretKey)) {
            if (!needs.relinearization()) {
                try (PublicContext pc = PublicContext.of(context, pk)) {
                    return pc.toBytes();
                }
            }
            try (EvaluationKeys evk = kg.evaluationKeys(secretKey, needs.galoisSteps());
                 PublicContext pc = PublicContext.of(context, pk, evk)) {
                return pc.toBytes();
            }
        }
    }

    /**
     * Feature-major packing for batch protocols: one ciphertext per feature at {@code level} and {@code scale},
     * whose slot i holds row i's value; 1..slotCount rows of exactly {@code features} values each.
     */
    List<byte[]> encryptColumns(double[][] rows, int features, int level, double scale) {
        if (rows.length == 0 || rows.length > context.slotCount()) {
            throw new MlException("a batch holds 1.." + context.slotCount() + " rows, got " + rows.length);
        }
        List<byte[]> out = new ArrayList<>(features);
        double[] column = new double[rows.length];
        try (Plaintext pt = new Plaintext(context); Ciphertext ct = new Ciphertext(context)) {
            for (int j = 0; j < features; j++) {
                for (int i = 0; i < rows.length; i++) {
                    if (rows[i].length != features) {
                        throw new MlException("row " + i + " has " + rows[i].length + " features, the model expects "
                                + features);
                    }
                    column[i] = rows[i][j];
                }
                encoder.encode(column, scale, level, pt);
                out.add(encryptor.encrypt(pt, ct).toBytes());
            }
        }
        return out;
    }

    @Override
    public void close() {
        secretKey.close();
        context.close();
    }
}
