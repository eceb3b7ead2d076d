package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Evaluator;
import io.he4j.ml.model.Dense;
import io.he4j.protocol.KeyRequirements;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Server side of feature-major batches for any {@link SquareNetwork}: ciphertext j holds feature j of up to
 * slotCount patients; unit o of a layer is sum_j w_oj * ct_j + b_o by scalar multiplications (weights encoded at
 * the scale {@link ScalePlan} gives) and additions; a square is one ciphertext squaring. No rotation at all; a
 * linear model needs no evaluation key either (the SIMD packing of CryptoNets, Gilad-Bachrach et al., ICML 2016).
 */
final class FeatureMajorServer implements ProtocolServer {
    private final QueryLayout layout;
    private final CkksContext context;
    private final SquareNetwork net;
    private final ScalePlan plan;

    private final MaskRecipe maskRecipe;

    private static long[] dataPrimes(CkksContext context) {
        return Arrays.copyOf(context.moduli(), context.maxLevel() + 1);
    }

    /** MLPs: inputs at the default scale, at just the levels the network needs. */
    static QueryLayout layout(SquareNetwork net, String preset, CkksContext context) {
        return layout(net, preset, context, ScalePlan.inputLevel(net, context.maxLevel()), context.defaultScale());
    }

    /** Linear models: at the level and input scale {@link BatchFlood#choose} found room for the flood at. */
    static QueryLayout layout(SquareNetwork net, BatchFlood.Choice choice, CkksContext context) {
        return layout(net, choice.preset(), context, choice.level(), choice.inputScale());
    }

    /**
     * A one-hidden-layer square network sent as monomials ({@link PolynomialForm}): its linear model at the level
     * and input scale {@link BatchFlood#choose} found for it; the layout names the raw features the client has.
     */
    static QueryLayout quadraticLayout(SquareNetwork net, BatchFlood.Choice choice, CkksContext context) {
        SquareNetwork linear = PolynomialForm.linearModel(net);
        ScalePlan.plan(linear, dataPrimes(context), choice.level(), choice.inputScale());
        return new QueryLayout(ProtocolKind.QUADRATIC_FORM_BATCH, choice.preset(), context.parameterId(),
                context.securityBits(), net.inputs(), net.outputs(), choice.level(), choice.inputScale(), 0,
                new int[0], context.slotCount(), KeyRequirements.publicKeyOnly());
    }

    private static QueryLayout layout(SquareNetwork net, String preset, CkksContext context, int level,
                                      double inputScale) {
        ScalePlan.plan(net, dataPrimes(context), level, inputScale);   // fails early if the levels do not fit
        return new QueryLayout(ProtocolKind.FEATURE_MAJOR_BATCH, preset, context.parameterId(),
                context.securityBits(), net.inputs(), net.outputs(), level, inputScale, 0, new int[0],
                context.slotCount(),
                net.isLinear() ? KeyRequirements.publicKeyOnly() : new KeyRequirements(true, true, new int[0]));
    }

    /** @param model the model's network; a quadratic-form batch evaluates its linear model over the monomials */
    FeatureMajorServer(CkksContext context, QueryLayout layout, SquareNetwork model) {
        this.layout = layout;
        this.context = context;
        this.net = PolynomialForm.batchNetwork(model, layout);
        this.plan = ScalePlan.plan(net, dataPrimes(context), layout.level(), layout.inputScale());
        BatchFlood flood = net.isLinear() ? BatchFlood.of(net, plan, dataPrimes(context), context.polyDegree()) : null;
        // MLP batches, and linear layouts compiled before the flood was planned (no room for it), keep the
        // precision-limited flood; describe() says so
        this.maskRecipe = flood == null ? SlotMask.batch()
                : MaskRecipe.everyCoefficient(flood.floodBits(), flood.noiseBound(), flood.coefficients());
    }

    @Override
    public MaskRecipe maskRecipe() {
        return maskRecipe;
    }

    @Override
    public QueryLayout layout() {
        return layout;
    }

    @Override
    public ServerReply evaluate(List<MemorySegment> query, Evaluator evaluator, ReplyPrivacy privacy) {
        List<Ciphertext> h = QueryInput.load(context, layout, query, net.inputs());
        try {
            long t0 = System.nanoTime();
            for (int l = 0; l < net.layers().size(); l++) {
                List<Ciphertext> next = layer(net.layers().get(l), plan.steps().get(l), h, evaluator);
                h.forEach(Ciphertext::close);
                h = next;
                if (plan.steps().get(l).rescale()) {
                    for (Ciphertext c : h) {
                        evaluator.rescale(c, c);
                        evaluator.squareRelin(c, c);
                        evaluator.rescale(c, c);
                    }
                }
            }
            for (Ciphertext c : h) {
                privacy.protect(c);
            }
            long nanos = System.nanoTime() - t0;
            List<byte[]> out = new ArrayList<>(h.size());
            for (Ciphertext c : h) {
                out.add(c.toBytes());
            }
            return new ServerReply(out, nanos);
        } finally {
            h.forEach(Ciphertext::close);
        }
    }

    private List<Ciphertext> layer(Dense layer, ScalePlan.Step step, List<Ciphertext> in, Evaluator evaluator) {
        List<Ciphertext> out = new ArrayList<>(layer.out());
        try (Ciphertext tmp = new Ciphertext(context)) {
            for (int o = 0; o < layer.out(); o++) {
                double[] w = layer.weights()[o];
                Ciphertext acc = evaluator.mulScalar(in.getFirst(), w[0], step.weightScale());
                out.add(acc);
                for (int j = 1; j < w.length; j++) {
                    if (w[j] == 0) {
                        continue;
                    }
                    evaluator.mulScalar(in.get(j), w[j], step.weightScale(), tmp);
                    evaluator.add(acc, tmp, acc);
                }
                evaluator.addScalar(acc, layer.bias()[o], acc);
            }
            return out;
        } catch (RuntimeException e) {
            out.forEach(Ciphertext::close);
            throw e;
        }
    }

    @Override
    public String description() {
        return String.format("%s: %d patients per ciphertext, %d input ciphertexts, %d layers, "
                        + "no rotations, levels %d -> %d", layout.kind() == ProtocolKind.QUADRATIC_FORM_BATCH
                        ? "quadratic-form batch (one ciphertext per monomial)" : "feature-major batch",
                layout.capacity(), net.inputs(), net.layers().size(), layout.level(), plan.finalLevel());
    }

    @Override
    public void close() {
        // scalars only: nothing native held
    }
}
