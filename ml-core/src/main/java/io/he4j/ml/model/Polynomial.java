package io.he4j.ml.model;

import io.he4j.ml.MlException;

import java.util.Arrays;

/**
 * p(x) = c[0] + c[1] x + ... + c[k] x^k, an HE-friendly activation (CKKS evaluates only additions and
 * multiplications). {@link #square()} is x^2 (CryptoNets, Gilad-Bachrach et al., ICML 2016).
 */
public record Polynomial(double[] coefficients) {
    public Polynomial {
        coefficients = coefficients.clone();
        if (coefficients.length == 0) {
            throw new MlException("a polynomial needs at least one coefficient");
        }
        for (double c : coefficients) {
            if (!Double.isFinite(c)) {
                throw new MlException("polynomial coefficients must be finite: " + Arrays.toString(coefficients));
            }
        }
    }

    public static Polynomial square() {
        return new Polynomial(new double[]{0, 0, 1});
    }

    public int degree() {
        int d = coefficients.length - 1;
        while (d > 0 && coefficients[d] == 0) {
            d--;
        }
        return d;
    }

    public double apply(double x) {
        double r = 0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            r = r * x + coefficients[i];
        }
        return r;
    }

    public double derivative(double x) {
        double r = 0;
        for (int i = coefficients.length - 1; i >= 1; i--) {
            r = r * x + i * coefficients[i];
        }
        return r;
    }

    public double coefficient(int i) {
        return i < coefficients.length ? coefficients[i] : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polynomial p && Arrays.equals(coefficients, p.coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < coefficients.length; i++) {
            if (i > 0) {
                sb.append(coefficients[i] < 0 ? " - " : " + ");
            } else if (coefficients[i] < 0) {
                sb.append('-');
            }
            sb.append(String.format("%.6g", Math.abs(coefficients[i])));
            if (i > 0) {
                sb.append(i == 1 ? " x" : " x^" + i);
            }
        }
        return sb.toString();
    }
}
