package io.he4j.ml.he;

import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;

/**
 * Scales for the coefficient-encoded inner product (no rescale: the score is read at scale
 * inputScale * weightScale, which must stay below the modulus of the chosen level) with room for the noise
 * flood of a circuit-private reply ({@link Flooding}). The error of a decrypted score has four parts:
 * <ul>
 *   <li>weight rounding: sqrt(sum_j xmax_j^2 / 12) / weightScale (six standard deviations);</li>
 *   <li>input rounding: sqrt(sum_j w_j^2 / 12) / inputScale (six standard deviations);</li>
 *   <li>encryption noise (sigma 3.2 per coefficient) through the weights: 3.2 ||w||_2 / inputScale (six sd);</li>
 *   <li>the flood, at most 2^floodBits / (inputScale * weightScale), worst case, where 2^floodBits is
 *       2^30 x K x the worst-case noise bound (which grows with weightScale and N).</li>
 * </ul>
 * The split of the product budget between the two scales minimizes the sum; the lowest level whose error
 * is below {@link #TARGET_ERROR} wins (fewer primes, a smaller upload).
 *
 * @param level         level at which the client encrypts
 * @param inputScale    client's coefficient scale
 * @param weightScale   server's weight-polynomial scale
 * @param floodBits     log2 of the flood bound B (uniform in [-B, B) on each score coefficient)
 * @param expectedError estimate of |plaintext score - decrypted score|, flood included at its worst
 */
public record CoefficientScales(int level, double inputScale, double weightScale, int floodBits,
                                double expectedError) {
    /** Error target for a decrypted score, flood and rounding included (the compact reply adds 1/10 of it). */
    public static final double TARGET_ERROR = 9e-5;
    /** The grid released scores are rounded to by default (ModelClient's safe decryption); compact replies
     *  carry enough bits for its full 2^30 flood when the modulus allows. */
    public static final double RELEASE_PRECISION = 1e-3;

    /**
     * @param layer      the folded linear layer (on raw features)
     * @param inputBound per feature, a bound on |x_j| (e.g. |mean| + 6 sd of the training data)
     * @param dataPrimes q_0..q_L
     * @param n          ring degree (the encryption of zero's noise grows with it)
     */
    public static CoefficientScales choose(Dense layer, double[] inputBound, long[] dataPrimes, int n) {
        double sumX2 = 0;
        for (double b : inputBound) {
            sumX2 += b * b;
        }
        double scoreMax = 0;
        double sumW2 = 0;
        for (int c = 0; c < layer.out(); c++) {
            double s = Math.abs(layer.bias()[c]);
            double w2 = 0;
            for (int j = 0; j < layer.in(); j++) {
                s += Math.abs(layer.weights()[c][j]) * inputBound[j];
                w2 += layer.weights()[c][j] * layer.weights()[c][j];
            }
            scoreMax = Math.max(scoreMax, s);
            sumW2 = Math.max(sumW2, w2);
        }
        double xMax = 0;
        for (double b : inputBound) {
            xMax = Math.max(xMax, b);
        }
        double wMax = 0;
        for (double[] row : layer.weights()) {
            for (double w : row) {
                wMax = Math.max(wMax, Math.abs(w));
            }
        }
        double xSide = Math.sqrt(sumX2 / 12);
        double wSide = Math.sqrt(sumW2 / 12 + 3.2 * 3.2 * sumW2);
        CoefficientScales best = null;
        double bits = 0;
        for (int level = 0; level < dataPrimes.length; level++) {
            bits += Flooding.log2(dataPrimes[level]);
            // scale * scoreMax + B below Q/8: decoding's centered lift and the encoder's fit check keep margin
            double budgetBits = bits - 4 - Flooding.log2(Math.max(1, scoreMax));
            if (budgetBits < 20) {
                continue;
            }
            for (double wsBits = 8; wsBits <= budgetBits - 8; wsBits += 0.25) {
                double ws = Math.pow(2, wsBits);
                double xs = Math.pow(2, budgetBits - wsBits);
                // each input and weight coefficient must fit the level's modulus too (monomials can be far
                // larger than the scores they add up to)
                if (Flooding.log2(xs * xMax) > bits - 4 || Flooding.log2(ws * wMax) > bits - 4) {
                    continue;
                }
                int flood = Flooding.floodBits(Flooding.coefficientNoise(layer, ws, n), layer.out());
                if (flood > Flooding.MAX_BITS || flood > budgetBits - 1) {
                    continue;
                }
                double err = 6 * Math.hypot(xSide / ws, wSide / xs) + Math.pow(2, flood) / (xs * ws);
                if (best == null || best.level < level || err < best.expectedError) {
                    best = new CoefficientScales(level, xs, ws, flood, err);
                }
            }
            if (best != null && best.level == level && best.expectedError < TARGET_ERROR) {
                return best;
            }
        }
        if (best == null) {
            throw new MlException("scores up to " + scoreMax + " and their noise flood do not fit the modulus for "
                    + "coefficient encoding");
        }
        return best;
    }
}
