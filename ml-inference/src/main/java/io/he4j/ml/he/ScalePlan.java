package io.he4j.ml.he;

import io.he4j.ml.MlException;

import java.util.ArrayList;
import java.util.List;

/**
 * Levels and scales of a {@link SquareNetwork} under CKKS (Cheon, Kim, Kim, Song, ASIACRYPT 2017), planned
 * before any encryption so that every plaintext can be encoded once, at exactly the level and scale it meets:
 * <ul>
 *   <li>a hidden layer at level l and scale s multiplies by weights encoded at scale q_l (the prime that the
 *       following rescale removes), so after the rescale the scale is s again, exactly;</li>
 *   <li>a square at level l takes s to s^2 / q_l and drops to level l - 1;</li>
 *   <li>the last layer is not rescaled: its weights use the largest scale (up to 2^40) that keeps
 *       |score| * s * scale below the remaining modulus with {@value #SCORE_BITS} bits to spare.</li>
 * </ul>
 *
 * @param steps      one per layer
 * @param finalLevel level of the returned scores
 * @param finalScale their scale
 */
public record ScalePlan(List<Step> steps, int finalLevel, double finalScale) {
    /** |scores| are assumed below 2^SCORE_BITS / 4. */
    public static final int SCORE_BITS = 12;
    private static final int MIN_WEIGHT_BITS = 20;

    /**
     * @param level       level at which the layer is computed
     * @param inputScale  scale of the incoming ciphertext(s)
     * @param weightScale scale at which weights are encoded
     * @param rescale     whether the layer's output is rescaled (all layers but the last)
     */
    public record Step(int level, double inputScale, double weightScale, boolean rescale) {
        public double biasScale() {
            return inputScale * weightScale;
        }
    }

    /** Multiplicative levels a network consumes before its last layer: one per hidden layer, one per square. */
    public static int depth(SquareNetwork net) {
        return 2 * net.squares();
    }

    /**
     * The level inputs are encrypted at: just enough for the network ({@link #depth} + 1, the last layer
     * needing two primes), never above the top; fewer primes mean smaller, faster ciphertexts.
     */
    public static int inputLevel(SquareNetwork net, int maxLevel) {
        return Math.min(maxLevel, depth(net) + 1);
    }

    /**
     * A plan whose last layer is rescaled too (weights at scale q_l), so the scores end one level lower, where
     * whatever follows the last product (e.g. the rotations that sum its rows) is cheapest. The input scale is
     * the largest power of two up to {@code maxInputScale} for which the scores keep {@value #SCORE_BITS}
     * bits of headroom in q_0; empty if even 2^{@value #MIN_RESCALED_BITS} at the end does not fit.
     */
    public static java.util.Optional<ScalePlan> planRescaledLast(SquareNetwork net, long[] dataPrimes, int topLevel,
                                                                 double maxInputScale) {
        if (topLevel < depth(net) + 1) {
            return java.util.Optional.empty();
        }
        double q0Bits = Math.log(dataPrimes[0]) / Math.log(2);
        for (int bits = (int) Math.floor(Math.log(maxInputScale) / Math.log(2)); bits >= MIN_RESCALED_BITS; bits--) {
            double scale = Math.scalb(1.0, bits);
            int level = topLevel;
            List<Step> steps = new ArrayList<>();
            for (int l = 0; l + 1 < net.layers().size(); l++) {
                steps.add(new Step(level, scale, dataPrimes[level], true));
                level--;
                scale = scale * scale / dataPrimes[level];
                level--;
            }
            steps.add(new Step(level, scale, dataPrimes[level], true));
            double finalBits = Math.log(scale) / Math.log(2);
            if (level >= 1 && finalBits >= MIN_RESCALED_BITS && finalBits + SCORE_BITS <= q0Bits - 1) {
                return java.util.Optional.of(new ScalePlan(steps, level - 1, scale));
            }
        }
        return java.util.Optional.empty();
    }

    /** Smallest scale (bits) of the scores of a {@link #planRescaledLast} plan, and of its input. */
    private static final int MIN_RESCALED_BITS = 24;

    public static ScalePlan plan(SquareNetwork net, long[] dataPrimes, int topLevel, double inputScale) {
        int level = topLevel;
        double scale = inputScale;
        List<Step> steps = new ArrayList<>();
        for (int l = 0; l < net.layers().size(); l++) {
            boolean last = l + 1 == net.layers().size();
            if (!last) {
                if (level < 2) {
                    throw new MlException("not enough levels: the network needs " + depth(net) + " + 1, the parameters have "
                            + topLevel);
                }
                steps.add(new Step(level, scale, dataPrimes[level], true));
                level--; // rescale: s * q_l / q_l = s
                scale = scale * scale / dataPrimes[level];
                level--; // square + rescale
            } else {
                double bits = 0;
                for (int i = 0; i <= level; i++) {
                    bits += Math.log(dataPrimes[i]) / Math.log(2);
                }
                int weightBits = (int) Math.floor(Math.min(40, bits - 1 - Math.log(scale) / Math.log(2) - SCORE_BITS));
                if (weightBits < MIN_WEIGHT_BITS) {
                    throw new MlException(String.format("the last layer has only %d bits of weight precision at level %d "
                            + "(needs %d): choose parameters with more levels", weightBits, level, MIN_WEIGHT_BITS));
                }
                double ws = Math.scalb(1.0, weightBits);
                steps.add(new Step(level, scale, ws, false));
                return new ScalePlan(steps, level, scale * ws);
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
