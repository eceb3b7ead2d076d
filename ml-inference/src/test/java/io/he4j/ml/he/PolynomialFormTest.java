package io.he4j.ml.he;

import io.he4j.ml.model.Dense;
import io.he4j.ml.model.OutputLink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The polynomial forms of square networks with one and two hidden layers, in plaintext. */
class PolynomialFormTest {
    @Test
    void expandedLinearModelGivesTheNetworksScores() {
        SplittableRandom r = new SplittableRandom(5);
        for (int[] shape : new int[][]{{1, 1, 1}, {13, 16, 1}, {7, 3, 4}}) {
            SquareNetwork net = new SquareNetwork(List.of(RandomLayers.gaussian(shape[1], shape[0], r),
                    RandomLayers.gaussian(shape[2], shape[1], r)), OutputLink.SIGMOID);
            assertExpansionGivesTheScores(net, 2, 300, r);
        }
    }

    @Test
    void appliesOnlyToOneHiddenLayerThatFits() {
        SplittableRandom r = new SplittableRandom(6);
        SquareNetwork heart = new SquareNetwork(List.of(RandomLayers.gaussian(16, 13, r), RandomLayers.gaussian(1, 16, r)), OutputLink.SIGMOID);
        assertTrue(PolynomialForm.applies(heart, 4096));
        SquareNetwork digits = new SquareNetwork(List.of(RandomLayers.gaussian(16, 64, r), RandomLayers.gaussian(10, 16, r)), OutputLink.SOFTMAX);
        assertTrue(PolynomialForm.applies(digits, 4096));   // 2144 monomials, ten classes in ten products
        SquareNetwork wide = new SquareNetwork(List.of(RandomLayers.gaussian(4, 91, r), RandomLayers.gaussian(1, 4, r)),
                OutputLink.SIGMOID);
        assertFalse(PolynomialForm.applies(wide, 4096));    // 91 x 94 / 2 = 4277 monomials
        assertTrue(PolynomialForm.applies(wide, 8192));
        SquareNetwork deep = new SquareNetwork(List.of(RandomLayers.gaussian(4, 3, r), RandomLayers.gaussian(4, 4, r),
                RandomLayers.gaussian(1, 4, r)), OutputLink.SIGMOID);
        assertTrue(PolynomialForm.applies(deep, 4096));   // degree 4 in 3 variables: 34 monomials
        SquareNetwork deeper = new SquareNetwork(List.of(RandomLayers.gaussian(4, 3, r), RandomLayers.gaussian(4, 4, r),
                RandomLayers.gaussian(4, 4, r), RandomLayers.gaussian(1, 4, r)), OutputLink.SIGMOID);
        assertFalse(PolynomialForm.applies(deeper, 8192)); // three hidden layers: degree 8, no polynomial form
        // the line for degree 4 at N = 8192: D <= 18 (Cleveland's 13 features: 2379 monomials)
        assertEquals(2379, PolynomialForm.monomials(13, 4));
        assertEquals(7314, PolynomialForm.monomials(18, 4));
        assertEquals(8854, PolynomialForm.monomials(19, 4));
    }

    @Test
    void degreeFourExpansionGivesTheTwoHiddenLayerNetworksScores() {
        SplittableRandom r = new SplittableRandom(8);
        for (int[] shape : new int[][]{{1, 1, 1, 1}, {13, 8, 4, 1}, {5, 3, 6, 3}}) {
            SquareNetwork net = new SquareNetwork(List.of(RandomLayers.gaussian(shape[1], shape[0], r),
                    RandomLayers.gaussian(shape[2], shape[1], r), RandomLayers.gaussian(shape[3], shape[2], r)),
                    OutputLink.SOFTMAX);
            assertExpansionGivesTheScores(net, 4, 3, r);
        }
    }

    @Test
    void monomialOrderIsDegreeDescendingThenLexicographic() {
        double[] x = {2, 3, 5};
        // degree 2 as the quadratic forms always sent it: x_j x_k for j <= k, then x_j
        assertArrayEquals(new double[]{4, 6, 10, 9, 15, 25, 2, 3, 5}, PolynomialForm.features(x, 2), 0);
        double[] four = PolynomialForm.features(x, 4);
        assertEquals(PolynomialForm.monomials(3, 4), four.length);
        assertEquals(16, four[0]);                  // x0^4 first
        assertEquals(625, four[14]);                // x2^4 closes degree 4 (15 monomials)
        assertEquals(8, four[15]);                  // x0^3 opens degree 3
        assertArrayEquals(new double[]{2, 3, 5}, java.util.Arrays.copyOfRange(four, four.length - 3, four.length), 0);
        assertArrayEquals(x, PolynomialForm.features(x, 1), 0);
    }

    /** The expanded linear model over the monomials of {@code degree} gives the network's scores on random rows. */
    private static void assertExpansionGivesTheScores(SquareNetwork net, int degree, double range, SplittableRandom r) {
        Dense linear = PolynomialForm.expand(net);
        assertEquals(PolynomialForm.monomials(net.inputs(), degree), linear.in());
        for (int t = 0; t < 20; t++) {
            double[] x = new double[net.inputs()];
            for (int j = 0; j < x.length; j++) {
                x[j] = r.nextDouble(-range, range);
            }
            double[] want = net.scores(x);
            double[] got = linear.apply(PolynomialForm.features(x, degree));
            for (int c = 0; c < want.length; c++) {
                assertEquals(want[c], got[c], 1e-9 * Math.max(1, Math.abs(want[c])), net.inputs() + " inputs");
            }
        }
    }
}
