package io.he4j.federated;

import io.he4j.ml.data.Dataset;
import io.he4j.ml.train.Lbfgs;
import io.he4j.ml.train.NetworkObjective;

import java.util.List;

/**
 * One institution: its training rows never leave it. Per round it trains locally from the current global
 * parameters (a few L-BFGS iterations on the pooled standardization) and sends its parameters weighted by its
 * row count, clipped and encrypted under the federation's key; it decrypts the aggregate.
 */
public final class Institution implements AutoCloseable {
    private final String name;
    private final Dataset data;
    private final SharedKey key;

    public Institution(String name, Dataset data, SharedKey key) {
        this.name = name;
        this.data = data;
        this.key = key;
    }

    public String name() {
        return name;
    }

    public int rows() {
        return data.rows();
    }

    /** Round 0: this institution's encrypted statistics. */
    public List<byte[]> encryptedStatistics(UpdateLayout layout) {
        return key.encrypt(layout, GlobalPreprocessing.statistics(data));
    }

    /** A round's update: rows x (parameters after local training from {@code global}), clipped, encrypted. */
    public List<byte[]> update(ModelShape shape, GlobalPreprocessing pre, double[] global, int localIterations,
                               UpdateLayout layout, double clip) {
        double[] theta = train(shape, pre, global, localIterations);
        double[] weighted = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            weighted[i] = data.rows() * Math.max(-clip, Math.min(clip, theta[i]));
        }
        return key.encrypt(layout, weighted);
    }

    /** Local training from the global parameters on the pooled standardization. */
    double[] train(ModelShape shape, GlobalPreprocessing pre, double[] global, int localIterations) {
        Dataset z = pre.scaler().transform(pre.imputer().apply(data));
        NetworkObjective f = shape.objective(z.x(), z.y());
        return Lbfgs.minimize(f, global.clone(), Lbfgs.Options.defaults(localIterations)).theta();
    }

    /** Decrypts an aggregate. */
    public double[] decrypt(UpdateLayout layout, List<byte[]> aggregate) {
        return key.decrypt(layout, aggregate);
    }

    @Override
    public void close() {
        key.close();
    }
}
