package io.he4j.ml.he;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CkksParameters;
import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;

import java.util.Arrays;
import java.util.List;

/**
 * The statistically flooded reply of a linear feature-major batch ({@link FeatureMajorServer}): every one of the
 * N coefficients of each score ciphertext gets uniform noise in [-2^b, 2^b), b = ceil(30 + log2(K x bound)),
 * K = N x outputs, so one reply is within statistical distance 2^-31 of one that depends on the scores alone
 * ({@link Flooding}; Gentry 2009, Sect. 21). Batches have a patient in every slot: no slot is masked.
 *
 * <p>The bound on a reply coefficient's weight-dependent noise is WORST CASE (no failure probability): the
 * query's fresh noise (|e| <= 21, centered binomial) through the integer scalar weights, 21 x sum_j |round(w_j
 * ws)| (the last layer is not rescaled: no rounding), plus the fresh encryption of zero, 21 (2N + 1).
 *
 * <p>The flood's decoded effect on a score is a HIGH-PROBABILITY bound: the real part of slot j is
 * (1/scale) sum_k u_k cos(theta_jk) with sum_k cos^2 = N/2, so by Hoeffding's inequality
 * P(|.| >= t) <= 2 exp(-t^2 / (2^(2b) N)); over the N/2 slots of a ciphertext it stays below t =
 * 2^b sqrt(N ln(N 2^40)) / scale except with probability 2^-40 (accuracy only: privacy does not depend on it).
 * The plan takes the input scale (and level, and ring) at which that is below {@link Flooding#SCORE_ERROR}.
 *
 * @param plan        the levels and scales of the network (last layer not rescaled)
 * @param noiseBound  worst-case |weight-dependent noise| of a reply coefficient, integer units
 * @param floodBits   b: the flood is uniform in [-2^b, 2^b) on every coefficient
 * @param coefficients K: flooded coefficients per reply (N x outputs)
 * @param floodError  bound on the flood's decoded effect on a score (probability 1 - 2^-40 per ciphertext)
 */
record BatchFlood(ScalePlan plan, double noiseBound, int floodBits, int coefficients, double floodError) {
    /** Smallest and largest input scale (bits) tried. */
    private static final int MIN_INPUT_BITS = 20;
    private static final int MAX_INPUT_BITS = 100;

    /** Statistical distance of one reply from a weight-independent one. */
    double distance() {
        return Flooding.distance(noiseBound, coefficients, floodBits);
    }

    /** The flood of a linear network evaluated by {@code plan} at ring degree n; null if it does not fit. */
    static BatchFlood of(SquareNetwork net, ScalePlan plan, long[] moduli, int n) {
        if (!net.isLinear()) {
            throw new IllegalArgumentException("statistical flooding is planned for linear batches only");
        }
        ScalePlan.Step last = plan.steps().getLast();
        double noise = productNoise(net.layers().getLast(), last.weightScale()) + Flooding.publicKeyNoise(n);
        int k = n * net.outputs();
        int bits = Flooding.floodBits(noise, k);
        double logQ = 0;
        for (int i = 0; i <= plan.finalLevel(); i++) {
            logQ += Flooding.log2(moduli[i]);
        }
        if (bits > Math.min(Flooding.MAX_BITS, logQ - 3 - ScalePlan.SCORE_BITS)) {
            return null;
        }
        return new BatchFlood(plan, noise, bits, k, decodedEffect(bits, n) / plan.finalScale());
    }

    /** Worst case over outputs o of 21 x sum_j |round(w_oj ws)|: each output is its own ciphertext. */
    static double productNoise(Dense layer, double weightScale) {
        double worst = 0;
        for (double[] row : layer.weights()) {
            double sum = 0;
            for (double w : row) {
                sum += Math.abs(Math.rint(w * weightScale));
            }
            worst = Math.max(worst, sum);
        }
        return Flooding.ERROR_BOUND * worst;
    }

    /** t / scale of the Hoeffding bound above, for a flood of 2^bits on all n coefficients, before the scale. */
    static double decodedEffect(int bits, int n) {
        return Math.scalb(Math.sqrt(n * Math.log(n * 0x1p40)), bits);
    }

    /**
     * Worst-case decoded error of a score besides the flood: weight rounding (|x_j| <= inputBound_j, |dw| <=
     * 1/(2 ws)), input encoding rounding (N/2 per slot through sum |w|), the noise itself (N x bound).
     */
    double roundingError(Dense layer, double[] inputBound, int n) {
        ScalePlan.Step last = plan.steps().getLast();
        double worst = 0;
        for (int o = 0; o < layer.out(); o++) {
            double weights = 0;
            double sumW = 0;
            for (int j = 0; j < layer.in(); j++) {
                weights += inputBound[j] * 0.5 / last.weightScale();
                sumW += Math.abs(layer.weights()[o][j]);
            }
            worst = Math.max(worst, weights + sumW * n / 2 / last.inputScale());
        }
        return worst + (n * noiseBound + 0.5) / plan.finalScale();
    }

    /** The preset, input level and input scale a linear batch is compiled at: the smallest ring that fits. */
    record Choice(String preset, int level, double inputScale) {
    }

    /**
     * The smallest preset of {@code presets} and lowest level at which some input scale gives a flood within
     * {@link Flooding#SCORE_ERROR} and a total error within {@link CoefficientScales#TARGET_ERROR}.
     */
    static Choice choose(SquareNetwork net, double[] inputBound, List<String> presets) {
        for (String name : presets) {
            try (CkksContext ctx = CkksContext.create(CkksParameters.preset(name))) {
                long[] q = Arrays.copyOf(ctx.moduli(), ctx.maxLevel() + 1);
                int n = ctx.polyDegree();
                for (int level = 0; level <= ctx.maxLevel(); level++) {
                    for (int bits = MIN_INPUT_BITS; bits <= MAX_INPUT_BITS; bits++) {
                        ScalePlan plan;
                        try {
                            plan = ScalePlan.plan(net, q, level, Math.scalb(1.0, bits));
                        } catch (MlException tooFewWeightBits) {
                            break;   // a larger input scale leaves even fewer
                        }
                        BatchFlood f = of(net, plan, q, n);
                        if (f != null && f.floodError() <= Flooding.SCORE_ERROR && f.floodError()
                                + f.roundingError(net.layers().getLast(), inputBound, n) <= CoefficientScales.TARGET_ERROR) {
                            return new Choice(name, level, Math.scalb(1.0, bits));
                        }
                    }
                }
            }
        }
        throw new MlException("no preset of " + presets + " leaves room for a 2^" + Flooding.STATISTICAL_BITS
                + " noise flood of this linear batch within the score error " + CoefficientScales.TARGET_ERROR);
    }
}
