package io.he4j.ml.data;

import io.he4j.ml.MlException;

/**
 * Replaces missing values (NaN) by per-feature means fitted on the training split only, so no information
 * from the test split leaks into training. A feature missing in every training row is imputed with 0.
 */
public record MeanImputer(double[] means) {
    public MeanImputer {
        means = means.clone();
    }

    public static MeanImputer fit(Dataset train) {
        int d = train.features();
        double[] sum = new double[d];
        int[] n = new int[d];
        for (double[] row : train.x()) {
            for (int j = 0; j < d; j++) {
                if (!Double.isNaN(row[j])) {
                    sum[j] += row[j];
                    n[j]++;
                }
            }
        }
        double[] m = new double[d];
        for (int j = 0; j < d; j++) {
            m[j] = n[j] == 0 ? 0 : sum[j] / n[j];
        }
        return new MeanImputer(m);
    }

    public double[] apply(double[] row) {
        if (row.length != means.length) {
            throw new MlException("row has " + row.length + " features, the imputer expects " + means.length);
        }
        double[] out = row.clone();
        for (int j = 0; j < out.length; j++) {
            if (Double.isNaN(out[j])) {
                out[j] = means[j];
            }
        }
        return out;
    }

    public Dataset apply(Dataset d) {
        double[][] x = new double[d.rows()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = apply(d.x()[i]);
        }
        return d.withX(x);
    }
}
