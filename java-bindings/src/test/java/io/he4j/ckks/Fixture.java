package io.he4j.ckks;

import java.util.Random;

/**
 * One small, fast (insecure: tests only) parameter set shared by the suite: N = 2^12, data primes 50/40/40
 * (depth 2), one 50-bit special prime, scale 2^40. Keys are generated once per JVM.
 */
final class Fixture {
    static final CkksParameters PARAMS = CkksParameters.builder()
            .logPolyDegree(12).dataPrimeBits(50, 40, 40).specialPrimeBits(50).defaultScale(Math.scalb(1.0, 40))
            .allowInsecure().build();
    /** Rotation steps with Galois keys in {@link #evaluationKeys()}. */
    static final int[] STEPS = {1, 2, 3, -1, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
    /** Error bound for depth-1 results with values in [-1, 1] at scale 2^40. */
    static final double EPS = Math.scalb(1.0, -20);

    private static CkksContext context;
    private static SecretKey secretKey;
    private static PublicKey publicKey;
    private static EvaluationKeys evaluationKeys;

    private Fixture() {
    }

    static synchronized CkksContext context() {
        if (context == null) {
            context = CkksContext.create(PARAMS);
        }
        return context;
    }

    static synchronized SecretKey secretKey() {
        if (secretKey == null) {
            secretKey = new KeyGenerator(context()).secretKey();
        }
        return secretKey;
    }

    static synchronized PublicKey publicKey() {
        if (publicKey == null) {
            publicKey = new KeyGenerator(context()).publicKey(secretKey());
        }
        return publicKey;
    }

    static synchronized EvaluationKeys evaluationKeys() {
        if (evaluationKeys == null) {
            KeyGenerator kg = new KeyGenerator(context());
            evaluationKeys = EvaluationKeys.of(kg.relinKey(secretKey()), kg.galoisKeys(secretKey(), true, STEPS));
        }
        return evaluationKeys;
    }

    static double[] random(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }

    static double maxError(double[] expected, double[] actual) {
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }
}
