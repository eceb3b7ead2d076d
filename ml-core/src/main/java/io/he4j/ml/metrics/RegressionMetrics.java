package io.he4j.ml.metrics;

import io.he4j.ml.MlException;

/** Regression quality: root-mean-square error, mean absolute error, coefficient of determination R^2. */
public record RegressionMetrics(int n, double rmse, double mae, double r2) {
    public static RegressionMetrics of(double[] truth, double[] predicted) {
        int n = truth.length;
        if (n == 0 || predicted.length != n) {
            throw new MlException("regression metrics need equal, non-empty arrays: " + n + " vs " + predicted.length);
        }
        double mean = 0;
        for (double t : truth) {
            mean += t / n;
        }
        double sse = 0;
        double sae = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - truth[i];
            sse += e * e;
            sae += Math.abs(e);
            sst += (truth[i] - mean) * (truth[i] - mean);
        }
        return new RegressionMetrics(n, Math.sqrt(sse / n), sae / n, sst == 0 ? 0 : 1 - sse / sst);
    }
}
