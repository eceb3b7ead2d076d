package io.he4j.ml.he;

import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A square network with one or two hidden layers is exactly a polynomial in its input, of degree 2 or 4: with
 * one hidden layer, score_c = b2_c + sum_i w2_ci (W1_i . x + b1_i)^2 = x^T A_c x + g_c . x + d_c (a quadratic
 * form); with two, the square of such quadratics, summed. The client, who owns x, sends its monomials
 * ({@link #features}); the server evaluates the expanded linear model ({@link #expand}) on them by coefficient
 * encoding ({@link CoefficientServer}): plaintext products, no evaluation key, so the reply's noise is the
 * query's through integer weights and the statistical flood of {@link Flooding} applies. Same scores as the
 * network up to floating-point rounding; the server still learns nothing but ciphertexts.
 *
 * <p>The monomial order (one definition, for the client and the server): degree k first, then k - 1, ..., 1;
 * within a degree, index tuples j1 <= j2 <= ... in lexicographic order. Degree 2: x_j x_k for j <= k, then
 * x_j. There are C(D + k, k) - 1 of them (no constant: it is the bias).
 *
 * <p>Single queries: fits when the monomials fit the ring, N = 8192 at most ({@link #applies}; the classes then
 * take as many products as they need, {@link CoefficientPacking}): D <= 126 for degree 2 (digits' 64 features:
 * 2144 monomials), D <= 18 for degree 4 (Cleveland's 13: 2379). The upload is one ciphertext either way (the
 * monomials replace the features in its N coefficients); what grows with the monomials is the scale the
 * weights need, which the error target may refuse ({@link CoefficientScales}).
 *
 * <p>Batches take degree 2 feature-major ({@link ProtocolKind#QUADRATIC_FORM_BATCH}): one ciphertext per
 * monomial, patient i in slot i, evaluated as a linear batch by {@link FeatureMajorServer} and flooded
 * statistically like one ({@link BatchFlood}). There the upload grows with the D(D+3)/2 monomials instead of
 * D features; {@link #MAX_BATCH_MONOMIALS} is where that stops being worth it.
 */
public final class PolynomialForm {
    private PolynomialForm() {
    }

    /** The polynomial degree of a square network: 2^(hidden layers). */
    static int degree(SquareNetwork net) {
        return 1 << net.squares();
    }

    /** The single-query kind that sends a network's monomials: by its number of hidden layers (1 or 2). */
    static ProtocolKind singleKind(SquareNetwork net) {
        return switch (net.squares()) {
            case 1 -> ProtocolKind.QUADRATIC_FORM;
            case 2 -> ProtocolKind.QUARTIC_FORM;
            default -> throw new MlException("no polynomial form for " + net.squares() + " hidden layers");
        };
    }

    /**
     * Whether a single query of the network can be its monomials: one or two hidden square layers, and the
     * monomials fit {@code polyDegree} coefficients.
     */
    public static boolean applies(SquareNetwork net, int polyDegree) {
        return (net.squares() == 1 || net.squares() == 2)
                && monomials(net.inputs(), degree(net)) <= polyDegree;
    }

    /**
     * Most monomials a batch query is expanded to (D <= 33). The upload and the client's encryption grow with the
     * monomial count, (D + 3) / 2 times the feature-major MLP batch's (bench/results/qf-batch-20261205: breast
     * cancer's 495 monomials are 85 MB per 4096-patient batch, 20.8 KB and ~94 us of encryption per patient,
     * against 5.2 MB for its 30 features); at 600 a batch request passes 100 MB, past what a service should
     * buffer per request, so wider one-hidden-layer networks keep the feature-major MLP batch (with the
     * precision-limited flood, no statistical bound).
     */
    static final int MAX_BATCH_MONOMIALS = 600;

    /** Whether a batch of {@code net} is sent as monomials ({@link ProtocolKind#QUADRATIC_FORM_BATCH}). */
    static boolean appliesToBatch(SquareNetwork net) {
        return net.squares() == 1 && monomials(net.inputs(), 2) <= MAX_BATCH_MONOMIALS;
    }

    /** Ciphertexts in one batch query of {@code layout}: a monomial or a feature each. */
    static int batchCiphertexts(QueryLayout layout) {
        return layout.kind() == ProtocolKind.QUADRATIC_FORM_BATCH ? monomials(layout.inputs(), 2) : layout.inputs();
    }

    /** The network a batch server of {@code layout} evaluates: the linear model over monomials, or {@code net}. */
    static SquareNetwork batchNetwork(SquareNetwork net, QueryLayout layout) {
        return layout.kind() == ProtocolKind.QUADRATIC_FORM_BATCH ? linearModel(net) : net;
    }

    /** The network as a linear model over {@link #features} of its degree. */
    static SquareNetwork linearModel(SquareNetwork net) {
        return new SquareNetwork(List.of(expand(net)), net.output());
    }

    /** Monomials of degree 1..{@code degree} in {@code d} variables: C(d + degree, degree) - 1. */
    static int monomials(int d, int degree) {
        long c = 1;
        for (int i = 1; i <= degree; i++) {
            c = c * (d + i) / i;     // C(d + i, i), exact at every step
        }
        return (int) Math.min(Integer.MAX_VALUE, c - 1);
    }

    /** The monomials of x up to {@code degree}, in this class's order (degree 1: x itself). */
    static double[] features(double[] x, int degree) {
        double[] phi = new double[monomials(x.length, degree)];
        int at = 0;
        for (int k = degree; k >= 1; k--) {
            at = products(x, k, 0, 1.0, phi, at);
        }
        return phi;
    }

    /** Writes x_{j1} ... x_{jk} * prefix for from <= j1 <= ... <= jk in lexicographic order; returns the next index. */
    private static int products(double[] x, int k, int from, double prefix, double[] out, int at) {
        for (int j = from; j < x.length; j++) {
            if (k == 1) {
                out[at++] = prefix * x[j];
            } else {
                at = products(x, k - 1, j, prefix * x[j], out, at);
            }
        }
        return at;
    }

    /**
     * The network as a linear model over {@link #features} of its degree: layer by layer, each unit is a
     * polynomial in x (affine, then squared), its coefficients kept as double-double sums (about 106 bits:
     * error-free products and sums, Dekker 1971 / Ogita, Rump and Oishi 2005) and rounded to double at the end,
     * so where raw-feature terms cancel the expansion adds only about 2^-100 of the largest term beyond one
     * rounding per weight.
     */
    static Dense expand(SquareNetwork net) {
        int d = net.inputs();
        int degree = degree(net);
        if (net.squares() > 2) {
            throw new MlException("a network with " + net.squares() + " hidden layers has no polynomial form here");
        }
        List<Map<Long, double[]>> units = new java.util.ArrayList<>();
        for (int j = 0; j < d; j++) {
            Map<Long, double[]> xj = new HashMap<>();
            xj.put(key(new int[]{j}, d), new double[]{1, 0});
            units.add(xj);
        }
        List<Dense> layers = net.layers();
        for (int l = 0; l < layers.size(); l++) {
            Dense layer = layers.get(l);
            List<Map<Long, double[]>> next = new java.util.ArrayList<>(layer.out());
            for (int o = 0; o < layer.out(); o++) {
                Map<Long, double[]> z = new HashMap<>();
                z.put(0L, new double[]{layer.bias()[o], 0});
                for (int i = 0; i < layer.in(); i++) {
                    double w = layer.weights()[o][i];
                    units.get(i).forEach((m, c) -> addProduct(z.computeIfAbsent(m, k -> new double[2]), c, w));
                }
                next.add(l + 1 < layers.size() ? square(z, d) : z);
            }
            units = next;
        }
        Map<Long, Integer> index = basisIndex(d, degree);
        double[][] w = new double[units.size()][index.size()];
        double[] bias = new double[units.size()];
        for (int c = 0; c < units.size(); c++) {
            for (Map.Entry<Long, double[]> e : units.get(c).entrySet()) {
                double v = e.getValue()[0] + e.getValue()[1];
                if (e.getKey() == 0L) {
                    bias[c] = v;
                } else {
                    w[c][index.get(e.getKey())] = v;
                }
            }
        }
        return new Dense(w, bias);
    }

    /** acc += c * w in double-double (acc and c are {hi, lo}). */
    private static void addProduct(double[] acc, double[] c, double w) {
        double p = c[0] * w;
        double e = Math.fma(c[0], w, -p) + c[1] * w;      // TwoProduct's error, plus the low part
        add(acc, p, e);
    }

    /** acc += (hi, lo) in double-double (TwoSum, then renormalize). */
    private static void add(double[] acc, double hi, double lo) {
        double s = acc[0] + hi;
        double bb = s - acc[0];
        double err = (acc[0] - (s - bb)) + (hi - bb) + acc[1] + lo;
        acc[0] = s + err;
        acc[1] = err - (acc[0] - s);
    }

    /** acc += factor * a * b in double-double (a and b are {hi, lo}; factor 1 or 2). */
    private static void addProduct(double[] acc, double[] a, double[] b, double factor) {
        double p = a[0] * b[0];
        double e = Math.fma(a[0], b[0], -p) + a[0] * b[1] + a[1] * b[0];
        add(acc, p * factor, e * factor);     // factor 1 or 2: exact
    }

    /** Monomial key to its index in {@link #features}: the same walk, over keys instead of values. */
    private static Map<Long, Integer> basisIndex(int d, int degree) {
        Map<Long, Integer> index = new HashMap<>();
        for (int k = degree; k >= 1; k--) {
            keys(d, k, 0, 0L, index);
        }
        return index;
    }

    private static void keys(int d, int k, int from, long prefix, Map<Long, Integer> index) {
        for (int j = from; j < d; j++) {
            long key = prefix * (d + 1) + j + 1;
            if (k == 1) {
                index.put(key, index.size());
            } else {
                keys(d, k - 1, j, key, index);
            }
        }
    }

    /** A monomial's key: its ascending index tuple as digits 1..d in base d + 1 (0 is the constant). */
    private static long key(int[] ascending, int d) {
        long key = 0;
        for (int j : ascending) {
            key = key * (d + 1) + j + 1;
        }
        return key;
    }

    /** The product of two monomials, by key: their index tuples merged. */
    private static long times(long a, long b, int d) {
        int[] ta = tuple(a, d);
        int[] tb = tuple(b, d);
        int[] merged = new int[ta.length + tb.length];
        System.arraycopy(ta, 0, merged, 0, ta.length);
        System.arraycopy(tb, 0, merged, ta.length, tb.length);
        java.util.Arrays.sort(merged);
        return key(merged, d);
    }

    private static int[] tuple(long key, int d) {
        int[] digits = new int[8];
        int n = 0;
        for (long k = key; k > 0; k /= d + 1) {
            digits[n++] = (int) (k % (d + 1)) - 1;
        }
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = digits[n - 1 - i];
        }
        return t;
    }

    private static Map<Long, double[]> square(Map<Long, double[]> z, int d) {
        Map<Long, double[]> out = new HashMap<>();
        Long[] keys = z.keySet().toArray(new Long[0]);
        for (int a = 0; a < keys.length; a++) {
            double[] ca = z.get(keys[a]);
            addProduct(out.computeIfAbsent(times(keys[a], keys[a], d), k -> new double[2]), ca, ca, 1);
            for (int b = a + 1; b < keys.length; b++) {
                addProduct(out.computeIfAbsent(times(keys[a], keys[b], d), k -> new double[2]), ca, z.get(keys[b]), 2);
            }
        }
        return out;
    }
}
