package io.he4j.ml.train;

import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.OutputLink;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mean loss of a fully connected network over a training set, plus (l2 / 2) * sum of squared weights
 * (biases are not penalized), with its exact gradient by backpropagation. Loss by output link: binary
 * cross-entropy on the logit (sigmoid), multinomial cross-entropy (softmax), half squared error (identity).
 * With no hidden layer this is (multinomial) logistic regression or ridge-regularized least squares.
 * Parameter layout: for each layer, W row-major (out x in), then b.
 */
public final class NetworkObjective implements Objective {
    private final int[] sizes;
    private final List<Activation> activations;
    private final OutputLink link;
    private final double l2;
    private final double[][] x;
    private final double[] y;
    private final int[] offsets;
    private final int dim;

    public NetworkObjective(int[] sizes, List<Activation> activations, OutputLink link, double l2, double[][] x,
                            double[] y) {
        if (sizes.length < 2 || activations.size() != sizes.length - 2) {
            throw new MlException("network objective: " + sizes.length + " sizes need " + (sizes.length - 2)
                    + " activations, got " + activations.size());
        }
        this.sizes = sizes.clone();
        this.activations = List.copyOf(activations);
        this.link = link;
        this.l2 = l2;
        this.x = x;
        this.y = y;
        this.offsets = new int[sizes.length];
        int off = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            offsets[l] = off;
            off += sizes[l + 1] * sizes[l] + sizes[l + 1];
        }
        offsets[sizes.length - 1] = off;
        this.dim = off;
    }

    @Override
    public int dimension() {
        return dim;
    }

    /** Seeded initialization: W ~ N(0, 1 / fan_in) (LeCun), b = 0. */
    public double[] initialParameters(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] theta = new double[dim];
        for (int l = 0; l + 1 < sizes.length; l++) {
            double sd = Math.sqrt(1.0 / sizes[l]);
            int n = sizes[l + 1] * sizes[l];
            for (int i = 0; i < n; i++) {
                theta[offsets[l] + i] = sd * rnd.nextGaussian();
            }
        }
        return theta;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] grad) {
        java.util.Arrays.fill(grad, 0);
        int layers = sizes.length - 1;
        double[][] z = new double[layers][];
        double[][] a = new double[layers + 1][];
        double total = 0;
        for (int s = 0; s < x.length; s++) {
            a[0] = x[s];
            for (int l = 0; l < layers; l++) {
                int in = sizes[l];
                int out = sizes[l + 1];
                int w0 = offsets[l];
                int b0 = w0 + out * in;
                double[] zl = new double[out];
                double[] prev = a[l];
                for (int o = 0; o < out; o++) {
                    double acc = theta[b0 + o];
                    int row = w0 + o * in;
                    for (int i = 0; i < in; i++) {
                        acc += theta[row + i] * prev[i];
                    }
                    zl[o] = acc;
                }
                z[l] = zl;
                if (l + 1 < layers) {
                    Activation act = activations.get(l);
                    double[] al = new double[out];
                    for (int o = 0; o < out; o++) {
                        al[o] = act.apply(zl[o]);
                    }
                    a[l + 1] = al;
                }
            }
            double[] scores = z[layers - 1];
            double[] delta = new double[scores.length];
            total += lossAndDelta(scores, y[s], delta);
            for (int l = layers - 1; l >= 0; l--) {
                int in = sizes[l];
                int out = sizes[l + 1];
                int w0 = offsets[l];
                int b0 = w0 + out * in;
                double[] prev = a[l];
                double[] back = l > 0 ? new double[in] : null;
                for (int o = 0; o < out; o++) {
                    double d = delta[o];
                    if (d == 0) {
                        continue;
                    }
                    grad[b0 + o] += d;
                    int row = w0 + o * in;
                    for (int i = 0; i < in; i++) {
                        grad[row + i] += d * prev[i];
                        if (back != null) {
                            back[i] += d * theta[row + i];
                        }
                    }
                }
                if (l > 0) {
                    Activation act = activations.get(l - 1);
                    double[] zp = z[l - 1];
                    for (int i = 0; i < in; i++) {
                        back[i] *= act.derivative(zp[i]);
                    }
                    delta = back;
                }
            }
        }
        double n = x.length;
        double reg = 0;
        for (int g = 0; g < dim; g++) {
            grad[g] /= n;
        }
        for (int l = 0; l + 1 < sizes.length; l++) {
            int w0 = offsets[l];
            int nw = sizes[l + 1] * sizes[l];
            for (int i = 0; i < nw; i++) {
                double w = theta[w0 + i];
                reg += w * w;
                grad[w0 + i] += l2 * w;
            }
        }
        return total / n + 0.5 * l2 * reg;
    }

    private double lossAndDelta(double[] s, double target, double[] delta) {
        return switch (link) {
            case SIGMOID -> {
                double v = s[0];
                delta[0] = OutputLink.sigmoid(v) - target;
                // log(1 + e^v) - y v, computed stably
                yield (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v))) - target * v;
            }
            case SOFTMAX -> {
                double[] p = OutputLink.softmax(s);
                int cls = (int) target;
                double max = Double.NEGATIVE_INFINITY;
                for (double v : s) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (double v : s) {
                    sum += Math.exp(v - max);
                }
                for (int k = 0; k < s.length; k++) {
                    delta[k] = p[k] - (k == cls ? 1 : 0);
                }
                yield max + Math.log(sum) - s[cls];
            }
            case IDENTITY -> {
                double e = s[0] - target;
                delta[0] = e;
                yield 0.5 * e * e;
            }
        };
    }

    /** Unpacks a parameter vector into layers. */
    public List<Dense> layers(double[] theta) {
        List<Dense> out = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l];
            int o = sizes[l + 1];
            double[][] w = new double[o][in];
            double[] b = new double[o];
            for (int r = 0; r < o; r++) {
                System.arraycopy(theta, offsets[l] + r * in, w[r], 0, in);
            }
            System.arraycopy(theta, offsets[l] + o * in, b, 0, o);
            out.add(new Dense(w, b));
        }
        return out;
    }

    /** Pre-activation values of hidden layer {@code layer} over the training set: [min, max]. */
    public double[] preActivationRange(double[] theta, int layer) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<Dense> ls = layers(theta);
        for (double[] row : x) {
            double[] h = row;
            for (int l = 0; l <= layer; l++) {
                h = ls.get(l).apply(h);
                if (l == layer) {
                    for (double v : h) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                } else {
                    Activation act = activations.get(l);
                    for (int i = 0; i < h.length; i++) {
                        h[i] = act.apply(h[i]);
                    }
                }
            }
        }
        return new double[]{lo, hi};
    }
}
