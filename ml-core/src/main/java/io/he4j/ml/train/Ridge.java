package io.he4j.ml.train;

import io.he4j.ml.model.Dense;

/**
 * Ridge regression in closed form on centred inputs: w = (X^T X + n*l2*I)^-1 X^T (y - mean(y)),
 * b = mean(y) - w . mean(x). The bias is not penalized.
 */
final class Ridge {
    private Ridge() {
    }

    static Dense fit(double[][] x, double[] y, double l2) {
        int n = x.length;
        int d = x[0].length;
        double[] mx = new double[d];
        double my = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mx[j] += x[i][j] / n;
            }
            my += y[i] / n;
        }
        double[][] a = new double[d][d];
        double[] b = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double xj = x[i][j] - mx[j];
                b[j] += xj * (y[i] - my);
                for (int k = 0; k <= j; k++) {
                    a[j][k] += xj * (x[i][k] - mx[k]);
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = j + 1; k < d; k++) {
                a[j][k] = a[k][j];
            }
            a[j][j] += n * Math.max(l2, 1e-10);
        }
        double[] w = LinearAlgebra.solveSpd(a, b);
        double bias = my;
        for (int j = 0; j < d; j++) {
            bias -= w[j] * mx[j];
        }
        return new Dense(new double[][]{w}, new double[]{bias});
    }
}
