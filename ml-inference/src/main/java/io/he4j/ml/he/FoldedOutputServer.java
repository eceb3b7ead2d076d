package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CkksParameters;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.Plaintext;
import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;
import io.he4j.protocol.KeyRequirements;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Server side of a one-hidden-layer, one-output square network, score = b2 + sum_i w2_i h_i^2 with
 * h = W1 x + b1, with no level spent on the output layer: its weights are folded into the hidden layer as
 * complex numbers, v_i = sqrt(w2_i) h_i, i.e. sqrt|w2_i| h_i for w2_i >= 0 and i sqrt|w2_i| h_i for
 * w2_i < 0, so that v_i^2 = w2_i h_i^2 exactly (CKKS slots are complex; i^2 = -1).
 * <ol>
 *   <li>first layer ({@link RotatedInputLayer}, D >= inputs and hidden units): one product with the
 *       client-rotated input, one rescale, log2(D) rotations, the bias;</li>
 *   <li>one ciphertext square (relinearized, rescaled) gives w2_i h_i^2 in slot i;</li>
 *   <li>rotateSum(D) adds the D slots; the bias b2 is added as a scalar.</li>
 * </ol>
 * 2 log2(D) rotations and one relinearization, levels 2 -> 0, so every key switch runs with at most two
 * primes. (A real-valued fold needs 2H rows, one more rotation to align u with sign(w2) u, and D twice as
 * large.)
 */
final class FoldedOutputServer implements ProtocolServer {
    private static final int INPUT_LEVEL = 2;

    private final QueryLayout layout;
    private final CkksContext context;
    private final int dim;
    private final int[] firstSteps;
    private final double bias;
    private final Plaintext firstWeights;
    private final Plaintext firstBias;

    /** Whether the network has this shape and fits the preset (D^2 <= slots, levels 0..2, key switching). */
    static boolean applies(SquareNetwork net, String preset) {
        if (net.layers().size() != 2 || net.outputs() != 1) {
            return false;
        }
        CkksParameters p = CkksParameters.preset(preset);
        return p.maxLevel() >= INPUT_LEVEL && p.specialPrimeBits().length > 0
                && RotatedInputLayer.fits(dim(net), p.slotCount());
    }

    private static int dim(SquareNetwork net) {
        int h = net.layers().getFirst().out();
        return Integer.highestOneBit(Math.max(2, Math.max(net.inputs(), h)) * 2 - 1);
    }

    /**
     * The input scale: v has it after the first rescale; v^2 / q_1 at level 0 must leave SCORE_BITS of headroom
     * in q_0.
     */
    private static double inputScale(CkksContext context) {
        long[] q = context.moduli();
        double q0Bits = Math.log(q[0]) / Math.log(2);
        double q1Bits = Math.log(q[1]) / Math.log(2);
        int bits = (int) Math.floor(Math.min(Math.log(context.defaultScale()) / Math.log(2),
                (q0Bits - 1 - ScalePlan.SCORE_BITS + q1Bits) / 2));
        if (2 * bits - q1Bits < 24) {
            throw new MlException("folded-output protocol: too little precision in " + context.parameters());
        }
        return Math.scalb(1.0, bits);
    }

    static QueryLayout layout(SquareNetwork net, String preset, CkksContext context) {
        if (!applies(net, preset)) {
            throw new MlException("folded-output protocol needs a one-hidden-layer, one-output network that fits "
                    + preset);
        }
        int dim = dim(net);
        TreeSet<Integer> steps = new TreeSet<>();
        Arrays.stream(RotatedInputLayer.rotationSteps(dim, context.slotCount())).forEach(steps::add);
        Arrays.stream(Evaluator.rotateSumSteps(dim)).forEach(steps::add);
        return new QueryLayout(ProtocolKind.FOLDED_OUTPUT, preset, context.parameterId(), context.securityBits(),
                net.inputs(), 1, INPUT_LEVEL, inputScale(context), dim, new int[] {0}, 1,
                new KeyRequirements(true, true, steps.stream().mapToInt(Integer::intValue).toArray()));
    }

