package io.he4j.ml.he;

import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.OutputLink;

import java.util.List;

/**
 * The form a model takes for CKKS: affine layers on RAW (imputed, unscaled) features with an elementwise
 * square between consecutive layers: {@code scores = L_k(sq(... sq(L_1 x)))}. Produced by {@link Folding};
 * evaluating it in plaintext gives the model's scores up to floating-point rounding.
 */
public record SquareNetwork(List<Dense> layers, OutputLink output) {
    public SquareNetwork {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new MlException("a network needs at least one layer");
        }
    }

    public int inputs() {
        return layers.getFirst().in();
    }

    public int outputs() {
        return layers.getLast().out();
    }

    public boolean isLinear() {
        return layers.size() == 1;
    }

    /** Number of squarings (= layers - 1). */
    public int squares() {
        return layers.size() - 1;
    }

    /** Largest layer width (inputs included). */
    public int maxWidth() {
        int w = inputs();
        for (Dense d : layers) {
            w = Math.max(w, d.out());
        }
        return w;
    }

    public double[] scores(double[] x) {
        double[] h = x;
        for (int l = 0; l < layers.size(); l++) {
            h = layers.get(l).apply(h);
            if (l + 1 < layers.size()) {
                for (int i = 0; i < h.length; i++) {
                    h[i] *= h[i];
                }
            }
        }
        return h;
    }
}
