package io.he4j.federated;

import io.he4j.ml.TestData;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.train.Objective;
import io.he4j.ml.train.TrainOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FedProx's proximal term: its gradient, and that it keeps many local iterations near the global model. */
class FedProxTest {
    @Test
    void gradientMatchesFiniteDifferences() {
        double[] c = {1, -2, 0.5};
        Objective bowl = new Objective() {
            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public double valueAndGradient(double[] t, double[] g) {
                double v = 0;
                for (int i = 0; i < 3; i++) {
                    v += Math.cosh(t[i] - c[i]);
                    g[i] = Math.sinh(t[i] - c[i]);
                }
                return v;
            }
        };
        ProximalObjective f = new ProximalObjective(bowl, new double[] {0.3, 0.1, -0.7}, 2.5);
        double[] theta = {0.2, -0.4, 0.9};
        double[] g = new double[3];
        f.valueAndGradient(theta, g);
        for (int i = 0; i < 3; i++) {
            double[] p = theta.clone();
            double[] m = theta.clone();
            p[i] += 1e-6;
            m[i] -= 1e-6;
            double fd = (f.valueAndGradient(p, new double[3]) - f.valueAndGradient(m, new double[3])) / 2e-6;
            assertEquals(fd, g[i], 1e-6, "coordinate " + i);
        }
        assertThrows(FederationException.class, () -> new ProximalObjective(bowl, new double[2], 1));
        assertThrows(FederationException.class, () -> new ProximalObjective(bowl, new double[3], -1));
    }

    @Test
    void theProximalTermKeepsLocalTrainingNearTheGlobalModel() {
        Dataset data = Datasets.heartDisease(TestData.dir(), Datasets.Institution.SWITZERLAND,
                MissingValues.Policy.IMPUTE_TRAIN_MEAN);
        GlobalPreprocessing pre = GlobalPreprocessing.fromTotals(GlobalPreprocessing.statistics(data),
                data.features());
        ModelShape shape = ModelShape.of(data, TrainOptions.linear(1));
        double[] global = shape.initialParameters();
        try (Institution inst = new Institution("switzerland", data, SharedKey.generate())) {
            double plain = distance(inst.train(shape, pre, global, 20, 0), global);
            double prox = distance(inst.train(shape, pre, global, 20, 10), global);
            assertTrue(prox < 0.5 * plain, "FedProx (mu = 10) moved " + prox + ", FedAvg " + plain);
        }
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
