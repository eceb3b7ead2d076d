package io.he4j.ml.train;

import io.he4j.ml.model.ActivationFit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolynomialFitTest {
    @Test
    void reproducesAnExactQuadratic() {
        Activation f = new Activation.Named("q", x -> 3 - 2 * x + 0.5 * x * x, x -> -2 + x);
        ActivationFit fit = PolynomialFit.fit(f, -7, 3, 2);
        assertEquals(3, fit.polynomial().coefficient(0), 1e-9);
        assertEquals(-2, fit.polynomial().coefficient(1), 1e-9);
        assertEquals(0.5, fit.polynomial().coefficient(2), 1e-9);
        assertTrue(fit.maxAbsError() < 1e-9);
    }

    @Test
    void quadraticReluAndSigmoidErrorsAreStated() {
        ActivationFit relu = PolynomialFit.fit(Activation.of("relu"), -4, 4, 2);
        // best L2 quadratic to relu on [-4,4]: 0.375 + 0.5 x + 0.117 x^2 (|t| ~ 3/16 + 15/16 t^2 on [-1,1], Legendre)
        assertEquals(0.5, relu.polynomial().coefficient(1), 1e-3);
        assertEquals(15.0 / 128, relu.polynomial().coefficient(2), 1e-3);
        assertEquals(0.375, relu.polynomial().coefficient(0), 1e-3);
        assertTrue(relu.maxAbsError() > 0.3 && relu.maxAbsError() < 0.5, "" + relu.maxAbsError());
        ActivationFit sig = PolynomialFit.fit(Activation.of("sigmoid"), -4, 4, 2);
        assertEquals(0.5, sig.polynomial().coefficient(0), 1e-3);
        // a quadratic cannot follow the odd cubic part: about 0.13 on [-4, 4]
        assertTrue(sig.maxAbsError() > 0.05 && sig.maxAbsError() < 0.15, "" + sig.maxAbsError());
        assertTrue(sig.rmsError() < sig.maxAbsError());
    }
}
