package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** 8 threads share one context, one set of keys and one encoder/encryptor/evaluator/decryptor. */
class ConcurrencyTest {
    @Test
    void eightThreadsShareContextAndEvaluationKeys() throws Exception {
        CkksContext ctx = Fixture.context();
        Encoder encoder = new Encoder(ctx);
        Encryptor encryptor = new Encryptor(ctx, Fixture.publicKey());
        Decryptor decryptor = new Decryptor(ctx, Fixture.secretKey());
        Evaluator eval = new Evaluator(ctx, Fixture.evaluationKeys());
        int n = ctx.slotCount();
        Ciphertext shared = encryptor.encrypt(encoder.encode(Fixture.random(99, n)));
        double[] sharedValues = Fixture.random(99, n);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Double>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int id = t;
                results.add(pool.submit(() -> {
                    double worst = 0;
                    for (int round = 0; round < 4; round++) {
                        double[] a = Fixture.random(1000L * id + round, n);
                        try (Plaintext pa = encoder.encode(a); Ciphertext ca = encryptor.encrypt(pa);
                             Ciphertext prod = eval.mulRelin(ca, shared); Ciphertext r = eval.rescale(prod);
                             Ciphertext rot = eval.rotate(r, 1); Plaintext out = decryptor.decrypt(rot)) {
                            double[] got = encoder.decode(out);
                            for (int i = 0; i < n; i++) {
                                double expected = a[(i + 1) % n] * sharedValues[(i + 1) % n];
                                worst = Math.max(worst, Math.abs(expected - got[i]));
                            }
                        }
                    }
                    return worst;
                }));
            }
            for (Future<Double> f : results) {
                double err = f.get();
                assertTrue(err < Fixture.EPS, "thread error " + err);
            }
        } finally {
            shared.close();
        }
    }
}
