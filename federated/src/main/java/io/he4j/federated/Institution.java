package io.he4j.federated;

import io.he4j.ml.data.Dataset;
import io.he4j.ml.train.Lbfgs;
import io.he4j.ml.train.NetworkObjective;
import io.he4j.ml.train.Objective;

import java.util.List;

/**
 * One institution: its training rows never leave it. Per round it trains locally from the current global
 * parameters (a few L-BFGS iterations on the pooled standardization) and sends its parameters clipped,
 * weighted by its share of the pooled rows and encrypted under the federation's key: the shared key, or in
 * threshold mode the collective public key (it then holds only its own secret share and contributes a
 * decryption share of each aggregate).
 */
public final class Institution implements AutoCloseable {
    private final String name;
    private final Dataset data;
    private final SharedKey sharedKey;
    private final ThresholdKey thresholdKey;

    /** A shared-key mode institution. */
    public Institution(String name, Dataset data, SharedKey key) {
        this(name, data, key, null);
    }

    /** A threshold mode institution (its own share). */
    public Institution(String name, Dataset data, ThresholdKey key) {
        this(name, data, null, key);
    }

    private Institution(String name, Dataset data, SharedKey shared, ThresholdKey threshold) {
        this.name = name;
        this.data = data;
        this.sharedKey = shared;
        this.thresholdKey = threshold;
    }

    public String name() {
        return name;
    }

    public int rows() {
        return data.rows();
    }

    public KeyMode keyMode() {
        return thresholdKey != null ? KeyMode.THRESHOLD : KeyMode.SHARED;
    }

    /** Threshold mode: this institution's public-key share for the federation's common seed. */
    public byte[] publicKeyShare(byte[] commonSeed) {
        return threshold().publicKeyShare(commonSeed);
    }

    /** Threshold mode: installs the collective public key. */
    public void useCollectiveKey(byte[] collectiveKey) {
        threshold().useCollectiveKey(collectiveKey);
    }

    /** Round 0: this institution's encrypted statistics ({@link GlobalPreprocessing#normalizedStatistics}). */
    public List<byte[]> encryptedStatistics(UpdateLayout layout, double featureBound) {
        return encrypt(layout, GlobalPreprocessing.normalizedStatistics(data, featureBound));
    }

    /**
     * This institution's statistics of the next fitted hidden layer's pre-activations under the global parameters
     * ({@link ModelShape#activationStatistics}), encrypted: only their sum over the federation is ever decrypted.
     */
    public List<byte[]> encryptedActivationStatistics(ModelShape shape, GlobalPreprocessing pre, double[] global,
                                                      UpdateLayout layout) {
        Dataset z = pre.scaler().transform(pre.imputer().apply(data));
        return encrypt(layout, shape.activationStatistics(z.x(), global));
    }

    /**
     * A round's update: weight x (parameters after local training from {@code global}, clipped to
     * [-clip, clip]), encrypted. With weights summing to 1 over the federation, the aggregate is the FedAvg
     * average.
     */
    public List<byte[]> update(ModelShape shape, GlobalPreprocessing pre, double[] global, int localIterations,
                               UpdateLayout layout, double clip, double weight) {
        return update(shape, pre, global, localIterations, 0, layout, clip, weight);
    }

    /** As above, training with FedProx's proximal term (mu/2) ||theta - global||^2 ({@code mu = 0}: FedAvg). */
    public List<byte[]> update(ModelShape shape, GlobalPreprocessing pre, double[] global, int localIterations,
                               double proximalMu, UpdateLayout layout, double clip, double weight) {
        double[] theta = train(shape, pre, global, localIterations, proximalMu);
        double[] weighted = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            weighted[i] = weight * Math.max(-clip, Math.min(clip, theta[i]));
        }
        return encrypt(layout, weighted);
    }

    /** Local training from the global parameters on the pooled standardization (FedProx when mu > 0). */
    double[] train(ModelShape shape, GlobalPreprocessing pre, double[] global, int localIterations, double mu) {
        Dataset z = pre.scaler().transform(pre.imputer().apply(data));
        NetworkObjective loss = shape.objective(z.x(), z.y());
        Objective f = mu > 0 ? new ProximalObjective(loss, global, mu) : loss;
        return Lbfgs.minimize(f, global.clone(), Lbfgs.Options.defaults(localIterations)).theta();
    }

    private List<byte[]> encrypt(UpdateLayout layout, double[] values) {
        return thresholdKey != null ? thresholdKey.encrypt(layout, values) : sharedKey.encrypt(layout, values);
    }

    /** Shared-key mode: decrypts an aggregate. */
    public double[] decrypt(UpdateLayout layout, List<byte[]> aggregate) {
        if (sharedKey == null) {
            throw new FederationException(name + " is in threshold mode: no institution can decrypt alone; "
                    + "contribute decryptionShares instead");
        }
        return sharedKey.decrypt(layout, aggregate);
    }

    /** Threshold mode: this institution's decryption shares of an aggregate. */
    public List<byte[]> decryptionShares(UpdateLayout layout, List<byte[]> aggregate) {
        return threshold().decryptionShares(layout, aggregate);
    }

    private ThresholdKey threshold() {
        if (thresholdKey == null) {
            throw new FederationException(name + " is in shared-key mode; key shares exist only in threshold mode");
        }
        return thresholdKey;
    }

    @Override
    public void close() {
        if (sharedKey != null) {
            sharedKey.close();
        }
        if (thresholdKey != null) {
            thresholdKey.close();
        }
    }
}
