package io.he4j.ml.he;

import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;

/**
 * Coefficient encoding of a linear layer, after Cheetah (Huang, Lu, Hong, Zhang, Yang, USENIX Security
 * 2022, Sect. 3): the client puts its features x_0..x_{d-1} into polynomial coefficients; in
 * Z[X]/(X^N + 1) the product with W(X) = w_0 - sum_{i>=1} w_i X^{N-i} has constant coefficient
 * sum_i w_i x_i, because X^i * (-X^{N-i}) = -X^N = +1 (negacyclic wrap). For K classes, class c's polynomial
 * is shifted by X^{c d}: its score lands in coefficient c*d, and the blocks do not overlap while c*d < N.
 * One plaintext multiplication yields floor(N / d) scores; no rotation, no key switching.
 *
 * <p>When K*d exceeds N the classes go in groups of P = floor(N / d), one weight polynomial (one product with
 * the same query ciphertext, one reply ciphertext) per group: class c is block c mod P of product c / P. Score
 * positions name a coefficient of the reply ciphertexts laid end to end: class c's is
 * (c / P) * N + (c mod P) * d, so a layout with one product reads as before (c * d).
 *
 * @param n          ring degree N
 * @param features   d
 * @param classes    K
 * @param perProduct P, classes per product (K when they all fit one)
 * @param weights    per product, the packed weight polynomial, N coefficients
 * @param bias       per product, the bias polynomial: b_c at its score's coefficient (added at the product's scale)
 */
public record CoefficientPacking(int n, int features, int classes, int perProduct, double[][] weights,
                                 double[][] bias) {

    public static CoefficientPacking of(Dense layer, int n) {
        int d = layer.in();
        int k = layer.out();
        if (d > n) {
            throw new MlException("coefficient packing needs features <= N: " + d + " > " + n);
        }
        int per = perProduct(d, k, n);
        int products = (k + per - 1) / per;
        double[][] p = new double[products][n];
        double[][] b = new double[products][n];
        for (int c = 0; c < k; c++) {
            double[] w = layer.weights()[c];
            double[] poly = p[c / per];
            int base = (c % per) * d;
            poly[base] = w[0];
            for (int i = 1; i < d; i++) {
                if (base == 0) {
                    poly[n - i] = -w[i];      // -w_i X^{N-i}
                } else {
                    poly[base - i] = w[i];    // -w_i X^{N-i} * X^{base} = -w_i X^N X^{base-i} = +w_i X^{base-i}
                }
            }
            b[c / per][base] = layer.bias()[c];
        }
        return new CoefficientPacking(n, d, k, per, p, b);
    }

    /** Classes per product: all K when K*d fits N, else floor(N / d). */
    static int perProduct(int features, int classes, int n) {
        return (int) Math.min(classes, n / features);
    }

    /** Products (reply ciphertexts) for K classes of d features at ring degree N. */
    static int products(int features, int classes, int n) {
        int per = perProduct(features, classes, n);
        return (classes + per - 1) / per;
    }

    /** Where each class's score is, in the reply ciphertexts' coefficients laid end to end (class docs). */
    static int[] scorePositions(int features, int classes, int n) {
        int per = perProduct(features, classes, n);
        int[] at = new int[classes];
        for (int c = 0; c < classes; c++) {
            at[c] = (c / per) * n + (c % per) * features;
        }
        return at;
    }

    /** The coefficients of reply ciphertext {@code product} that hold scores, ascending, from the layout's positions. */
    static int[] positionsIn(int[] scorePositions, int product, int n) {
        return java.util.Arrays.stream(scorePositions).filter(p -> p / n == product).map(p -> p % n).toArray();
    }

    /** Reply ciphertexts a layout with these score positions has (1 for layouts of one product). */
    static int products(int[] scorePositions, int n) {
        int last = 0;
        for (int p : scorePositions) {
            last = Math.max(last, p);
        }
        return last / n + 1;
    }

    public int products() {
        return weights.length;
    }

    /** The client's polynomial: features as the first d coefficients. */
    public double[] inputCoefficients(double[] x) {
        if (x.length != features) {
            throw new MlException("the model expects " + features + " features, got " + x.length);
        }
        return x.clone();
    }

    /** Reads the K scores out of the decoded coefficients of each product. */
    public double[] scores(double[][] productCoefficients) {
        double[] s = new double[classes];
        for (int c = 0; c < classes; c++) {
            s[c] = productCoefficients[c / perProduct][(c % perProduct) * features];
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
