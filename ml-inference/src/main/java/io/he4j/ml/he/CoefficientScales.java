package io.he4j.ml.he;

import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;

/**
 * Scales for the coefficient-encoded inner product (no rescale: the score is read at scale
 * inputScale * weightScale, which must stay below the modulus of the chosen level). The error of a
 * decrypted score has three parts, each estimated at six standard deviations:
 * <ul>
 *   <li>weight rounding: sqrt(sum_j xmax_j^2 / 12) / weightScale;</li>
 *   <li>input rounding: sqrt(sum_j w_j^2 / 12) / inputScale;</li>
 *   <li>encryption noise (sigma 3.2 per coefficient) through the weights: 3.2 ||w||_2 / inputScale.</li>
 * </ul>
 * The product budget is split to balance the two sides. The lowest level whose estimate is below
 * {@link #TARGET_ERROR} wins: a level-0 ciphertext has one prime, i.e. half the upload.
 *
 * @param level        level at which the client encrypts
 * @param inputScale   client's coefficient scale
 * @param weightScale  server's weight-polynomial scale
 * @param expectedError six-sigma estimate of |plaintext score - decrypted score|
 */
public record CoefficientScales(int level, double inputScale, double weightScale, double expectedError) {
    public static final double TARGET_ERROR = 5e-4;

    /**
     * @param layer      the folded linear layer (on raw features)
     * @param inputBound per feature, a bound on |x_j| (e.g. |mean| + 6 sd of the training data)
     * @param dataPrimes q_0..q_L
     */
    public static CoefficientScales choose(Dense layer, double[] inputBound, long[] dataPrimes) {
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
        double xSide = Math.sqrt(sumX2 / 12);
        double wSide = Math.sqrt(sumW2 / 12 + 3.2 * 3.2 * sumW2);
        CoefficientScales best = null;
        double bits = 0;
        for (int level = 0; level < dataPrimes.length; level++) {
            bits += Math.log(dataPrimes[level]) / Math.log(2);
            double budgetBits = bits - 2 - Math.log(Math.max(1, scoreMax)) / Math.log(2);
            if (budgetBits < 20) {
                continue;
            }
            // balance: xSide / ws = wSide / xs with xs * ws = 2^budget
            double logRatio = Math.log(Math.max(1e-300, xSide) / Math.max(1e-300, wSide)) / Math.log(2);
            double wsBits = Math.min(budgetBits - 8, Math.max(8, (budgetBits + logRatio) / 2));
            double xsBits = budgetBits - wsBits;
            double ws = Math.pow(2, wsBits);
            double xs = Math.pow(2, xsBits);
            double err = 6 * Math.hypot(xSide / ws, wSide / xs);
            CoefficientScales c = new CoefficientScales(level, xs, ws, err);
            if (err < TARGET_ERROR) {
                return c;
            }
            best = c;
        }
        if (best == null) {
            throw new MlException("scores up to " + scoreMax + " do not fit the modulus for coefficient encoding");
        }
        return best;
    }
}
