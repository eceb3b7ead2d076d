package io.he4j.ml.he;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CkksParameters;
import io.he4j.ml.MlException;
import io.he4j.ml.model.TrainedModel;

import java.util.Arrays;
import java.util.List;

/**
 * Compiles a trained model to CKKS: folds it into a {@link SquareNetwork}, picks the smallest 128-bit-secure
 * preset that has the levels (and key-switching primes) the model needs, and builds the protocol.
 * Linear models answer single queries by coefficient encoding (slot encoding if classes x features exceed N);
 * one-hidden-layer networks as quadratic forms in the client's monomials, also by coefficient encoding, when
 * those fit the ring and the error target ({@link QuadraticFormProtocol}); other MLPs by slot encoding.
 */
public final class HeCompiler {
    /** Presets from smallest to largest; all 128-bit secure (HomomorphicEncryption.org tables). */
    static final List<String> PRESETS = List.of("P4K-IFMA", "P8K-IFMA", "P16K-IFMA");
    /** Presets for coefficient encoding (no keys), smallest first: one 48-bit prime at N=2048, then N=4096. */
    static final List<String> COEFFICIENT_PRESETS = List.of("P2K-IFMA", "P4K-IFMA");

    private HeCompiler() {
    }

    public enum Mode { SINGLE, BATCH }

    public static SingleQueryProtocol singleQuery(TrainedModel m) {
        SquareNetwork net = Folding.fold(m);
        double[] bounds = inputBounds(m);
        if (net.isLinear()) {
            String preset = coefficientPreset(net, bounds, false);
            if (preset != null) {
                return new CoefficientProtocol(net, bounds, preset);
            }
        }
        // One hidden square layer: a quadratic form, linear in the client's monomials, when that fits
        if (QuadraticFormProtocol.applies(net, CkksParameters.preset(COEFFICIENT_PRESETS.getLast()).polyDegree())) {
            SquareNetwork linear = QuadraticFormProtocol.linearModel(net);
            double[] monomialBounds = QuadraticFormProtocol.features(bounds);  // |x_j x_k| <= b_j b_k
            String preset = coefficientPreset(linear, monomialBounds, true);
            if (preset != null) {
                return new QuadraticFormProtocol(net.inputs(), new CoefficientProtocol(linear, monomialBounds, preset));
            }
        }
        // MLPs, and linear models too wide for one coefficient block per class
        String preset = choosePreset(net, true);
        if (FoldedOutputProtocol.applies(net, preset)) {
            return new FoldedOutputProtocol(net, preset);
        }
        return new SlotProtocol(net, preset);
    }

    public static BatchProtocol batch(TrainedModel m) {
        SquareNetwork net = Folding.fold(m);
        return new FeatureMajorBatch(net, choosePreset(net, !net.isLinear()));
    }

    /**
     * The smallest coefficient-encoding preset with room for classes x features coefficients whose scales meet
     * {@link CoefficientScales#TARGET_ERROR}; else (unless {@code meetTarget}) the largest that has the room
     * (its best scales); null if none.
     */
    static String coefficientPreset(SquareNetwork net, double[] inputBounds, boolean meetTarget) {
        String fallback = null;
        for (String name : COEFFICIENT_PRESETS) {
            CkksParameters p = CkksParameters.preset(name);
            if ((long) net.inputs() * net.outputs() > p.polyDegree()) {
                continue;
            }
            fallback = name;
            try (CkksContext ctx = CkksContext.create(p)) {
                long[] q = Arrays.copyOf(ctx.moduli(), ctx.maxLevel() + 1);
                if (CoefficientScales.choose(net.layers().getFirst(), inputBounds, q).expectedError()
                        < CoefficientScales.TARGET_ERROR) {
                    return name;
                }
            } catch (MlException scoresTooLarge) {
                // the next, larger modulus may hold them
            }
        }
        return meetTarget ? null : fallback;
    }

    /**
     * The smallest preset whose top level leaves at least one level (two primes) for the last layer after
     * {@link ScalePlan#depth} rescales, with special primes when keys are needed.
     */
    static String choosePreset(SquareNetwork net, boolean needsKeys) {
        int needed = ScalePlan.depth(net) + 1;
        for (String name : PRESETS) {
            CkksParameters p = CkksParameters.preset(name);
            if (p.maxLevel() >= needed && (!needsKeys || p.specialPrimeBits().length > 0)) {
                return name;
            }
        }
        throw new MlException("the model needs " + needed + " levels; the largest preset " + PRESETS.getLast()
                + " has " + CkksParameters.preset(PRESETS.getLast()).maxLevel());
    }

    /** Per feature, |mean| + 6 sd of the training data (from the model's scaler): a bound for scale choice. */
    static double[] inputBounds(TrainedModel m) {
        double[] b = new double[m.features()];
        for (int j = 0; j < b.length; j++) {
            b[j] = Math.abs(m.scaler().mean()[j]) + 6 * m.scaler().scale()[j];
        }
        return b;
    }
}
