package io.he4j.ml.he;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Decryptor;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.EvaluationKeys;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.SecretKey;
import io.he4j.ckks.SymmetricEncryptor;

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

    @Override
    public void close() {
        secretKey.close();
    }
}