    FoldedOutputServer(CkksContext context, QueryLayout layout, SquareNetwork net) {
        if (!layout(net, layout.preset(), context).equals(layout)) {
            throw new MlException("folded-output plan: the layout does not match this network under "
                    + layout.preset());
        }
        this.layout = layout;
        this.context = context;
        int slots = context.slotCount();
        this.dim = dim(net);
        int inputs = net.inputs();
        Dense l1 = net.layers().getFirst();
        Dense l2 = net.layers().getLast();
        // rows of sqrt|w2_i| W1: real part for w2_i >= 0, imaginary part for w2_i < 0
        double[][] re = new double[dim][inputs];
        double[][] im = new double[dim][inputs];
        double[] reBias = new double[dim];
        double[] imBias = new double[dim];
        for (int i = 0; i < l1.out(); i++) {
            double w2 = l2.weights()[0][i];
            double a = Math.sqrt(Math.abs(w2));
            double[][] rows = w2 >= 0 ? re : im;
            double[] b = w2 >= 0 ? reBias : imBias;
            for (int j = 0; j < inputs; j++) {
                rows[i][j] = a * l1.weights()[i][j];
            }
            b[i] = a * l1.bias()[i];
        }
        RotatedInputLayer real = RotatedInputLayer.of(new Dense(re, reBias), dim, slots);
        RotatedInputLayer imag = RotatedInputLayer.of(new Dense(im, imBias), dim, slots);
        this.firstSteps = real.steps();
        this.bias = l2.bias()[0];
        Encoder enc = new Encoder(context);
        // weights at scale q_2, so the rescale by q_2 leaves the input scale exactly
        this.firstWeights = enc.encodeComplex(interleave(real.weights(), imag.weights()),
                context.moduli()[INPUT_LEVEL], INPUT_LEVEL);
        this.firstBias = enc.encodeComplex(interleave(real.bias(), imag.bias()), layout.inputScale(), INPUT_LEVEL - 1);
    }

    private static double[] interleave(double[] re, double[] im) {
        double[] z = new double[2 * re.length];
        for (int k = 0; k < re.length; k++) {
            z[2 * k] = re[k];
            z[2 * k + 1] = im[k];
        }
        return z;
    }

    @Override
    public MaskRecipe maskRecipe() {
        return SlotMask.single(layout.scorePositions());
    }

    @Override
    public QueryLayout layout() {
        return layout;
    }

    @Override
    public ServerReply evaluate(List<MemorySegment> query, Evaluator evaluator, ReplyPrivacy privacy) {
        try (Ciphertext x = QueryInput.load(context, layout, query, 1).getFirst();
             Ciphertext tmp = new Ciphertext(context)) {
            long t0 = System.nanoTime();
            evaluator.mulPlain(x, firstWeights, x);
            evaluator.rescale(x, x);
            for (int step : firstSteps) {
                evaluator.rotate(x, step, tmp);
                evaluator.add(x, tmp, x);
            }
            evaluator.addPlain(x, firstBias, x);
            evaluator.squareRelin(x, x);
            evaluator.rescale(x, x);
            evaluator.rotateSum(x, dim, x);
            evaluator.addScalar(x, bias, x);
            privacy.protect(x);
            long nanos = System.nanoTime() - t0;
            return new ServerReply(List.of(x.toBytes()), nanos);
        }
    }

    @Override
    public String description() {
        return String.format("slot encoding, output weights folded into the hidden layer as complex square roots "
                + "(client-rotated first layer: 1 product, log2 D rotations; 1 ciphertext square; rotateSum(D)): "
                + "D=%d, %d rotation keys, levels %d -> 0, input scale 2^%d", dim,
                layout.keys().galoisSteps().length, INPUT_LEVEL, Math.getExponent(layout.inputScale()));
    }

    @Override
    public void close() {
        firstWeights.close();
        firstBias.close();
    }
}
