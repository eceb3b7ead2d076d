package io.he4j.federated;

import io.he4j.ml.train.Objective;

/**
 * FedProx's local objective (Li, Sahu, Zaheer, Sanjabi, Talwalkar, Smith, "Federated Optimization in
 * Heterogeneous Networks", MLSys 2020): the institution's loss plus (mu/2) ||theta - global||^2, which keeps
 * several local iterations on heterogeneous data from drifting far from the global model. mu = 0 is FedAvg.
 */
final class ProximalObjective implements Objective {
    private final Objective loss;
    private final double[] global;
    private final double mu;

    ProximalObjective(Objective loss, double[] global, double mu) {
        if (global.length != loss.dimension() || !(mu >= 0) || Double.isInfinite(mu)) {
            throw new FederationException("a proximal term needs the global parameters of the loss' dimension and "
                    + "a finite mu >= 0");
        }
        this.loss = loss;
        this.global = global.clone();
        this.mu = mu;
    }

    @Override
    public int dimension() {
        return loss.dimension();
    }

    @Override
    public double valueAndGradient(double[] theta, double[] grad) {
        double value = loss.valueAndGradient(theta, grad);
        double penalty = 0;
        for (int i = 0; i < theta.length; i++) {
            double d = theta[i] - global[i];
            penalty += d * d;
            grad[i] += mu * d;
        }
        return value + 0.5 * mu * penalty;
    }
}
