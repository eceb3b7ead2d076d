package io.he4j.ml.he;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CkksParameters;
import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.TrainedModel;
import io.he4j.protocol.KeyRequirements;
import io.he4j.protocol.ModelManifest;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compiles a trained model to CKKS: folds it into a {@link SquareNetwork}, picks the smallest 128-bit-secure
 * preset that has the levels (and key-switching primes) the model needs, and plans both query forms.
 * Linear models answer single queries by coefficient encoding (in several products when classes x features
 * exceed N); one- and two-hidden-layer networks as polynomials of degree 2 or 4 in the client's monomials,
 * also by coefficient encoding, when those fit the ring and the error target ({@link PolynomialForm}); other
 * MLPs by slot encoding. Batches are
 * feature-major ({@link FeatureMajorServer}; linear ones on the smallest ring with room for a statistical noise
 * flood of every reply coefficient, {@link BatchFlood}; one-hidden-layer networks likewise as linear batches
 * over the client's monomials when {@link PolynomialForm#appliesToBatch}), or return encrypted probabilities when asked
 * ({@link EncryptedSigmoidServer}).
 */
final class HeCompiler {
    /** Presets from smallest to largest; all 128-bit secure (HomomorphicEncryption.org tables). */
    static final List<String> PRESETS = List.of("P4K-IFMA", "P8K-IFMA", "P16K-IFMA");
    /**
     * Presets for coefficient encoding (no evaluation keys), smallest first: one 48-bit prime at N=2048, two at
     * N=4096, then N=8192 (up to 168 bits without its special prime). The noise flood of a private reply needs
     * about 30 bits more than the scores, which usually means N=4096 ({@link CoefficientScales}).
     */
    static final List<String> COEFFICIENT_PRESETS = List.of("P2K-IFMA", "P4K-IFMA", "P8K-IFMA");

    private HeCompiler() {
    }

    /** The single-query layout and, for coefficient kinds, the weight scale. */
    private record Single(QueryLayout layout, double weightScale) {
    }

    /** @param sigmoidRadius > 0 for an encrypted-sigmoid batch form, else 0 */
    static CompiledModel compile(TrainedModel m, String modelId, String version, double sigmoidRadius) {
        SquareNetwork net = Folding.fold(m);
        Single single = single(net, inputBounds(m));
        QueryLayout batch = sigmoidRadius > 0 ? sigmoidBatch(net) : batch(net, inputBounds(m));
        ModelManifest manifest = ModelManifest.of(modelId, version, m.featureNames(), m.imputer().means(),
                m.classNames(), net.output().name().toLowerCase(Locale.ROOT), single.layout(), batch);
        return new CompiledModel(manifest, net, single.weightScale(), sigmoidRadius);
    }

    private static Single single(SquareNetwork net, double[] bounds) {
        if (net.isLinear()) {
            String preset = coefficientPreset(net, bounds, false);
            if (preset != null) {
                return coefficient(ProtocolKind.COEFFICIENT, net.layers().getFirst(), net.inputs(), bounds, preset);
            }
        }
        // One or two hidden square layers: a polynomial of degree 2 or 4, linear in the client's monomials, when
        // those fit the ring and the scales meet the error target
        if (PolynomialForm.applies(net, CkksParameters.preset(COEFFICIENT_PRESETS.getLast()).polyDegree())) {
            SquareNetwork linear = PolynomialForm.linearModel(net);
            // |x_j x_k ...| <= b_j b_k ...
            double[] monomialBounds = PolynomialForm.features(bounds, PolynomialForm.degree(net));
            String preset = coefficientPreset(linear, monomialBounds, true);
            if (preset != null) {
                return coefficient(PolynomialForm.singleKind(net), linear.layers().getFirst(), net.inputs(),
                        monomialBounds, preset);
            }
        }
        // MLPs, and linear models too wide for one coefficient block per class
        String preset = choosePreset(net, true);
        try (CkksContext ctx = CkksContext.create(preset)) {
            QueryLayout layout = FoldedOutputServer.applies(net, preset) ? FoldedOutputServer.layout(net, preset, ctx)
                    : SlotPlan.of(net, ctx).layout(net, preset, ctx);
            return new Single(layout, 0);
        }
    }

    /** A coefficient-encoded layout of {@code layer} (which takes {@code inputs} raw features, expanded or not). */
    private static Single coefficient(ProtocolKind kind, Dense layer, int inputs, double[] bounds, String preset) {
        try (CkksContext ctx = CkksContext.create(preset)) {
            long[] q = Arrays.copyOf(ctx.moduli(), ctx.maxLevel() + 1);
            CoefficientScales scales = CoefficientScales.choose(layer, bounds, q, ctx.polyDegree());
            int[] scores = CoefficientPacking.scorePositions(layer.in(), layer.out(), ctx.polyDegree());
            QueryLayout layout = new QueryLayout(kind, preset, ctx.parameterId(), ctx.securityBits(), inputs,
                    layer.out(), scales.level(), scales.inputScale(), 0, scores, 1, KeyRequirements.publicKeyOnly());
            return new Single(layout, scales.weightScale());
        }
    }

    private static QueryLayout batch(SquareNetwork net, double[] bounds) {
        if (net.isLinear()) {
            // the smallest ring with room for a statistical (2^-30) flood of every reply coefficient
            BatchFlood.Choice choice = BatchFlood.choose(net, bounds, PRESETS);
            try (CkksContext ctx = CkksContext.create(choice.preset())) {
                return FeatureMajorServer.layout(net, choice, ctx);
            }
        }
        if (PolynomialForm.appliesToBatch(net)) {
            // one hidden square layer: a linear batch over the client's monomials, flooded like one
            SquareNetwork linear = PolynomialForm.linearModel(net);
            BatchFlood.Choice choice = null;
            try {
                choice = BatchFlood.choose(linear, PolynomialForm.features(bounds, 2), PRESETS);
            } catch (MlException noRoomForTheFlood) {
                // weights too large for the rings: the feature-major MLP batch below
            }
            if (choice != null) {
                try (CkksContext ctx = CkksContext.create(choice.preset())) {
                    return FeatureMajorServer.quadraticLayout(net, choice, ctx);
                }
            }
        }
        String preset = choosePreset(net, !net.isLinear());
        try (CkksContext ctx = CkksContext.create(preset)) {
            return FeatureMajorServer.layout(net, preset, ctx);
        }
    }

    private static QueryLayout sigmoidBatch(SquareNetwork net) {
        try (CkksContext ctx = CkksContext.create(EncryptedSigmoidServer.PRESET)) {
            return EncryptedSigmoidServer.layout(net, ctx);
        }
    }

    /**
     * The coefficient-encoding preset with room for the features (one block per class, in as many products as
     * the classes need: {@link CoefficientPacking}) whose scales meet {@link CoefficientScales#TARGET_ERROR}
     * at the least {@link #wireBytes} (for one product, the smallest ring that meets the target; with several,
     * fewer products on a larger ring may cost less); else (unless {@code meetTarget}) the largest that has the
     * room (its best scales); null if none.
     */
    static String coefficientPreset(SquareNetwork net, double[] inputBounds, boolean meetTarget) {
        String fallback = null;
        String best = null;
        long bestBytes = Long.MAX_VALUE;
        Dense layer = net.layers().getFirst();
        for (String name : COEFFICIENT_PRESETS) {
            CkksParameters p = CkksParameters.preset(name);
            if (net.inputs() > p.polyDegree()) {
                continue;
            }
            fallback = name;
            try (CkksContext ctx = CkksContext.create(p)) {
                long[] q = Arrays.copyOf(ctx.moduli(), ctx.maxLevel() + 1);
                CoefficientScales scales = CoefficientScales.choose(layer, inputBounds, q, ctx.polyDegree());
                if (scales.expectedError() < CoefficientScales.TARGET_ERROR) {
                    long bytes = wireBytes(ctx, layer, scales);
                    if (bytes < bestBytes) {
                        best = name;
                        bestBytes = bytes;
                    }
                }
            } catch (MlException scoresTooLarge) {
                // the next, larger modulus may hold them
            }
        }
        return best != null ? best : meetTarget ? null : fallback;
    }

    /**
     * Bytes on the wire for one single query of {@code layer} coefficient-encoded under {@code ctx} at
     * {@code scales}: the seeded query ciphertext (c0 bit-packed, c1 a seed) plus the compact reply ciphertexts
     * (c0 at the scores and c1, {@link CoefficientServer#replyBits} bits each), headers left out.
     */
    static long wireBytes(CkksContext ctx, Dense layer, CoefficientScales scales) {
        int n = ctx.polyDegree();
        long queryBits = 0;
        for (int i = 0; i <= scales.level(); i++) {
            queryBits += 64 - Long.numberOfLeadingZeros(ctx.moduli()[i]);
        }
        QueryLayout probe = new QueryLayout(ProtocolKind.COEFFICIENT, "probe", ctx.parameterId(), 128, layer.in(),
                layer.out(), scales.level(), scales.inputScale(), 0, new int[layer.out()], 1,
                KeyRequirements.publicKeyOnly());
        int replyBits = CoefficientServer.replyBits(ctx, probe, scales.weightScale());
        long products = CoefficientPacking.products(layer.in(), layer.out(), n);
        long replyValues = products * n + layer.out();
        return (n * queryBits + replyValues * replyBits + 7) / 8;
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
