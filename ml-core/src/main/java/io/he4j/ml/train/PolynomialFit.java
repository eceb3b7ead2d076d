package io.he4j.ml.train;

import io.he4j.ml.MlException;
import io.he4j.ml.model.ActivationFit;
import io.he4j.ml.model.Polynomial;

/**
 * Least-squares polynomial approximation of an activation over an interval (uniform grid of 2001 points,
 * normal equations in the Chebyshev-scaled variable t = (2x - lo - hi) / (hi - lo) for conditioning), as
 * HE-friendly networks do (e.g. Hesamifard et al., CryptoDL, 2017). The error is measured on a finer grid.
 */
public final class PolynomialFit {
    private static final int GRID = 2001;

    private PolynomialFit() {
    }

    public static ActivationFit fit(Activation f, double lo, double hi, int degree) {
        if (!(hi > lo) || degree < 1) {
            throw new MlException("polynomial fit needs lo < hi and degree >= 1, got [" + lo + ", " + hi + "], "
                    + degree);
        }
        int k = degree + 1;
        double[][] ata = new double[k][k];
        double[] atb = new double[k];
        double mid = (lo + hi) / 2;
        double half = (hi - lo) / 2;
        for (int i = 0; i < GRID; i++) {
            double x = lo + (hi - lo) * i / (GRID - 1);
            double t = (x - mid) / half;
            double fx = f.apply(x);
            double[] pw = new double[k];
            pw[0] = 1;
            for (int j = 1; j < k; j++) {
                pw[j] = pw[j - 1] * t;
            }
            for (int a = 0; a < k; a++) {
                atb[a] += pw[a] * fx;
                for (int b = 0; b < k; b++) {
                    ata[a][b] += pw[a] * pw[b];
                }
            }
        }
        double[] ct = LinearAlgebra.solveSpd(ata, atb);
        // expand p(t) with t = (x - mid) / half into powers of x
        double[] c = new double[k];
        double[] basis = new double[k]; // coefficients of t^j in x, built incrementally
        basis[0] = 1;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i <= j; i++) {
                c[i] += ct[j] * basis[i];
            }
            if (j + 1 < k) {
                double[] next = new double[k];
                for (int i = 0; i <= j; i++) {
                    next[i + 1] += basis[i] / half;
                    next[i] -= basis[i] * mid / half;
                }
                basis = next;
            }
        }
        Polynomial p = new Polynomial(c);
        double max = 0;
        double sq = 0;
        int fine = 10 * GRID;
        for (int i = 0; i < fine; i++) {
            double x = lo + (hi - lo) * i / (fine - 1);
            double e = f.apply(x) - p.apply(x);
            max = Math.max(max, Math.abs(e));
            sq += e * e;
        }
        return new ActivationFit(f.name(), p, lo, hi, max, Math.sqrt(sq / fine));
    }
}
