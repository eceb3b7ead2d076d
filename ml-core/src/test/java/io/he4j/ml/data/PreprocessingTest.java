package io.he4j.ml.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreprocessingTest {
    private static Dataset toy(int n) {
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[]{i, i % 3 == 0 ? Double.NaN : 2.0 * i, 5};
            y[i] = i % 4 == 0 ? 1 : 0; // 25% positives
        }
        return new Dataset("toy", List.of("a", "b", "c"), List.of("neg", "pos"), x, y);
    }

    @Test
    void stratifiedSplitKeepsProportionsIsDisjointAndSeeded() {
        Dataset d = toy(200);
        Split s = Splits.trainTest(d, 0.2, 7);
        assertEquals(40, s.test().rows());
        assertEquals(160, s.train().rows());
        assertEquals(10, Arrays.stream(s.test().labels()).filter(l -> l == 1).count());
        Set<Double> seen = new HashSet<>();
        for (double[] r : s.train().x()) {
            seen.add(r[0]);
        }
        for (double[] r : s.test().x()) {
            assertTrue(seen.add(r[0]), "row in both parts");
        }
        assertArrayEquals(s.test().y(), Splits.trainTest(d, 0.2, 7).test().y());
        double[] firstIds = Arrays.stream(s.test().x()).mapToDouble(r -> r[0]).toArray();
        double[] otherIds = Arrays.stream(Splits.trainTest(d, 0.2, 8).test().x()).mapToDouble(r -> r[0]).toArray();
        assertNotEquals(Arrays.toString(firstIds), Arrays.toString(otherIds));
    }

    @Test
    void kFoldCoversEveryRowOnceAsTest() {
        Dataset d = toy(103);
        List<Split> folds = Splits.kFold(d, 5, 1);
        assertEquals(5, folds.size());
        Set<Double> tested = new HashSet<>();
        for (Split f : folds) {
            assertEquals(103, f.train().rows() + f.test().rows());
            for (double[] r : f.test().x()) {
                assertTrue(tested.add(r[0]));
            }
            long pos = Arrays.stream(f.test().labels()).filter(l -> l == 1).count();
            assertTrue(pos >= 5 && pos <= 6, "stratified: " + pos);
        }
        assertEquals(103, tested.size());
    }

    @Test
    void imputerUsesTrainingMeansAndScalerIsFittedOnTrainOnly() {
        Dataset d = toy(12);
        MeanImputer imp = MeanImputer.fit(d);
        // b is missing for i = 0, 3, 6, 9: mean of 2i over the others
        double expected = (2.0 * (1 + 2 + 4 + 5 + 7 + 8 + 10 + 11)) / 8;
        assertEquals(expected, imp.means()[1], 1e-12);
        Dataset filled = imp.apply(d);
        assertEquals(expected, filled.x()[0][1], 1e-12);
        StandardScaler sc = StandardScaler.fit(filled);
        assertEquals(1.0, sc.scale()[2]); // constant column: scale 1, maps to 0
        double[] z = sc.transform(filled.x()[5]);
        assertEquals((5 - 5.5) / Math.sqrt(143.0 / 12), z[0], 1e-12);
        assertEquals(0.0, z[2]);
        double[] mean = new double[3];
        for (double[] r : sc.transform(filled).x()) {
            for (int j = 0; j < 3; j++) {
                mean[j] += r[j] / 12;
            }
        }
        assertArrayEquals(new double[]{0, 0, 0}, mean, 1e-12);
    }

    @Test
    void dropRowsRemovesIncompleteRows() {
        Dataset d = MissingValues.dropRows(toy(12));
        assertEquals(8, d.rows());
    }
}
