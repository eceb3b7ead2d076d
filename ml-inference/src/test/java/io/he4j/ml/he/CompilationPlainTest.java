package io.he4j.ml.he;

import io.he4j.ml.MlException;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.MeanImputer;
import io.he4j.ml.data.StandardScaler;
import io.he4j.ml.model.ActivationFit;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.ModelType;
import io.he4j.ml.model.Network;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.Polynomial;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plaintext side of CKKS compilation: folding, coefficient packing and the BSGS diagonal schedule. */
class CompilationPlainTest {
    private static Dataset synthetic(int n, int d, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        double[] y = new double[n];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("f" + j);
        }
        List<String> cls = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            cls.add("c" + c);
        }
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            for (int j = 0; j < d; j++) {
                x[i][j] = 50 * j + 10 * r.nextGaussian() + (j % classes == c ? 8 : 0);
            }
            y[i] = c;
        }
        return new Dataset("synthetic", names, cls, x, y);
    }

    @Test
    void foldingIsExactForLinearAndMlpModels() {
        Dataset d = synthetic(120, 6, 3, 1);
        for (TrainOptions o : List.of(TrainOptions.linear(1), TrainOptions.mlp(List.of(5), "gelu", 2),
                TrainOptions.mlp(List.of(5, 4), "relu", 3), TrainOptions.mlp(List.of(4), "square", 4))) {
            TrainedModel m = Trainer.train(d, o.withMaxIterations(60));
            SquareNetwork s = Folding.fold(m);
            assertEquals(m.network().layers().size(), s.layers().size());
            for (double[] row : d.x()) {
                double[] a = m.scores(row);
                double[] b = s.scores(row);
                for (int k = 0; k < a.length; k++) {
                    assertEquals(a[k], b[k], 1e-9 * Math.max(1, Math.abs(a[k])), o.toString());
                }
            }
        }
    }

    @Test
    void linearActivationsMergeLayersAndHighDegreeIsRejected() {
        Dense l1 = new Dense(new double[][]{{1, 2}, {3, 4}}, new double[]{0.5, -1});
        Dense l2 = new Dense(new double[][]{{2, -1}}, new double[]{0.25});
        StandardScaler id = StandardScaler.identity(2);
        MeanImputer imp = new MeanImputer(new double[2]);
        Polynomial lin = new Polynomial(new double[]{0.3, 2});
        TrainedModel m = new TrainedModel(ModelType.MLP, List.of("a", "b"), List.of(), imp, id,
                new Network(List.of(l1, l2), List.of(lin), OutputLink.IDENTITY),
                List.of(new ActivationFit("x", lin, -1, 1, 0, 0)), 0, 0);
        SquareNetwork s = Folding.fold(m);
        assertEquals(1, s.layers().size());
        assertEquals(m.scores(new double[]{0.7, -2})[0], s.scores(new double[]{0.7, -2})[0], 1e-12);
        Polynomial cubic = new Polynomial(new double[]{0, 1, 0, 1});
        TrainedModel bad = new TrainedModel(ModelType.MLP, List.of("a", "b"), List.of(), imp, id,
                new Network(List.of(l1, l2), List.of(cubic), OutputLink.IDENTITY),
                List.of(new ActivationFit("x", cubic, -1, 1, 0, 0)), 0, 0);
        MlException e = assertThrows(MlException.class, () -> Folding.fold(bad));
        assertTrue(e.getMessage().contains("degree 3"), e.getMessage());
    }

    @Test
    void coefficientPackingPutsEveryClassScoreInItsCoefficient() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 64;
        int d = 7;
        // 9 x 7 = 63 <= 64: one product; 10 x 7 > 64: 9 classes per product, two products; 20 x 3 fits one
        for (int[] shape : new int[][]{{9, 7, 1}, {10, 7, 2}, {23, 7, 3}, {1, 64, 1}, {3, 64, 3}, {20, 3, 1}}) {
            int k = shape[0];
            d = shape[1];
            Dense layer = RandomLayers.gaussian(k, d, r);
            CoefficientPacking p = CoefficientPacking.of(layer, n);
            assertEquals(shape[2], p.products(), k + " x " + d);
            assertEquals(shape[2], CoefficientPacking.products(d, k, n));
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = r.nextGaussian() * 100;
            }
            double[] xPoly = new double[n];
            System.arraycopy(p.inputCoefficients(x), 0, xPoly, 0, d);
            double[][] prod = new double[p.products()][];
            for (int g = 0; g < prod.length; g++) {
                prod[g] = CoefficientPacking.negacyclicProduct(xPoly, p.weights()[g]);
                for (int i = 0; i < n; i++) {
                    prod[g][i] += p.bias()[g][i];
                }
            }
            double[] expected = layer.apply(x);
            assertArrayEquals(expected, p.scores(prod), 1e-9);
            // the layout's positions (products end to end) name the same coefficients
            int[] at = CoefficientPacking.scorePositions(d, k, n);
            assertEquals(p.products(), CoefficientPacking.products(at, n));
            for (int c = 0; c < k; c++) {
                assertEquals(expected[c], prod[at[c] / n][at[c] % n], 1e-9);
            }
            int total = 0;
            for (int g = 0; g < p.products(); g++) {
                total += CoefficientPacking.positionsIn(at, g, n).length;
            }
            assertEquals(k, total);
        }
        // one class per product at most: the features must fit the ring
        assertThrows(MlException.class, () -> CoefficientPacking.of(new Dense(new double[2][65], new double[2]), n));
    }

    @Test
    void bsgsDiagonalScheduleComputesMatrixVectorProductsOnReplicatedSlots() {
        SplittableRandom r = new SplittableRandom(9);
        for (int[] shape : new int[][]{{10, 64}, {13, 16}, {1, 13}, {32, 64}, {64, 64}, {5, 3}}) {
            int out = shape[0];
            int in = shape[1];
            Dense layer = RandomLayers.gaussian(out, in, r);
            int dim = Integer.highestOneBit(Math.max(in, out) * 2 - 1);
            DiagonalPlan plan = DiagonalPlan.of(layer, dim);
            double[] x = RandomLayers.vector(in, r);
            int slots = 4 * dim;
            double[] y = plan.simulate(DiagonalPlan.replicate(x, dim, slots));
            double[] expected = layer.apply(x);
            for (int p = 0; p < slots; p += dim) {
                for (int o = 0; o < dim; o++) {
                    assertEquals(o < out ? expected[o] : 0, y[p + o], 1e-9, "shape " + out + "x" + in);
                }
            }
            assertTrue(plan.babySteps().length <= plan.n1() - 1);
            assertTrue(plan.giantSteps().length <= plan.n2() - 1);
        }
    }

    @Test
    void clientRotatedInputLayoutComputesTheFirstLayerWithLogDRotations() {
        SplittableRandom r = new SplittableRandom(12);
        for (int[] shape : new int[][]{{8, 13}, {32, 64}, {16, 30}, {1, 2}}) {
            int out = shape[0];
            int in = shape[1];
            Dense layer = RandomLayers.gaussian(out, in, r);
            int dim = Integer.highestOneBit(Math.max(in, out) * 2 - 1);
            int slots = dim * dim * 2;
            RotatedInputLayer l = RotatedInputLayer.of(layer, dim, slots);
            double[] x = RandomLayers.vector(in, r);
            double[] y = l.simulate(RotatedInputLayer.clientLayout(x, dim, slots));
            double[] expected = layer.apply(x);
            for (int p = 0; p < slots; p += dim) {
                for (int o = 0; o < dim; o++) {
                    assertEquals(o < out ? expected[o] : 0, y[p + o], 1e-9, "shape " + out + "x" + in + " slot " + (p + o));
                }
            }
            assertEquals(Integer.numberOfTrailingZeros(dim), l.steps().length);
        }
        assertThrows(MlException.class, () -> RotatedInputLayer.of(new Dense(new double[2][70], new double[2]), 128,
                8192));
    }
}
