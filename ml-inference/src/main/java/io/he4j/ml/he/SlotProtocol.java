package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CkksParameters;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.EvaluationKeys;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.Plaintext;
import io.he4j.ml.MlException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Single-query inference of an MLP on slot-encoded vectors: each layer is a {@link DiagonalPlan} (diagonal
 * method with baby-step/giant-step and hoisted baby-step rotations), each activation one squaring, with
 * levels and scales from {@link ScalePlan}. The input is replicated with period D over all slots, so layer
 * outputs come out replicated and need no re-packing. The server holds the relinearization key and Galois
 * keys for exactly the rotation steps the plans use, never the secret key.
 */
public final class SlotProtocol implements SingleQueryProtocol {
    private final String preset;
    private final CkksContext context;
    private final ClientKeys client;
    private final int dim;
    private final int inputs;
    private final int inputLevel;
    private final int outputs;
    private final ScalePlan plan;
    private final List<DiagonalPlan> layers;
    /** The first layer when D^2 <= slots: client-side rotations, one product, log2(D) rotations. */
    private final java.util.Optional<RotatedInputLayer> first;
    private Plaintext firstWeights;
    /**
     * Last layer of a multi-layer network as row products + rotateSum: block o (D slots) of one plaintext holds
     * row o, so after one product and log2(D) rotations slot o*D holds score o (needs K*D <= slots).
     */
    private final boolean lastByRows;
    /** Whether the last (row-product) layer is rescaled before its rotateSum ({@link ScalePlan#planRescaledLast}). */
    private final boolean lastRescaled;
    private Plaintext lastRows;
    // server side
    private final EvaluationKeys keys;
    private final Evaluator evaluator;
    private final List<Plaintext[]> diagonals = new ArrayList<>();
    private final List<Plaintext> biases = new ArrayList<>();
    private final int rotationKeys;
    private long computeNanos;

