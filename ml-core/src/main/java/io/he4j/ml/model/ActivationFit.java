package io.he4j.ml.model;

/**
 * How a hidden layer's activation was made HE-friendly: the target function, the least-squares polynomial
 * fitted to it over [lo, hi] (the training pre-activation range), and the approximation error measured on a
 * dense grid over that range. For {@code square} the polynomial IS the activation and the errors are 0.
 *
 * @param function    "square", "relu", "gelu" or "sigmoid"
 * @param polynomial  the activation actually used (in plaintext and under encryption alike)
 * @param lo          left end of the fitting range
 * @param hi          right end of the fitting range
 * @param maxAbsError max |f(x) - p(x)| over [lo, hi]
 * @param rmsError    root-mean-square of f - p over [lo, hi] (uniform grid)
 */
public record ActivationFit(String function, Polynomial polynomial, double lo, double hi, double maxAbsError,
                            double rmsError) {
}
