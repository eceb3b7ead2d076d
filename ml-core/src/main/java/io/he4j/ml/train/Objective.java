package io.he4j.ml.train;

/** A differentiable function of a parameter vector. */
public interface Objective {
    int dimension();

    /** Returns f(theta) and writes the gradient into {@code grad} (same length as theta). */
    double valueAndGradient(double[] theta, double[] grad);
}
