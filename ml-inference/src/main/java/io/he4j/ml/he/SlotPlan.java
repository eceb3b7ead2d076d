package io.he4j.ml.he;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Evaluator;
import io.he4j.ml.MlException;
import io.he4j.protocol.KeyRequirements;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How an MLP runs on slot-encoded vectors ({@link SlotServer}), derived from the network and the parameters
 * alone, so that the compiler (for the manifest) and the server (for its plaintexts) reach the same numbers.
 * The input is replicated with period D over all slots, so layer outputs come out replicated and need no
 * re-packing.
 *
 * @param dim          D, a power of two >= every layer's width
 * @param inputLevel   level of the query
 * @param first        the first layer on a client-rotated input when D^2 <= slots (1 product, log2 D rotations)
 * @param layers       one diagonal plan per layer
 * @param lastByRows   the last layer of a multi-layer network as row products + rotateSum (K*D <= slots)
 * @param lastRescaled whether that row product is rescaled before its rotateSum
 * @param scales       levels and scales per layer
 * @param steps        every rotation step the evaluation uses, ascending
 */
record SlotPlan(int dim, int inputLevel, Optional<RotatedInputLayer> first, List<DiagonalPlan> layers,
                boolean lastByRows, boolean lastRescaled, ScalePlan scales, int[] steps) {

    static SlotPlan of(SquareNetwork net, CkksContext context) {
        int slots = context.slotCount();
        int dim = Integer.highestOneBit(Math.max(2, net.maxWidth()) * 2 - 1);
        if (dim > slots) {
            throw new MlException("layer width " + net.maxWidth() + " exceeds the " + slots + " slots of "
                    + context.parameters().presetName().orElse("these parameters"));
        }
        long[] q = Arrays.copyOf(context.moduli(), context.maxLevel() + 1);
        int inputLevel = ScalePlan.inputLevel(net, context.maxLevel());
        List<DiagonalPlan> layers = net.layers().stream().map(l -> DiagonalPlan.of(l, dim)).toList();
        Optional<RotatedInputLayer> first = RotatedInputLayer.fits(dim, slots)
                ? Optional.of(RotatedInputLayer.of(net.layers().getFirst(), dim, slots)) : Optional.empty();
        boolean lastByRows = layers.size() > 1 && (long) net.outputs() * dim <= slots;
        // row-product last layer: rescale its product too, so its rotateSum runs one prime lower (this needs a
        // smaller input scale, chosen so the scores keep their headroom in q_0)
        Optional<ScalePlan> rescaled = lastByRows
                ? ScalePlan.planRescaledLast(net, q, inputLevel, context.defaultScale()) : Optional.empty();
        ScalePlan scales = rescaled.orElseGet(() -> ScalePlan.plan(net, q, inputLevel, context.defaultScale()));
        TreeSet<Integer> steps = new TreeSet<>();
        first.ifPresent(f -> Arrays.stream(f.steps()).forEach(steps::add));
        if (lastByRows) {
            Arrays.stream(Evaluator.rotateSumSteps(dim)).forEach(steps::add);
        }
        for (DiagonalPlan p : layers.subList(first.isPresent() ? 1 : 0, layers.size() - (lastByRows ? 1 : 0))) {
            Arrays.stream(p.babySteps()).forEach(steps::add);
            Arrays.stream(p.giantSteps()).forEach(steps::add);
        }
        return new SlotPlan(dim, inputLevel, first, layers, lastByRows, rescaled.isPresent(), scales,
                steps.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Score o sits in slot o*D after a row-product last layer, else in slot o. */
    int[] scorePositions(int outputs) {
        int[] p = new int[outputs];
        for (int o = 0; o < outputs; o++) {
            p[o] = lastByRows ? o * dim : o;
        }
        return p;
    }

    QueryLayout layout(SquareNetwork net, String preset, CkksContext context) {
        return new QueryLayout(ProtocolKind.SLOT, preset, context.parameterId(), context.securityBits(), net.inputs(),
                net.outputs(), inputLevel, scales.steps().getFirst().inputScale(), dim, scorePositions(net.outputs()),
                1, new KeyRequirements(true, true, steps));
    }
}
