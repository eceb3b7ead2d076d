package io.he4j.ml.he;

import io.he4j.ml.model.Dense;

import java.security.SecureRandom;

/**
 * Noise flooding for circuit-private replies (Gentry, PhD thesis 2009, Sect. 21; for CKKS, Kluczniak and
 * Santato, eprint 2023/301): a reply coefficient whose noise e depends on the weights gets a fresh uniform
 * integer u in [-B, B) added; u + e and u are then within statistical distance |e| / (2B). With B = 2^bits at
 * least 2^{@value #STATISTICAL_BITS} times K * (bound on |e|), the K flooded score coefficients of one reply
 * are within 2^-31 of a distribution that depends on the scores alone.
 *
 * <p>Bounds are worst case, in integer units of the reply's coefficients:
 * <ul>
 *   <li>the query's fresh noise: the engine samples a centered binomial with eta = 21, so |e_i| <= 21;</li>
 *   <li>through the weight polynomial W (coefficient packing): |(e W)_k| <= 21 * sum_i |W_i|, with
 *       |W_i| <= |w| * weightScale + 1/2 for every packed weight of every class;</li>
 *   <li>a fresh public-key encryption of zero, e' u + e1 + e2 s with ternary u, s: at most 21 (2N + 1).</li>
 * </ul>
 */
final class Flooding {
    /** The distinguishing advantage per reply is at most 2^-(this + 1). */
    static final int STATISTICAL_BITS = 30;
    /** |e| bound of the engine's error distribution (centered binomial, eta = 21: native ckks/sampling.hpp). */
    static final int ERROR_BOUND = 21;
    /** Worst-case decoded error the coefficient flood may add to a score (the rest of 1e-4 is rounding). */
    static final double SCORE_ERROR = 5e-5;
    /** Flood values are encoded in limbs of this many bits (limb i at scale 2^(52 i)): exact in doubles. */
    static final int LIMB_BITS = 52;
    /** Widest flood (three limbs). */
    static final int MAX_BITS = 3 * LIMB_BITS - 1;

    private Flooding() {
    }

    /** Bound on the noise of a fresh public-key encryption of zero at ring degree n. */
    static double publicKeyNoise(int n) {
        return ERROR_BOUND * (2.0 * n + 1);
    }

    /** Bound on |(e W)_k| for the packed weights of {@code layer} at {@code weightScale} (every class counts). */
    static double productNoise(Dense layer, double weightScale) {
        double sum = 0;
        for (double[] row : layer.weights()) {
            for (double w : row) {
                sum += Math.abs(w) * weightScale + 0.5;
            }
        }
        return ERROR_BOUND * sum;
    }

    /** Noise bound of a private coefficient reply's score coefficient: product plus encryption of zero. */
    static double coefficientNoise(Dense layer, double weightScale, int n) {
        return productNoise(layer, weightScale) + publicKeyNoise(n);
    }

    /** log2 B for {@code coefficients} flooded coefficients whose noise is at most {@code noiseBound}. */
    static int floodBits(double noiseBound, int coefficients) {
        return (int) Math.ceil(STATISTICAL_BITS + log2(coefficients * noiseBound));
    }

    /** The statistical distance one reply keeps: K * noiseBound / 2^(bits + 1). */
    static double distance(double noiseBound, int coefficients, int bits) {
        return coefficients * noiseBound / Math.pow(2, bits + 1);
    }

    /**
     * Uniform integers in [-2^bits, 2^bits) at {@code positions} of an N-coefficient polynomial, as limbs of
     * {@value #LIMB_BITS} bits: v = sum_i limb_i * 2^(i * {@value #LIMB_BITS}), every limb exact in a double
     * (the top one carries the sign). Row i of the result is limb i for all N coefficients.
     */
    static double[][] uniform(SecureRandom random, int n, int[] positions, int bits) {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("flood bits must be in [1, " + MAX_BITS + "], got " + bits);
        }
        // v = r - 2^bits for r uniform in [0, 2^(bits+1)), r written in limbs; the top limb takes the - 2^bits
        int top = bits / LIMB_BITS;
        int topWidth = bits + 1 - top * LIMB_BITS;
        double[][] limbs = new double[top + 1][n];
        for (int p : positions) {
            for (int i = 0; i < top; i++) {
                limbs[i][p] = random.nextLong() & ((1L << LIMB_BITS) - 1);
            }
            limbs[top][p] = (random.nextLong() & ((1L << topWidth) - 1)) - (1L << (bits - top * LIMB_BITS));
        }
        return limbs;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
