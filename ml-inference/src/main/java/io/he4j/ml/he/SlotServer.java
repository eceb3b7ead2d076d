package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.Plaintext;
import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;
import io.he4j.protocol.QueryLayout;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Server side of single-query MLP inference on slot-encoded vectors ({@link SlotPlan}): each layer by the
 * diagonal method with baby-step/giant-step and hoisted baby-step rotations, each activation one squaring.
 * Needs the client's relinearization key and Galois keys for exactly the plan's rotation steps.
 */
final class SlotServer implements ProtocolServer {
    private final QueryLayout layout;
    private final CkksContext context;
    private final SlotPlan plan;
    private final Plaintext firstWeights;
    private final Plaintext lastRows;
    private final List<Plaintext[]> diagonals = new ArrayList<>();
    private final List<Plaintext> biases = new ArrayList<>();

    SlotServer(CkksContext context, QueryLayout layout, SquareNetwork net) {
        this.layout = layout;
        this.context = context;
        this.plan = SlotPlan.of(net, context);
        if (!plan.layout(net, layout.preset(), context).equals(layout)) {
            throw new MlException("slot plan: the layout does not match this network under " + layout.preset());
        }
        int slots = context.slotCount();
        int dim = plan.dim();
        Encoder encoder = new Encoder(context);
        Plaintext first = null;
        Plaintext rows = null;
        List<DiagonalPlan> layers = plan.layers();
        for (int l = 0; l < layers.size(); l++) {
            ScalePlan.Step step = plan.scales().steps().get(l);
            Plaintext[] pts = new Plaintext[dim];
            diagonals.add(pts);
            if (l == layers.size() - 1 && plan.lastByRows()) {
                double[] rowVector = new double[slots];
                double[] bias = new double[slots];
                Dense last = net.layers().getLast();
                for (int o = 0; o < net.outputs(); o++) {
                    System.arraycopy(last.weights()[o], 0, rowVector, o * dim, last.in());
                    bias[o * dim] = last.bias()[o];
                }
                rows = encoder.encode(rowVector, step.weightScale(), step.level());
                biases.add(plan.lastRescaled() ? encoder.encode(bias, step.inputScale(), step.level() - 1)
                        : encoder.encode(bias, step.biasScale(), step.level()));
                continue;
            }
            if (l == 0 && plan.first().isPresent()) {
                first = encoder.encode(plan.first().get().weights(), step.weightScale(), step.level());
                // the product is rescaled before the all-reduce (cheaper rotations with one prime fewer),
                // so the bias meets it at level - 1 and the input scale (weights are at scale q_level)
                biases.add(encoder.encode(plan.first().get().bias(), step.inputScale(), step.level() - 1));
                continue;
            }
            DiagonalPlan p = layers.get(l);
            for (int i = 0; i < dim; i++) {
                if (p.diagonals()[i].length > 0) {
                    pts[i] = encoder.encode(DiagonalPlan.replicate(p.diagonals()[i], dim, slots), step.weightScale(),
                            step.level());
                }
            }
            biases.add(encoder.encode(DiagonalPlan.replicate(p.bias(), dim, slots), step.biasScale(), step.level()));
        }
        this.firstWeights = first;
        this.lastRows = rows;
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
        Ciphertext x = QueryInput.load(context, layout, query, 1).getFirst();
        try (Ciphertext tmp = new Ciphertext(context)) {
            long t0 = System.nanoTime();
            int count = plan.layers().size();
            for (int l = 0; l < count; l++) {
                Ciphertext y = layer(l, x, tmp, evaluator);
                x.close();
                x = y;
                if (plan.scales().steps().get(l).rescale() && l + 1 < count) {
                    if (!(l == 0 && plan.first().isPresent())) {
                        evaluator.rescale(x, x);
                    }
                    evaluator.squareRelin(x, x);
                    evaluator.rescale(x, x);
                }
            }
            privacy.protect(x);
            long nanos = System.nanoTime() - t0;
            return new ServerReply(List.of(x.toBytes()), nanos);
        } finally {
            x.close();
        }
    }

    private Ciphertext layer(int l, Ciphertext x, Ciphertext tmp, Evaluator evaluator) {
        if (l == 0 && plan.first().isPresent()) {
            Ciphertext acc = evaluator.mulPlain(x, firstWeights);
            // rotations commute with rescaling: all-reduce at one prime fewer
            evaluator.rescale(acc, acc);
            for (int step : plan.first().get().steps()) {
                evaluator.rotate(acc, step, tmp);
                evaluator.add(acc, tmp, acc);
            }
            evaluator.addPlain(acc, biases.getFirst(), acc);
            return acc;
        }
        if (l == plan.layers().size() - 1 && plan.lastByRows()) {
            Ciphertext acc = evaluator.mulPlain(x, lastRows);
            if (plan.lastRescaled()) {
                evaluator.rescale(acc, acc);
            }
            evaluator.rotateSum(acc, plan.dim(), acc);
            evaluator.addPlain(acc, biases.getLast(), acc);
            return acc;
        }
        DiagonalPlan p = plan.layers().get(l);
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
    public String description() {
        boolean first = plan.first().isPresent();
        int n = plan.layers().size();
        int mults = plan.layers().stream().skip(first ? 1 : 0).limit(n - (first ? 1 : 0) - (plan.lastByRows() ? 1 : 0))
                .mapToInt(DiagonalPlan::nonZeroDiagonals).sum() + (first ? 1 : 0) + (plan.lastByRows() ? 1 : 0);
        return String.format("slot encoding, diagonal method%s%s: D=%d, %d layers, "
                        + "%d plaintext products, %d rotation keys, levels %d -> %d",
                first ? " (first layer on client-rotated input: 1 product, log2 D rotations)" : "",
                plan.lastByRows() ? ", last layer as row products" + (plan.lastRescaled() ? ", rescaled," : "")
                        + " + rotateSum" : "", plan.dim(), n, mults, plan.steps().length, plan.inputLevel(),
                plan.scales().finalLevel());
    }

    @Override
    public void close() {
        diagonals.forEach(a -> Arrays.stream(a).filter(Objects::nonNull).forEach(Plaintext::close));
        biases.forEach(Plaintext::close);
        if (firstWeights != null) {
            firstWeights.close();
        }
        if (lastRows != null) {
            lastRows.close();
        }
    }
}
