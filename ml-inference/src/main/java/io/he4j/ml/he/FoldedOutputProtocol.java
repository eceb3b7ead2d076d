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
 * h = W1 x + b1, with the output weights folded into the hidden layer so the last layer costs no level:
 * w2_i h_i^2 = u_i (s_i u_i) with u_i = sqrt|w2_i| h_i and s_i = sign(w2_i). One D x D first layer
 * ({@link RotatedInputLayer}: client-rotated input, one product, a rescale, log2(D) rotations) computes
 * u in rows 0..H-1 and s (.) u in rows D/2..D/2+H-1 (needs H <= D/2); one rotation by D/2 aligns the two,
 * one ciphertext product (relinearized, rescaled) gives s_i u_i^2 in slot i, and rotateSum(D/2) adds them.
 * Two levels in all (input at level 2, scores at level 0), so every key switch runs with at most two primes.
 */
public final class FoldedOutputProtocol implements SingleQueryProtocol {
    private static final int SCORE_BITS = ScalePlan.SCORE_BITS;
    private final String preset;
    private final CkksContext context;
    private final ClientKeys client;
    private final int dim;
    private final int inputs;
    private final int inputLevel = 2;
    private final double inputScale;
    private final double bias;
    private final RotatedInputLayer first;
    private final Plaintext firstWeights;
    private final Plaintext firstBias;
    private final EvaluationKeys keys;
    private final Evaluator evaluator;
    private final int rotationKeys;
    private long computeNanos;

    /** Whether the network has this shape and fits (H <= D/2, D^2 <= slots, levels 0..2). */
    public static boolean applies(SquareNetwork net, String preset) {
        if (net.layers().size() != 2 || net.outputs() != 1) {
            return false;
        }
        CkksParameters p = CkksParameters.preset(preset);
        int dim = dim(net);
        return p.maxLevel() >= 2 && p.specialPrimeBits().length > 0 && net.layers().getFirst().out() <= dim / 2
                && RotatedInputLayer.fits(dim, p.slotCount());
    }

    private static int dim(SquareNetwork net) {
        int h = net.layers().getFirst().out();
        return Integer.highestOneBit(Math.max(2, Math.max(net.inputs(), 2 * h)) * 2 - 1);
    }

    public FoldedOutputProtocol(SquareNetwork net, String preset) {
        if (!applies(net, preset)) {
            throw new MlException("folded-output protocol needs a one-hidden-layer, one-output network that fits " + preset);
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
            double[][] w = new double[dim][inputs];
            double[] b = new double[dim];
            for (int i = 0; i < h; i++) {
                double a = Math.sqrt(Math.abs(l2.weights()[0][i]));
                double s = Math.signum(l2.weights()[0][i]);
                for (int j = 0; j < inputs; j++) {
                    w[i][j] = a * l1.weights()[i][j];
                    w[dim / 2 + i][j] = s * a * l1.weights()[i][j];
                }
                b[i] = a * l1.bias()[i];
                b[dim / 2 + i] = s * a * l1.bias()[i];
            }
            this.first = RotatedInputLayer.of(new Dense(w, b), dim, slots);
            this.bias = l2.bias()[0];
            long[] q = context.moduli();
            // u has scale s after the first rescale (weights at q_2); u * su / q_1 = s^2 / q_1 at level 0 must leave
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
            Arrays.stream(first.steps()).forEach(steps::add);
            steps.add(dim / 2);
            Arrays.stream(KeyGenerator.rotateSumSteps(dim / 2)).forEach(steps::add);
            this.rotationKeys = steps.size();
            this.client = new ClientKeys(context);
            this.keys = client.evaluationKeys(steps.stream().mapToInt(Integer::intValue).toArray());
            this.evaluator = new Evaluator(context, keys);
            io.he4j.ckks.Encoder enc = new io.he4j.ckks.Encoder(context);
            this.firstWeights = enc.encode(first.weights(), q[inputLevel], inputLevel);
            this.firstBias = enc.encode(first.bias(), inputScale, inputLevel - 1);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    @Override
    public byte[] encryptQuery(double[] features) {
        if (features.length != inputs) {
            throw new MlException("the model expects " + inputs + " features, got " + features.length);
        }
        double[] layout = RotatedInputLayer.clientLayout(features, dim, context.slotCount());
        try (Plaintext pt = client.encoder.encode(layout, inputScale, inputLevel);
             Ciphertext ct = client.encryptor.encrypt(pt)) {
            return ct.toBytes();
        }
    }

    @Override
    public byte[] evaluate(byte[] query) {
        try (Ciphertext x = Ciphertext.fromBytes(context, query); Ciphertext tmp = new Ciphertext(context)) {
            if (x.level() != inputLevel) {
                throw new MlException("query at level " + x.level() + ", expected " + inputLevel);
            }
            long t0 = System.nanoTime();
            evaluator.mulPlain(x, firstWeights, x);
            evaluator.rescale(x, x);
            for (int step : first.steps()) {
                evaluator.rotate(x, step, tmp);
                evaluator.add(x, tmp, x);
            }
            evaluator.addPlain(x, firstBias, x);
            evaluator.rotate(x, dim / 2, tmp);
            evaluator.mulRelin(x, tmp, x);
            evaluator.rescale(x, x);
            evaluator.rotateSum(x, dim / 2, x);
            evaluator.addScalar(x, bias, x);
            computeNanos = System.nanoTime() - t0;
            return x.toBytes();
        }
    }

    @Override
    public double[] decryptScores(byte[] response) {
        try (Ciphertext ct = Ciphertext.fromBytes(context, response);
             Plaintext pt = client.decryptor.decrypt(ct)) {
            return new double[] {client.encoder.decode(pt)[0]};
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
        return String.format("slot encoding, output weights folded into the hidden layer (u and sign(w2) u as rows of one "
                + "client-rotated first layer, 1 product, log2 D rotations; 1 rotation, 1 ciphertext product, "
                + "rotateSum(D/2)): D=%d, %d rotation keys, levels %d -> 0, input scale 2^%d", dim, rotationKeys,
                inputLevel, Math.getExponent(inputScale));
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
