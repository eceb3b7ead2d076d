package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CkksParameters;
import io.he4j.ckks.EvaluationKeys;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.Plaintext;
import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link BatchProtocol} for any {@link SquareNetwork}: ciphertext j holds feature j of up to slotCount
 * patients; unit o of a layer is sum_j w_oj * ct_j + b_o by scalar multiplications (weights encoded at the
 * scale {@link ScalePlan} gives) and additions; a square is one ciphertext squaring. No rotation at all; a
 * linear model needs no evaluation key either.
 */
public final class FeatureMajorBatch implements BatchProtocol {
    private final String preset;
    private final CkksContext context;
    private final ClientKeys client;
    private final SquareNetwork net;
    private final ScalePlan plan;
    private final int inputLevel;
    private final EvaluationKeys keys;
    private final Evaluator evaluator;
    private long computeNanos;

    public FeatureMajorBatch(SquareNetwork net, String preset) {
        this.preset = preset;
        this.net = net;
        this.context = CkksContext.create(CkksParameters.preset(preset));
        try {
            long[] q = Arrays.copyOf(context.moduli(), context.maxLevel() + 1);
            this.inputLevel = ScalePlan.inputLevel(net, context.maxLevel());
            this.plan = ScalePlan.plan(net, q, inputLevel, context.defaultScale());
            this.client = new ClientKeys(context);
            this.keys = net.isLinear() ? null : client.evaluationKeys();
            this.evaluator = keys == null ? new Evaluator(context) : new Evaluator(context, keys);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    @Override
    public int capacity() {
        return context.slotCount();
    }

    @Override
    public List<byte[]> encryptBatch(double[][] rows) {
        return client.encryptColumns(rows, net.inputs(), inputLevel);
    }

    @Override
    public List<byte[]> evaluate(List<byte[]> features) {
        if (features.size() != net.inputs()) {
            throw new MlException("expected " + net.inputs() + " feature ciphertexts, got " + features.size());
        }
        List<Ciphertext> h = new ArrayList<>();
        try {
            for (byte[] b : features) {
                Ciphertext c = Ciphertext.fromBytes(context, b);
                h.add(c);
                if (c.level() != inputLevel) {
                    throw new MlException("feature ciphertext at level " + c.level() + ", expected " + inputLevel);
                }
            }
            long t0 = System.nanoTime();
            for (int l = 0; l < net.layers().size(); l++) {
                List<Ciphertext> next = layer(net.layers().get(l), plan.steps().get(l), h);
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
            computeNanos = System.nanoTime() - t0;
            List<byte[]> out = new ArrayList<>(h.size());
            for (Ciphertext c : h) {
                out.add(c.toBytes());
            }
            return out;
        } finally {
            h.forEach(Ciphertext::close);
        }
    }

    private List<Ciphertext> layer(Dense layer, ScalePlan.Step step, List<Ciphertext> in) {
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
    public double[][] decryptScores(List<byte[]> response, int rows) {
        int k = net.outputs();
        if (response.size() != k) {
            throw new MlException("expected " + k + " score ciphertexts, got " + response.size());
        }
        double[][] scores = new double[rows][k];
        for (int c = 0; c < k; c++) {
            try (Ciphertext ct = Ciphertext.fromBytes(context, response.get(c));
                 Plaintext pt = client.decryptor.decrypt(ct)) {
                double[] v = client.encoder.decode(pt);
                for (int i = 0; i < rows; i++) {
                    scores[i][c] = v[i];
                }
            }
        }
        return scores;
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
        return String.format("feature-major batch: %d patients per ciphertext, %d input ciphertexts, %d layers, "
                        + "no rotations, levels %d -> %d", capacity(), net.inputs(), net.layers().size(),
                inputLevel, plan.finalLevel());
    }

    @Override
    public void close() {
        if (keys != null) {
            keys.close();
        }
        client.close();
        context.close();
    }
}
