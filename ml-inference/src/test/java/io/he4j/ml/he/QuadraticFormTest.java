package io.he4j.ml.he;

import io.he4j.ml.model.Dense;
import io.he4j.ml.model.OutputLink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quadratic-form rewrite of a one-hidden-layer square network, in plaintext. */
class QuadraticFormTest {
    @Test
    void expandedLinearModelGivesTheNetworksScores() {
        SplittableRandom r = new SplittableRandom(5);
        for (int[] shape : new int[][]{{1, 1, 1}, {13, 16, 1}, {7, 3, 4}}) {
            SquareNetwork net = new SquareNetwork(List.of(RandomLayers.gaussian(shape[1], shape[0], r), RandomLayers.gaussian(shape[2], shape[1], r)),
                    OutputLink.SIGMOID);
            Dense linear = QuadraticForm.expand(net);
            assertEquals(QuadraticForm.monomials(shape[0]), linear.in());
            for (int t = 0; t < 20; t++) {
                double[] x = new double[shape[0]];
                for (int j = 0; j < x.length; j++) {
                    x[j] = r.nextDouble(-300, 300);
                }
                double[] want = net.scores(x);
                double[] got = linear.apply(QuadraticForm.features(x));
                for (int c = 0; c < want.length; c++) {
                    assertEquals(want[c], got[c], 1e-9 * Math.max(1, Math.abs(want[c])), "shape " + shape[0]);
                }
            }
        }
    }

    @Test
    void appliesOnlyToOneHiddenLayerThatFits() {
        SplittableRandom r = new SplittableRandom(6);
        SquareNetwork heart = new SquareNetwork(List.of(RandomLayers.gaussian(16, 13, r), RandomLayers.gaussian(1, 16, r)), OutputLink.SIGMOID);
        assertTrue(QuadraticForm.applies(heart, 4096));
        SquareNetwork digits = new SquareNetwork(List.of(RandomLayers.gaussian(16, 64, r), RandomLayers.gaussian(10, 16, r)), OutputLink.SOFTMAX);
        assertFalse(QuadraticForm.applies(digits, 4096));  // 10 x 2144 coefficients
        SquareNetwork deep = new SquareNetwork(List.of(RandomLayers.gaussian(4, 3, r), RandomLayers.gaussian(4, 4, r), RandomLayers.gaussian(1, 4, r)),
                OutputLink.SIGMOID);
        assertFalse(QuadraticForm.applies(deep, 4096));
    }
}