    public SlotProtocol(SquareNetwork net, String preset) {
        this.preset = preset;
        this.context = CkksContext.create(CkksParameters.preset(preset));
        try {
            int slots = context.slotCount();
            this.dim = Integer.highestOneBit(Math.max(2, net.maxWidth()) * 2 - 1);
            if (dim > slots) {
                throw new MlException("layer width " + net.maxWidth() + " exceeds the " + slots + " slots of " + preset);
            }
            this.inputs = net.inputs();
            this.outputs = net.outputs();
            long[] q = Arrays.copyOf(context.moduli(), context.maxLevel() + 1);
            this.inputLevel = ScalePlan.inputLevel(net, context.maxLevel());
            this.layers = net.layers().stream().map(l -> DiagonalPlan.of(l, dim)).toList();
            this.first = RotatedInputLayer.fits(dim, slots)
                    ? java.util.Optional.of(RotatedInputLayer.of(net.layers().getFirst(), dim, slots))
                    : java.util.Optional.empty();
            this.lastByRows = layers.size() > 1 && (long) outputs * dim <= slots;
            // row-product last layer: rescale its product too, so its rotateSum runs one prime lower (this needs a
            // smaller input scale, chosen so the scores keep their headroom in q_0)
            java.util.Optional<ScalePlan> rescaled = lastByRows
                    ? ScalePlan.planRescaledLast(net, q, inputLevel, context.defaultScale()) : java.util.Optional.empty();
            this.lastRescaled = rescaled.isPresent();
            this.plan = rescaled.orElseGet(() -> ScalePlan.plan(net, q, inputLevel, context.defaultScale()));
            TreeSet<Integer> steps = new TreeSet<>();
            first.ifPresent(f -> Arrays.stream(f.steps()).forEach(steps::add));
            if (lastByRows) {
                Arrays.stream(io.he4j.ckks.KeyGenerator.rotateSumSteps(dim)).forEach(steps::add);
            }
            for (DiagonalPlan p : layers.subList(first.isPresent() ? 1 : 0, layers.size() - (lastByRows ? 1 : 0))) {
                Arrays.stream(p.babySteps()).forEach(steps::add);
                Arrays.stream(p.giantSteps()).forEach(steps::add);
            }
            this.rotationKeys = steps.size();
            this.client = new ClientKeys(context);
            this.keys = client.evaluationKeys(steps.stream().mapToInt(Integer::intValue).toArray());
            this.evaluator = new Evaluator(context, keys);
            Encoder serverEncoder = new Encoder(context);
            for (int l = 0; l < layers.size(); l++) {
                DiagonalPlan p = layers.get(l);
                ScalePlan.Step step = plan.steps().get(l);
                Plaintext[] pts = new Plaintext[dim];
                if (l == layers.size() - 1 && lastByRows) {
                    double[] rows = new double[slots];
                    double[] bias = new double[slots];
                    io.he4j.ml.model.Dense last = net.layers().getLast();
                    for (int o = 0; o < outputs; o++) {
                        System.arraycopy(last.weights()[o], 0, rows, o * dim, last.in());
                        bias[o * dim] = last.bias()[o];
                    }
                    lastRows = serverEncoder.encode(rows, step.weightScale(), step.level());
                    diagonals.add(pts);
                    biases.add(lastRescaled ? serverEncoder.encode(bias, step.inputScale(), step.level() - 1)
                            : serverEncoder.encode(bias, step.biasScale(), step.level()));
                    continue;
                }
                if (l == 0 && first.isPresent()) {
                    firstWeights = serverEncoder.encode(first.get().weights(), step.weightScale(), step.level());
                    diagonals.add(pts);
                    // the product is rescaled before the all-reduce (cheaper rotations with one prime fewer),
                    // so the bias meets it at level - 1 and the input scale (weights are at scale q_level)
                    biases.add(serverEncoder.encode(first.get().bias(), step.inputScale(), step.level() - 1));
                    continue;
                }
                for (int i = 0; i < dim; i++) {
                    if (p.diagonals()[i].length > 0) {
                        pts[i] = serverEncoder.encode(DiagonalPlan.replicate(p.diagonals()[i], dim, slots),
                                step.weightScale(), step.level());
                    }
                }
                diagonals.add(pts);
                biases.add(serverEncoder.encode(DiagonalPlan.replicate(p.bias(), dim, slots), step.biasScale(),
                        step.level()));
            }
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
        double[] layout = first.isPresent() ? RotatedInputLayer.clientLayout(features, dim, context.slotCount())
                : DiagonalPlan.replicate(features, dim, context.slotCount());
        try (Plaintext pt = client.encoder.encode(layout, plan.steps().getFirst().inputScale(), inputLevel);
             Ciphertext ct = client.encryptor.encrypt(pt)) {
            return ct.toBytes();
        }
    }

    @Override
    public byte[] evaluate(byte[] query) {
        Ciphertext x = Ciphertext.fromBytes(context, query);
        if (x.level() != inputLevel) {
            x.close();
            throw new MlException("query at level " + x.level() + ", expected " + inputLevel);
        }
        try (Ciphertext tmp = new Ciphertext(context)) {
            long t0 = System.nanoTime();
            for (int l = 0; l < layers.size(); l++) {
                Ciphertext y = layer(l, x, tmp);
                x.close();
                x = y;
                if (plan.steps().get(l).rescale() && l + 1 < layers.size()) {
                    if (!(l == 0 && first.isPresent())) {
                        evaluator.rescale(x, x);
                    }
                    evaluator.squareRelin(x, x);
                    evaluator.rescale(x, x);
                }
            }
            computeNanos = System.nanoTime() - t0;
            return x.toBytes();
        } finally {
            x.close();
        }
    }

    private Ciphertext layer(int l, Ciphertext x, Ciphertext tmp) {
        if (l == 0 && first.isPresent()) {
            Ciphertext acc = evaluator.mulPlain(x, firstWeights);
            // rotations commute with rescaling: all-reduce at one prime fewer
            evaluator.rescale(acc, acc);
            for (int step : first.get().steps()) {
                evaluator.rotate(acc, step, tmp);
                evaluator.add(acc, tmp, acc);
            }
            evaluator.addPlain(acc, biases.getFirst(), acc);
            return acc;
        }
        if (l == layers.size() - 1 && lastByRows) {
            Ciphertext acc = evaluator.mulPlain(x, lastRows);
            if (lastRescaled) {
                evaluator.rescale(acc, acc);
            }
            evaluator.rotateSum(acc, dim, acc);
            evaluator.addPlain(acc, biases.getLast(), acc);
            return acc;
        }
        DiagonalPlan p = layers.get(l);
        Plaintext[] pts = diagonals.get(l);
        int[] baby = p.babySteps();
        Ciphertext[] rotated = new Ciphertext[p.n1()];
        rotated[0] = x;
        Ciphertext[] hoisted = baby.length == 0 ? new Ciphertext[0] : evaluator.rotateHoisted(x, baby);
        for (int i = 0; i < baby.length; i++) {
            rotated[baby[i]] = hoisted[i];
        }
        Ciphertext acc = null;
        try {
            for (int g = 0; g < p.n2(); g++) {
                if (!p.groupUsed(g)) {
                    continue;
                }
                Ciphertext inner = null;
                for (int b = 0; b < p.n1(); b++) {
                    Plaintext d = pts[g * p.n1() + b];
                    if (d == null) {
                        continue;
                    }
                    if (inner == null) {
                        inner = evaluator.mulPlain(rotated[b], d);
                    } else {
                        evaluator.mulPlain(rotated[b], d, tmp);
                        evaluator.add(inner, tmp, inner);
                    }
                }
                if (g > 0) {
                    evaluator.rotate(inner, g * p.n1(), inner);
                }
                if (acc == null) {
                    acc = inner;
                } else {
                    evaluator.add(acc, inner, acc);
                    inner.close();
                }
            }
            evaluator.addPlain(acc, biases.get(l), acc);
            return acc;
        } finally {
            for (Ciphertext c : hoisted) {
                c.close();
            }
        }
    }

    @Override
    public double[] decryptScores(byte[] response) {
        try (Ciphertext ct = Ciphertext.fromBytes(context, response);
             Plaintext pt = client.decryptor.decrypt(ct)) {
            double[] slots = client.encoder.decode(pt);
            double[] scores = new double[outputs];
            for (int o = 0; o < outputs; o++) {
                scores[o] = slots[lastByRows ? o * dim : o];
            }
            return scores;
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
        int mults = layers.stream().skip(first.isPresent() ? 1 : 0).limit(layers.size() - (first.isPresent() ? 1 : 0)
                        - (lastByRows ? 1 : 0)).mapToInt(DiagonalPlan::nonZeroDiagonals).sum()
                + (first.isPresent() ? 1 : 0) + (lastByRows ? 1 : 0);
        return String.format("slot encoding, diagonal method%s%s: D=%d, %d layers, "
                        + "%d plaintext products, %d rotation keys, levels %d -> %d",
                first.isPresent() ? " (first layer on client-rotated input: 1 product, log2 D rotations)" : "",
                lastByRows ? ", last layer as row products" + (lastRescaled ? ", rescaled," : "") + " + rotateSum" : "", dim,
                layers.size(), mults, rotationKeys, inputLevel, plan.finalLevel());
    }

    @Override
    public void close() {
        diagonals.forEach(a -> Arrays.stream(a).filter(java.util.Objects::nonNull).forEach(Plaintext::close));
        biases.forEach(Plaintext::close);
        if (firstWeights != null) {
            firstWeights.close();
        }
        if (lastRows != null) {
            lastRows.close();
        }
        keys.close();
        client.close();
        context.close();
    }
}
