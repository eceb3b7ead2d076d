package io.he4j.ml.model;

import io.he4j.ml.MlException;

/** y = W x + b with W of shape out x in. Arrays are owned by the record: treat them as read-only. */
public record Dense(double[][] weights, double[] bias) {
    public Dense {
        if (weights.length == 0 || weights.length != bias.length) {
            throw new MlException("dense layer: " + weights.length + " weight rows but " + bias.length + " biases");
        }
        int in = weights[0].length;
        if (in == 0) {
            throw new MlException("dense layer: no inputs");
        }
        for (double[] row : weights) {
            if (row.length != in) {
                throw new MlException("dense layer: ragged weight matrix (" + row.length + " vs " + in + " columns)");
            }
            for (double w : row) {
                if (!Double.isFinite(w)) {
                    throw new MlException("dense layer: non-finite weight " + w);
                }
            }
        }
        for (double b : bias) {
            if (!Double.isFinite(b)) {
                throw new MlException("dense layer: non-finite bias " + b);
            }
        }
    }

    public int in() {
        return weights[0].length;
    }

    public int out() {
        return bias.length;
    }

    public double[] apply(double[] x) {
        if (x.length != in()) {
            throw new MlException("dense layer expects " + in() + " inputs, got " + x.length);
        }
        double[] y = bias.clone();
        for (int o = 0; o < y.length; o++) {
            double[] w = weights[o];
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                s += w[i] * x[i];
            }
            y[o] += s;
        }
        return y;
    }
}
