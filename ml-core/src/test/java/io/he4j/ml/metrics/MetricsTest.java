package io.he4j.ml.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsTest {
    private static double[][] binary(double... p1) {
        double[][] p = new double[p1.length][];
        for (int i = 0; i < p1.length; i++) {
            p[i] = new double[]{1 - p1[i], p1[i]};
        }
        return p;
    }

    @Test
    void binaryMetricsByHand() {
        int[] y = {0, 0, 1, 1, 1, 0};
        double[][] p = binary(0.1, 0.6, 0.8, 0.4, 0.9, 0.2);
        ClassificationMetrics m = ClassificationMetrics.of(y, p);
        // predicted 0,1,1,0,1,0: TP 2, FP 1, FN 1, TN 2
        assertArrayEquals(new int[]{2, 1}, m.confusion()[0]);
        assertArrayEquals(new int[]{1, 2}, m.confusion()[1]);
        assertEquals(4.0 / 6, m.accuracy(), 1e-12);
        assertEquals(2.0 / 3, m.precision(), 1e-12);
        assertEquals(2.0 / 3, m.recall(), 1e-12);
        assertEquals(2.0 / 3, m.f1(), 1e-12);
        // positives 0.8, 0.4, 0.9 vs negatives 0.1, 0.6, 0.2: pairs won 3 + 2 + 3 = 8 of 9
        assertEquals(8.0 / 9, m.rocAuc(), 1e-12);
        double ll = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.8) + Math.log(0.4) + Math.log(0.9) + Math.log(0.8)) / 6;
        assertEquals(ll, m.logLoss(), 1e-12);
    }

    @Test
    void tiesCountHalfInAuc() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[]{0, 1}, binary(0.5, 0.5));
        assertEquals(0.5, m.rocAuc(), 1e-12);
    }

    @Test
    void multiclassMacroAverages() {
        int[] y = {0, 1, 2, 2};
        double[][] p = {{0.8, 0.1, 0.1}, {0.2, 0.7, 0.1}, {0.1, 0.2, 0.7}, {0.5, 0.3, 0.2}};
        ClassificationMetrics m = ClassificationMetrics.of(y, p);
        assertEquals(0.75, m.accuracy(), 1e-12);
        // precision: class0 1/2, class1 1, class2 1 -> 5/6; recall: 1, 1, 1/2 -> 5/6
        assertEquals(5.0 / 6, m.precision(), 1e-12);
        assertEquals(5.0 / 6, m.recall(), 1e-12);
        assertEquals(3, m.confusion().length);
    }

    @Test
    void regression() {
        RegressionMetrics r = RegressionMetrics.of(new double[]{1, 2, 3}, new double[]{1, 2, 5});
        assertEquals(Math.sqrt(4.0 / 3), r.rmse(), 1e-12);
        assertEquals(2.0 / 3, r.mae(), 1e-12);
        assertEquals(1 - 4.0 / 2, r.r2(), 1e-12);
    }
}
