package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CkksParameters;
import io.he4j.ckks.EvaluationKeys;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.Plaintext;
import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Single query of a one-hidden-layer, one-output square network, score = b2 + sum_i w2_i h_i^2 with
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
public final class FoldedOutputProtocol implements SingleQueryProtocol {
    private static final int SCORE_BITS = ScalePlan.SCORE_BITS;
    private static final int INPUT_LEVEL = 2;

    private final String preset;
    private final CkksContext context;
    private final ClientKeys client;
    private final int dim;
    private final int inputs;
    private final double inputScale;
    private final double bias;
    private final RotatedInputLayer firstLayer;  // real part; the imaginary part shares its rotation steps
    private final Plaintext firstWeights;
    private final Plaintext firstBias;
    private final EvaluationKeys keys;
    private final Evaluator evaluator;
    private final int rotationKeys;
    private long computeNanos;

    /** Whether the network has this shape and fits the preset (D^2 <= slots, levels 0..2, key switching). */
    public static boolean applies(SquareNetwork net, String preset) {
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

    public FoldedOutputProtocol(SquareNetwork net, String preset) {
        if (!applies(net, preset)) {
            throw new MlException("folded-output protocol needs a one-hidden-layer, one-output network that fits "
                    + preset);
        }
        this.preset = preset;
        this.context = CkksContext.create(CkksParameters.preset(preset));
        try {
            int slots = context.slotCount();
            this.dim = dim(net);
            this.inputs = net.inputs();
            Dense l1 = net.layers().getFirst();
            Dense l2 = net.layers().getLast();
            int h = l1.out();
            // rows of sqrt|w2_i| W1: real part for w2_i >= 0, imaginary part for w2_i < 0
            double[][] re = new double[dim][inputs];
            double[][] im = new double[dim][inputs];
            double[] reBias = new double[dim];
            double[] imBias = new double[dim];
            for (int i = 0; i < h; i++) {
                double w2 = l2.weights()[0][i];
                double a = Math.sqrt(Math.abs(w2));
                double[][] rows = w2 >= 0 ? re : im;
                double[] b = w2 >= 0 ? reBias : imBias;
                for (int j = 0; j < inputs; j++) {
                    rows[i][j] = a * l1.weights()[i][j];
                }
                b[i] = a * l1.bias()[i];
            }
            this.firstLayer = RotatedInputLayer.of(new Dense(re, reBias), dim, slots);
            RotatedInputLayer imag = RotatedInputLayer.of(new Dense(im, imBias), dim, slots);
            this.bias = l2.bias()[0];
            long[] q = context.moduli();
            // v has the input scale s after the first rescale; v^2 / q_1 = s^2 / q_1 at level 0 must leave
            // SCORE_BITS of headroom in q_0
            double q0Bits = Math.log(q[0]) / Math.log(2);
            double q1Bits = Math.log(q[1]) / Math.log(2);
            int bits = (int) Math.floor(Math.min(Math.log(context.defaultScale()) / Math.log(2),
                    (q0Bits - 1 - SCORE_BITS + q1Bits) / 2));
            if (2 * bits - q1Bits < 24) {
                throw new MlException("folded-output protocol: too little precision in " + preset);
            }
            this.inputScale = Math.scalb(1.0, bits);
            TreeSet<Integer> steps = new TreeSet<>();
            Arrays.stream(firstLayer.steps()).forEach(steps::add);
            Arrays.stream(KeyGenerator.rotateSumSteps(dim)).forEach(steps::add);
            this.rotationKeys = steps.size();
            this.client = new ClientKeys(context);
            this.keys = client.evaluationKeys(steps.stream().mapToInt(Integer::intValue).toArray());
            this.evaluator = new Evaluator(context, keys);
            io.he4j.ckks.Encoder enc = new io.he4j.ckks.Encoder(context);
            // weights at scale q_2, so the rescale by q_2 leaves the input scale exactly
            this.firstWeights = enc.encodeComplex(interleave(firstLayer.weights(), imag.weights()), q[INPUT_LEVEL],
                    INPUT_LEVEL);
            this.firstBias = enc.encodeComplex(interleave(firstLayer.bias(), imag.bias()), inputScale, INPUT_LEVEL - 1);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
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
    public byte[] encryptQuery(double[] features) {
        if (features.length != inputs) {
            throw new MlException("the model expects " + inputs + " features, got " + features.length);
        }
        double[] layout = RotatedInputLayer.clientLayout(features, dim, context.slotCount());
        try (Plaintext pt = client.encoder.encode(layout, inputScale, INPUT_LEVEL);
             Ciphertext ct = client.encryptor.encrypt(pt)) {
            return ct.toBytes();
        }
    }

    @Override
    public byte[] evaluate(byte[] query) {
        try (Ciphertext x = Ciphertext.fromBytes(context, query); Ciphertext tmp = new Ciphertext(context)) {
            if (x.level() != INPUT_LEVEL) {
                throw new MlException("query at level " + x.level() + ", expected " + INPUT_LEVEL);
            }
            long t0 = System.nanoTime();
            evaluator.mulPlain(x, firstWeights, x);
            evaluator.rescale(x, x);
            for (int step : firstLayer.steps()) {
                evaluator.rotate(x, step, tmp);
                evaluator.add(x, tmp, x);
            }
            evaluator.addPlain(x, firstBias, x);
            evaluator.squareRelin(x, x);
            evaluator.rescale(x, x);
            evaluator.rotateSum(x, dim, x);
            evaluator.addScalar(x, bias, x);
            computeNanos = System.nanoTime() - t0;
            return x.toBytes();
        }
    }

    @Override
    public double[] decryptScores(byte[] response) {
        try (Ciphertext ct = Ciphertext.fromBytes(context, response);
             Plaintext pt = client.decryptor.decrypt(ct)) {
            return new double[] {client.encoder.decode(pt, new double[1])[0]};
        }
    }

    @Override
    public long lastComputeNanos() {
        return computeNanos;
    }

    @Override
    public HeParams params() {
        return HeParams.of(preset, context);
    }

    @Override
    public String description() {
        return String.format("slot encoding, output weights folded into the hidden layer as complex square roots "
                + "(client-rotated first layer: 1 product, log2 D rotations; 1 ciphertext square; rotateSum(D)): "
                + "D=%d, %d rotation keys, levels %d -> 0, input scale 2^%d", dim, rotationKeys,
                INPUT_LEVEL, Math.getExponent(inputScale));
    }

    @Override
    public void close() {
        firstWeights.close();
        firstBias.close();
        keys.close();
        client.close();
        context.close();
    }
}
