package io.he4j.ml.he;

import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Matrix-vector product on slot-encoded vectors by the diagonal method (Halevi and Shoup, "Algorithms in
 * HElib", CRYPTO 2014) with the baby-step/giant-step split of the rotations (Halevi and Shoup, "Faster
 * homomorphic linear transformations in HElib", CRYPTO 2018):
 * <pre>
 *   y = sum_i diag_i (.) rot_i(x),  diag_i[j] = M[j][(j + i) mod D]
 *     = sum_g rot_{g n1}( sum_b rot_{-g n1}(diag_{g n1 + b}) (.) rot_b(x) )
 * </pre>
 * so only n1 - 1 baby-step rotations of x (one hoisted key-switching decomposition) and n2 - 1 giant-step
 * rotations are needed for D = n1 n2 diagonals. The matrix is zero-padded to D x D with D a power of two;
 * vectors are replicated with period D across all slots, so a rotation of the whole slot vector is a cyclic
 * rotation of every period and the output comes out replicated again: no extra rotation between layers.
 * All-zero diagonals (and giant steps whose diagonals are all zero) are skipped.
 *
 * @param dim       D
 * @param n1        baby steps
 * @param n2        giant steps
 * @param diagonals diagonals[i] (length D, already pre-rotated by -g*n1), or an empty array if zero
 * @param bias      bias padded to D
 */
public record DiagonalPlan(int dim, int n1, int n2, double[][] diagonals, double[] bias) {

    public static DiagonalPlan of(Dense layer, int dim) {
        if (Integer.bitCount(dim) != 1 || layer.in() > dim || layer.out() > dim) {
            throw new MlException("diagonal plan: D must be a power of two >= the layer's " + layer.out() + " x "
                    + layer.in() + ", got " + dim);
        }
        int log = Integer.numberOfTrailingZeros(dim);
        // n1 about 2 sqrt(D): hoisted baby steps share one decomposition and cost less than giant steps
        int n1 = 1 << Math.min(log, (log + 2) / 2);
        int n2 = dim / n1;
        double[][] diags = new double[dim][];
        for (int i = 0; i < dim; i++) {
            double[] d = new double[dim];
            boolean any = false;
            for (int j = 0; j < layer.out(); j++) {
                int col = (j + i) % dim;
                if (col < layer.in()) {
                    d[j] = layer.weights()[j][col];
                    any |= d[j] != 0;
                }
            }
            int g = i / n1;
            diags[i] = any ? rotate(d, -g * n1) : new double[0];
        }
        double[] bias = new double[dim];
        System.arraycopy(layer.bias(), 0, bias, 0, layer.out());
        return new DiagonalPlan(dim, n1, n2, diags, bias);
    }

    /** Baby steps b (> 0) that some non-zero diagonal uses. */
    public int[] babySteps() {
        TreeSet<Integer> s = new TreeSet<>();
        for (int i = 0; i < dim; i++) {
            if (diagonals[i].length > 0 && i % n1 != 0) {
                s.add(i % n1);
            }
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Giant steps g * n1 (> 0) with at least one non-zero diagonal. */
    public int[] giantSteps() {
        List<Integer> s = new ArrayList<>();
        for (int g = 1; g < n2; g++) {
            if (groupUsed(g)) {
                s.add(g * n1);
            }
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    public boolean groupUsed(int g) {
        for (int b = 0; b < n1; b++) {
            if (diagonals[g * n1 + b].length > 0) {
                return true;
            }
        }
        return false;
    }

    /** Number of non-zero diagonals (plaintext multiplications). */
    public int nonZeroDiagonals() {
        int n = 0;
        for (double[] d : diagonals) {
            n += d.length > 0 ? 1 : 0;
        }
        return n;
    }

    /** Replicates a length-D vector (shorter ones are zero-padded) over {@code slots} slots. */
    public static double[] replicate(double[] v, int dim, int slots) {
        if (v.length > dim || slots % dim != 0) {
            throw new MlException("cannot replicate " + v.length + " values with period " + dim + " over " + slots
                    + " slots");
        }
        double[] out = new double[slots];
        for (int p = 0; p < slots; p += dim) {
            System.arraycopy(v, 0, out, p, v.length);
        }
        return out;
    }

    /** The same BSGS schedule in plaintext on a period-D slot vector (reference for tests). */
    public double[] simulate(double[] slots) {
        double[] y = new double[slots.length];
        for (int g = 0; g < n2; g++) {
            if (!groupUsed(g)) {
                continue;
            }
            double[] inner = new double[slots.length];
            for (int b = 0; b < n1; b++) {
                double[] d = diagonals[g * n1 + b];
                if (d.length == 0) {
                    continue;
                }
                double[] rx = rotate(slots, b);
                double[] rd = replicate(d, dim, slots.length);
                for (int j = 0; j < inner.length; j++) {
                    inner[j] += rd[j] * rx[j];
                }
            }
            double[] r = rotate(inner, g * n1);
            for (int j = 0; j < y.length; j++) {
                y[j] += r[j];
            }
        }
        double[] rb = replicate(bias, dim, slots.length);
        for (int j = 0; j < y.length; j++) {
            y[j] += rb[j];
        }
        return y;
    }

    /** Left rotation: out[j] = v[(j + k) mod n]. */
    static double[] rotate(double[] v, int k) {
        int n = v.length;
        double[] out = new double[n];
        int s = Math.floorMod(k, n);
        for (int j = 0; j < n; j++) {
            out[j] = v[(j + s) % n];
        }
        return out;
    }
}
