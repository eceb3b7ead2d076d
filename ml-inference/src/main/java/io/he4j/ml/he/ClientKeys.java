package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Decryptor;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.EvaluationKeys;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.SecretKey;
import io.he4j.ckks.SymmetricEncryptor;
import io.he4j.ml.MlException;

import java.util.ArrayList;
import java.util.List;

/**
 * The client's side: the only holder of the secret key. Encrypts with the seeded symmetric encryptor
 * (half-size uploads) and makes the evaluation keys the server needs.
 */
final class ClientKeys implements AutoCloseable {
    final CkksContext context;
    final SecretKey secretKey;
    final Encoder encoder;
    final SymmetricEncryptor encryptor;
    final Decryptor decryptor;

    ClientKeys(CkksContext context) {
        this.context = context;
        this.secretKey = new KeyGenerator(context).secretKey();
        this.encoder = new Encoder(context);
        this.encryptor = new SymmetricEncryptor(context, secretKey);
        this.decryptor = new Decryptor(context, secretKey);
    }

    EvaluationKeys evaluationKeys(int... rotationSteps) {
        return new KeyGenerator(context).evaluationKeys(secretKey, rotationSteps);
    }

    /**
     * Feature-major packing for batch protocols: one ciphertext per feature at {@code level}, whose slot i holds
     * row i's value; 1..slotCount rows of exactly {@code features} values each.
     */
    List<byte[]> encryptColumns(double[][] rows, int features, int level) {
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
                encoder.encode(column, context.defaultScale(), level, pt);
                out.add(encryptor.encrypt(pt, ct).toBytes());
            }
        }
        return out;
    }

    @Override
    public void close() {
        secretKey.close();
    }
}
