package io.he4j.ml.he;

import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;

/**
 * First layer of a single-query MLP without baby or giant steps: the client, who holds x in the clear,
 * lays out the rotations the diagonal method needs itself. With S slots and D x D padded weights
 * (D^2 <= S), slot region i (R = S/D slots) holds rot_i(x) replicated with period D; the server multiplies
 * by one plaintext whose region i holds diagonal i, diag_i[j] = M[j][(j + i) mod D], and all-reduces the D
 * regions with log2(D) rotations by R, 2R, ..., S/2. Every region then holds
 * y = sum_i diag_i (.) rot_i(x) = M x, replicated with period D, exactly the layout the following
 * {@link DiagonalPlan} layers expect. Cost: 1 plaintext product and log2(D) rotations instead of D products
 * and about 2 sqrt(D) rotations (Halevi–Shoup diagonals; the client-side rotation is possible because the
 * input is fresh, as in GAZELLE's input packing, Juvekar et al., USENIX Security 2018).
 */
public record RotatedInputLayer(int dim, int slots, double[] weights, double[] bias) {

    public static boolean fits(int dim, int slots) {
        return (long) dim * dim <= slots;
    }

    public static RotatedInputLayer of(Dense layer, int dim, int slots) {
        if (!fits(dim, slots) || layer.in() > dim || layer.out() > dim || Integer.bitCount(dim) != 1) {
            throw new MlException("rotated-input layout needs D^2 <= slots and the layer within D x D: D=" + dim
                    + ", slots=" + slots + ", layer " + layer.out() + "x" + layer.in());
        }
        int region = slots / dim;
        double[] w = new double[slots];
        for (int i = 0; i < dim; i++) {
            double[] diag = new double[dim];
            for (int j = 0; j < layer.out(); j++) {
                int col = (j + i) % dim;
                if (col < layer.in()) {
                    diag[j] = layer.weights()[j][col];
                }
            }
            for (int p = 0; p < region; p += dim) {
                System.arraycopy(diag, 0, w, i * region + p, dim);
            }
        }
        double[] b = new double[dim];
        System.arraycopy(layer.bias(), 0, b, 0, layer.out());
        return new RotatedInputLayer(dim, slots, w, DiagonalPlan.replicate(b, dim, slots));
    }

    /** The client's slot vector for input x. */
    public static double[] clientLayout(double[] x, int dim, int slots) {
        if (x.length > dim || !fits(dim, slots)) {
            throw new MlException("cannot lay out " + x.length + " inputs with D=" + dim + " in " + slots + " slots");
        }
        double[] padded = new double[dim];
        System.arraycopy(x, 0, padded, 0, x.length);
        int region = slots / dim;
        double[] out = new double[slots];
        for (int i = 0; i < dim; i++) {
            double[] r = DiagonalPlan.rotate(padded, i);
            for (int p = 0; p < region; p += dim) {
                System.arraycopy(r, 0, out, i * region + p, dim);
            }
        }
        return out;
    }

    /** Rotation steps of the all-reduce: R, 2R, ..., S/2. */
    public int[] steps() {
        return rotationSteps(dim, slots);
    }

    /** The all-reduce's rotation steps for period {@code dim} in {@code slots} slots. */
    public static int[] rotationSteps(int dim, int slots) {
        int region = slots / dim;
        int n = Integer.numberOfTrailingZeros(dim);
        int[] s = new int[n];
        for (int k = 0; k < n; k++) {
            s[k] = region << k;
        }
        return s;
    }

    /** The same schedule in plaintext (reference for tests). */
    public double[] simulate(double[] layout) {
        double[] acc = new double[slots];
        for (int j = 0; j < slots; j++) {
            acc[j] = layout[j] * weights[j];
        }
        for (int step : steps()) {
            double[] r = DiagonalPlan.rotate(acc, step);
            for (int j = 0; j < slots; j++) {
                acc[j] += r[j];
            }
        }
        for (int j = 0; j < slots; j++) {
            acc[j] += bias[j];
        }
        return acc;
    }
}
