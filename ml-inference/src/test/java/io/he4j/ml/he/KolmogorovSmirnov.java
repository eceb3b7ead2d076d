package io.he4j.ml.he;

import java.util.Arrays;

/**
 * Kolmogorov-Smirnov statistics for the privacy tests: one sample against the uniform distribution on [0, 1),
 * two samples against each other, with the critical coefficient at alpha = 1e-6 (a false alarm about once in a
 * million runs).
 */
final class KolmogorovSmirnov {
    /** c(alpha) = sqrt(-ln(alpha / 2) / 2) at alpha = 1e-6. */
    static final double C = Math.sqrt(-Math.log(0.5e-6) / 2);

    private KolmogorovSmirnov() {
    }

    /** The critical one-sample distance for n values. */
    static double critical(int n) {
        return C / Math.sqrt(n);
    }

    /** The critical two-sample distance for samples of sizes n and m. */
    static double critical(int n, int m) {
        return C * Math.sqrt((double) (n + m) / ((double) n * m));
    }

    /** One-sample KS distance of values in [0, 1) from the uniform distribution. */
    static double uniform(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double d = 0;
        for (int i = 0; i < s.length; i++) {
            d = Math.max(d, Math.max((i + 1.0) / s.length - s[i], s[i] - (double) i / s.length));
        }
        return d;
    }

    /** Two-sample KS distance. */
    static double twoSample(double[] x, double[] y) {
        double[] a = x.clone();
        double[] b = y.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double v = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= v) {
                i++;
            }
            while (j < b.length && b[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }
}
