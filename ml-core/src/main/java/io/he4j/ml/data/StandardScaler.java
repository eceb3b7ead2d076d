package io.he4j.ml.data;

import io.he4j.ml.MlException;

/**
 * z = (x - mean) / scale, fitted on the training split only. {@code scale} is the population standard
 * deviation, or 1 for a constant feature (so it maps to 0 instead of dividing by zero).
 */
public record StandardScaler(double[] mean, double[] scale) {
    public StandardScaler {
        mean = mean.clone();
        scale = scale.clone();
        if (mean.length != scale.length) {
            throw new MlException("scaler: " + mean.length + " means but " + scale.length + " scales");
        }
        for (double s : scale) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new MlException("scaler: scales must be finite and > 0, got " + s);
            }
        }
    }

    public static StandardScaler fit(Dataset train) {
        int d = train.features();
        int n = train.rows();
        double[] mean = new double[d];
        double[] var = new double[d];
        for (double[] row : train.x()) {
            for (int j = 0; j < d; j++) {
                if (Double.isNaN(row[j])) {
                    throw new MlException(train.name() + ": impute or drop missing values before scaling");
                }
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (double[] row : train.x()) {
            for (int j = 0; j < d; j++) {
                double t = row[j] - mean[j];
                var[j] += t * t;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(var[j] / n);
            scale[j] = s > 1e-12 * Math.max(1, Math.abs(mean[j])) ? s : 1.0;
        }
        return new StandardScaler(mean, scale);
    }

    public static StandardScaler identity(int d) {
        double[] one = new double[d];
        java.util.Arrays.fill(one, 1.0);
        return new StandardScaler(new double[d], one);
    }

    public int features() {
        return mean.length;
    }

    public double[] transform(double[] row) {
        if (row.length != mean.length) {
            throw new MlException("row has " + row.length + " features, the scaler expects " + mean.length);
        }
        double[] z = new double[row.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = (row[j] - mean[j]) / scale[j];
        }
        return z;
    }

    public Dataset transform(Dataset d) {
        double[][] x = new double[d.rows()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = transform(d.x()[i]);
        }
        return d.withX(x);
    }
}
