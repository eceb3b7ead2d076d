package io.he4j.ml.train;

import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.Polynomial;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backpropagation against central finite differences, for every output link and activation kind. */
class GradientCheckTest {
    private static void check(int[] sizes, List<Activation> acts, OutputLink link, int classes) {
        SplittableRandom r = new SplittableRandom(3);
        int n = 7;
        double[][] x = new double[n][sizes[0]];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < sizes[0]; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = link == OutputLink.IDENTITY ? r.nextGaussian() : r.nextInt(classes);
        }
        NetworkObjective f = new NetworkObjective(sizes, acts, link, 0.03, x, y);
        double[] theta = f.initialParameters(11);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 0.1 * r.nextGaussian();
        }
        double[] g = new double[f.dimension()];
        f.valueAndGradient(theta, g);
        double[] scratch = new double[f.dimension()];
        double h = 1e-6;
        double worst = 0;
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + h;
            double up = f.valueAndGradient(theta, scratch);
            theta[i] = keep - h;
            double down = f.valueAndGradient(theta, scratch);
            theta[i] = keep;
            double numeric = (up - down) / (2 * h);
            worst = Math.max(worst, Math.abs(numeric - g[i]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(g[i])));
        }
        assertTrue(worst < 1e-5, "relative gradient error " + worst + " for " + link + " " + acts);
    }

    @Test
    void logisticRegression() {
        check(new int[]{5, 1}, List.of(), OutputLink.SIGMOID, 2);
    }

    @Test
    void softmaxRegression() {
        check(new int[]{4, 3}, List.of(), OutputLink.SOFTMAX, 3);
    }

    @Test
    void leastSquares() {
        check(new int[]{3, 1}, List.of(), OutputLink.IDENTITY, 0);
    }

    @Test
    void mlpWithSquareAndPolynomialAndGelu() {
        check(new int[]{4, 6, 3}, List.of(Activation.of("square")), OutputLink.SOFTMAX, 3);
        check(new int[]{4, 5, 3, 1}, List.of(Activation.polynomial("p", new Polynomial(new double[]{0.1, 0.5, 0.2})),
                Activation.of("gelu")), OutputLink.SIGMOID, 2);
        check(new int[]{3, 4, 1}, List.of(Activation.of("sigmoid")), OutputLink.IDENTITY, 0);
    }

    @Test
    void lbfgsFindsTheMinimumOfAQuadratic() {
        Objective q = new Objective() {
            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public double valueAndGradient(double[] t, double[] g) {
                double[] c = {1, -2, 3};
                double[] a = {1, 10, 100};
                double v = 0;
                for (int i = 0; i < 3; i++) {
                    g[i] = a[i] * (t[i] - c[i]);
                    v += 0.5 * a[i] * (t[i] - c[i]) * (t[i] - c[i]);
                }
                return v;
            }
        };
        Lbfgs.Result r = Lbfgs.minimize(q, new double[3], Lbfgs.Options.defaults(100));
        assertEquals(1, r.theta()[0], 1e-6);
        assertEquals(-2, r.theta()[1], 1e-6);
        assertEquals(3, r.theta()[2], 1e-6);
    }
}
