package io.he4j.federated;

import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.MeanImputer;
import io.he4j.ml.data.StandardScaler;

/**
 * One imputer and one scaler for the whole federation, from per-institution statistics summed under
 * encryption: the coordinator never sees an institution's counts, sums or sums of squares, only their total.
 * Statistics vector: [rows, then per feature: non-missing count, sum, sum of squares].
 *
 * @param imputer the pooled means
 * @param scaler  the pooled means and standard deviations
 * @param rows    the pooled number of rows (the FedAvg weight total)
 */
public record GlobalPreprocessing(MeanImputer imputer, StandardScaler scaler, double rows) {

    /** An institution's statistics (plaintext, before encryption). */
    public static double[] statistics(Dataset local) {
        int d = local.features();
        double[] s = new double[1 + 3 * d];
        s[0] = local.rows();
        for (double[] row : local.x()) {
            for (int j = 0; j < d; j++) {
                double v = row[j];
                if (!Double.isNaN(v)) {
                    s[1 + 3 * j] += 1;
                    s[2 + 3 * j] += v;
                    s[3 + 3 * j] += v * v;
                }
            }
        }
        return s;
    }

    /**
     * {@link #statistics} with sums divided by the public feature bound and sums of squares by its square, so
     * every total is at most the pooled row count (keeps the encoding scale high in threshold mode).
     */
    public static double[] normalizedStatistics(Dataset local, double featureBound) {
        double[] s = statistics(local);
        for (int j = 0; 1 + 3 * j < s.length; j++) {
            s[2 + 3 * j] /= featureBound;
            s[3 + 3 * j] /= featureBound * featureBound;
        }
        return s;
    }

    /** From the decrypted total of every institution's {@link #normalizedStatistics}. */
    public static GlobalPreprocessing fromNormalizedTotals(double[] totals, int features, double featureBound) {
        double[] t = totals.clone();
        for (int j = 0; 3 + 3 * j < t.length; j++) {
            t[2 + 3 * j] *= featureBound;
            t[3 + 3 * j] *= featureBound * featureBound;
        }
        return fromTotals(t, features);
    }

    /** From the decrypted total of every institution's {@link #statistics}. */
    public static GlobalPreprocessing fromTotals(double[] totals, int features) {
        if (totals.length != 1 + 3 * features) {
            throw new FederationException("statistics of " + features + " features have " + (1 + 3 * features)
                    + " values, got " + totals.length);
        }
        double[] mean = new double[features];
        double[] scale = new double[features];
        for (int j = 0; j < features; j++) {
            double n = Math.round(totals[1 + 3 * j]);
            if (n < 1) {
                throw new FederationException("feature " + j + " has no value at any institution");
            }
            mean[j] = totals[2 + 3 * j] / n;
            double var = totals[3 + 3 * j] / n - mean[j] * mean[j];
            scale[j] = var > 1e-12 ? Math.sqrt(var) : 1;
        }
        return new GlobalPreprocessing(new MeanImputer(mean), new StandardScaler(mean, scale),
                Math.round(totals[0]));
    }
}
