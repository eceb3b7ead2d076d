package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The example of docs/java-api.md and the README, verbatim between the markers; it also is the suite's P8K pass. */
class ReadmeExampleTest {
    @Test
    void example() {
        // --- example start
        try (CkksContext ctx = CkksContext.create(CkksParameters.preset("P8K"));   // N = 8192, depth 2, 128-bit
             SecretKey sk = new KeyGenerator(ctx).secretKey();
             PublicKey pk = new KeyGenerator(ctx).publicKey(sk);
             EvaluationKeys evk = new KeyGenerator(ctx).evaluationKeys(sk, 1)) {      // relinearization + rotate by 1
            Encoder encoder = new Encoder(ctx);
            Encryptor encryptor = new Encryptor(ctx, pk);
            Evaluator evaluator = new Evaluator(ctx, evk);
            Decryptor decryptor = new Decryptor(ctx, sk);

            double[] x = {1.5, 2.0, -3.25, 4.0};
            double[] y = {0.5, -1.0, 2.0, 0.25};
            // Unclosed temporaries (plaintexts, the unrescaled product) are freed by a Cleaner; close them in loops.
            try (Ciphertext cx = encryptor.encrypt(encoder.encode(x));
                 Ciphertext cy = encryptor.encrypt(encoder.encode(y));
                 Ciphertext sum = evaluator.add(cx, cy);                              // x + y
                 Ciphertext product = evaluator.rescale(evaluator.mulRelin(cx, cy));  // x * y, back to scale 2^40
                 Ciphertext rotated = evaluator.rotate(sum, 1)) {                     // (x + y) shifted left by one slot
                double[] s = encoder.decode(decryptor.decrypt(sum));
                double[] p = encoder.decode(decryptor.decrypt(product));
                double[] r = encoder.decode(decryptor.decrypt(rotated));
                System.out.printf("sum %.6f %.6f  product %.6f %.6f  rotated %.6f %.6f%n", s[0], s[1], p[0], p[1], r[0], r[1]);
                // sum 2.000000 1.000000  product 0.750000 -2.000000  rotated 1.000000 -1.250000
                // --- example end
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i] + y[i], s[i], Math.scalb(1.0, -20));
                    assertEquals(x[i] * y[i], p[i], Math.scalb(1.0, -20));
                    // Key-switching noise concentrates on the first slots (their root of unity is nearest 1):
                    // rotated results get 2^-18, as in the native tests (SEAL showed 1.1e-6 there).
                    assertEquals(i + 1 < x.length ? x[i + 1] + y[i + 1] : 0, r[i], Math.scalb(1.0, -18));
                }
            }
        }
    }
}
