package io.he4j.bench.jmh;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Decryptor;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Encryptor;
import io.he4j.ckks.EvaluationKeys;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.GaloisKeys;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.PublicKey;
import io.he4j.ckks.RelinKey;
import io.he4j.ckks.SecretKey;
import io.he4j.ckks.SymmetricEncryptor;

import java.util.SplittableRandom;

/**
 * A client+server CKKS session at a preset: keys (relinearization and Galois keys for steps 1..8), the
 * objects every operation needs, and fresh operands (N/2 random reals in [-1, 1], top level, default scale).
 * Used by the JMH suite and by the size/memory probe. Not thread-safe (one per benchmark thread).
 */
public final class CkksSession implements AutoCloseable {
    /** The hoisted-rotation steps of {@code rotate_hoisted_8}. */
    public static final int[] HOISTED_STEPS = {1, 2, 3, 4, 5, 6, 7, 8};

    public final CkksContext context;
    public final KeyGenerator keyGenerator;
    public final SecretKey secretKey;
    public final PublicKey publicKey;
    public final RelinKey relinKey;
    public final GaloisKeys galoisKeys;
    public final EvaluationKeys evaluationKeys;
    public final Encoder encoder;
    public final Encryptor encryptor;
    public final SymmetricEncryptor symmetricEncryptor;
    public final Decryptor decryptor;
    public final Evaluator evaluator;
    public final double[] values;
    public final Plaintext plain;
    public final Ciphertext a;
    public final Ciphertext b;

    public CkksSession(String preset) {
        this(CkksContext.create(preset));
    }

    /** A session on {@code context}, which it then owns (closes). */
    public CkksSession(CkksContext context) {
        this.context = context;
        keyGenerator = new KeyGenerator(context);
        secretKey = keyGenerator.secretKey();
        publicKey = keyGenerator.publicKey(secretKey);
        relinKey = keyGenerator.relinKey(secretKey);
        galoisKeys = keyGenerator.galoisKeys(secretKey, HOISTED_STEPS);
        evaluationKeys = EvaluationKeys.of(relinKey, galoisKeys);
        encoder = new Encoder(context);
        encryptor = new Encryptor(context, publicKey);
        symmetricEncryptor = new SymmetricEncryptor(context, secretKey);
        decryptor = new Decryptor(context, secretKey);
        evaluator = new Evaluator(context, evaluationKeys);
        values = randomValues(context.slotCount(), 42);
        plain = encoder.encode(values);
        a = encryptor.encrypt(plain);
        b = encryptor.encrypt(encoder.encode(randomValues(context.slotCount(), 43)));
    }

    public static double[] randomValues(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = r.nextDouble(-1.0, 1.0);
        }
        return v;
    }

    @Override
    public void close() {
        a.close();
        b.close();
        plain.close();
        evaluationKeys.close();
        galoisKeys.close();
        relinKey.close();
        publicKey.close();
        secretKey.close();
        context.close();
    }
}
