package io.he4j.ml.he;

import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;

/**
 * Coefficient encoding of a linear layer, after Cheetah (Huang, Lu, Hong, Zhang, Yang, USENIX Security
 * 2022, Sect. 3): the client puts its features x_0..x_{d-1} into polynomial coefficients; in
 * Z[X]/(X^N + 1) the product with W(X) = w_0 - sum_{i>=1} w_i X^{N-i} has constant coefficient
 * sum_i w_i x_i, because X^i * (-X^{N-i}) = -X^N = +1 (negacyclic wrap). For K classes, class c's polynomial
 * is shifted by X^{c d}: its score lands in coefficient c*d, and the K blocks do not overlap while K*d <= N.
 * One plaintext multiplication yields every score; no rotation, no key switching.
 *
 * @param n        ring degree N
 * @param features d
 * @param classes  K
 * @param weights  the packed weight polynomial, N coefficients
 * @param bias     the bias polynomial: b_c at coefficient c*d (added by the server at the product's scale)
 */
public record CoefficientPacking(int n, int features, int classes, double[] weights, double[] bias) {

    public static CoefficientPacking of(Dense layer, int n) {
        int d = layer.in();
        int k = layer.out();
        if ((long) k * d > n) {
            throw new MlException("coefficient packing needs classes x features <= N: " + k + " x " + d + " > " + n);
        }
        double[] p = new double[n];
        double[] b = new double[n];
        for (int c = 0; c < k; c++) {
            double[] w = layer.weights()[c];
            int base = c * d;
            p[base] = w[0];
            for (int i = 1; i < d; i++) {
                if (c == 0) {
                    p[n - i] = -w[i];      // -w_i X^{N-i}
                } else {
                    p[base - i] = w[i];    // -w_i X^{N-i} * X^{cd} = -w_i X^N X^{cd-i} = +w_i X^{cd-i}
                }
            }
            b[base] = layer.bias()[c];
        }
        return new CoefficientPacking(n, d, k, p, b);
    }

    /** Coefficient index holding class c's score. */
    public int scoreIndex(int c) {
        return c * features;
    }

    /** The client's polynomial: features as the first d coefficients. */
    public double[] inputCoefficients(double[] x) {
        if (x.length != features) {
            throw new MlException("the model expects " + features + " features, got " + x.length);
        }
        return x.clone();
    }

    /** Reads the K scores out of decoded product coefficients. */
    public double[] scores(double[] productCoefficients) {
        double[] s = new double[classes];
        for (int c = 0; c < classes; c++) {
            s[c] = productCoefficients[scoreIndex(c)];
        }
        return s;
    }

    /** Reference negacyclic product in Z[X]/(X^N + 1) over the reals (tests). */
    static double[] negacyclicProduct(double[] a, double[] b) {
        int n = a.length;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            if (a[i] == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (b[j] == 0) {
                    continue;
                }
                int k = i + j;
                if (k < n) {
                    r[k] += a[i] * b[j];
                } else {
                    r[k - n] -= a[i] * b[j];
                }
            }
        }
        return r;
    }
}
