package io.he4j.ml.he;

import io.he4j.ml.MlException;
import io.he4j.ml.data.StandardScaler;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.Polynomial;
import io.he4j.ml.model.TrainedModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a trained model into a {@link SquareNetwork}, exactly (no approximation):
 * <ol>
 *   <li>the standard scaler is folded into the first layer, w'_j = w_j / sigma_j and
 *       b' = b - sum_j w_j mu_j / sigma_j, so standardization costs nothing under encryption (the client
 *       sends raw features; cf. HomoPAI's homomorphic standardization);</li>
 *   <li>a degree-2 activation a2 z^2 + a1 z + a0 becomes a pure square by completing it,
 *       a2 (z + a1/(2 a2))^2 + (a0 - a1^2/(4 a2)): the shift goes into this layer's bias, a2 and the constant
 *       into the next layer's weights and bias, so each activation costs exactly one ciphertext squaring;</li>
 *   <li>an activation of degree <= 1 merges the two layers around it into one.</li>
 * </ol>
 * Activations of degree > 2 are rejected (they would need more multiplicative depth than he4j compiles).
 */
public final class Folding {
    private Folding() {
    }

    public static SquareNetwork fold(TrainedModel m) {
        List<Dense> layers = new ArrayList<>(m.network().layers());
        layers.set(0, foldScaler(layers.getFirst(), m.scaler()));
        List<Polynomial> acts = m.network().activations();
        List<Dense> out = new ArrayList<>();
        Dense current = layers.getFirst();
        for (int l = 0; l < acts.size(); l++) {
            Polynomial p = acts.get(l);
            Dense next = layers.get(l + 1);
            int degree = p.degree();
            double a0 = p.coefficient(0);
            double a1 = p.coefficient(1);
            double a2 = p.coefficient(2);
            if (degree > 2) {
                throw new MlException("activation " + (l + 1) + " has degree " + degree
                        + "; CKKS compilation supports polynomial activations of degree <= 2");
            }
            if (degree <= 1) {
                current = merge(current, next, a1, a0);
                continue;
            }
            double shift = a1 / (2 * a2);
            double constant = a0 - a1 * a1 / (4 * a2);
            double[] b = current.bias().clone();
            for (int i = 0; i < b.length; i++) {
                b[i] += shift;
            }
            out.add(new Dense(current.weights(), b));
            double[][] w = new double[next.out()][next.in()];
            double[] nb = next.bias().clone();
            for (int o = 0; o < w.length; o++) {
                double rowSum = 0;
                for (int i = 0; i < w[o].length; i++) {
                    w[o][i] = a2 * next.weights()[o][i];
                    rowSum += next.weights()[o][i];
                }
                nb[o] += constant * rowSum;
            }
            current = new Dense(w, nb);
        }
        out.add(current);
        return new SquareNetwork(out, m.network().output());
    }

    static Dense foldScaler(Dense first, StandardScaler s) {
        double[][] w = new double[first.out()][first.in()];
        double[] b = first.bias().clone();
        for (int o = 0; o < w.length; o++) {
            for (int j = 0; j < w[o].length; j++) {
                w[o][j] = first.weights()[o][j] / s.scale()[j];
                b[o] -= first.weights()[o][j] * s.mean()[j] / s.scale()[j];
            }
        }
        return new Dense(w, b);
    }

    /** next(a1 * current(x) + a0) as one layer. */
    private static Dense merge(Dense current, Dense next, double a1, double a0) {
        int out = next.out();
        int in = current.in();
        double[][] w = new double[out][in];
        double[] b = next.bias().clone();
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < next.in(); k++) {
                double v = next.weights()[o][k];
                b[o] += v * (a1 * current.bias()[k] + a0);
                for (int j = 0; j < in; j++) {
                    w[o][j] += a1 * v * current.weights()[k][j];
                }
            }
        }
        return new Dense(w, b);
    }
}
