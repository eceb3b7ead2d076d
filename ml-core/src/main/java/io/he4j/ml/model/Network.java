package io.he4j.ml.model;

import io.he4j.ml.MlException;

import java.util.List;

/**
 * Every model as one shape: dense layers with a polynomial activation between consecutive layers, then an
 * output link applied by the client. Linear models have one layer and no activation.
 */
public record Network(List<Dense> layers, List<Polynomial> activations, OutputLink output) {
    public Network {
        layers = List.copyOf(layers);
        activations = List.copyOf(activations);
        if (layers.isEmpty()) {
            throw new MlException("a network needs at least one layer");
        }
        if (activations.size() != layers.size() - 1) {
            throw new MlException("a network with " + layers.size() + " layers needs " + (layers.size() - 1)
                    + " activations, got " + activations.size());
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).in() != layers.get(i - 1).out()) {
                throw new MlException("layer " + i + " takes " + layers.get(i).in() + " inputs but layer " + (i - 1)
                        + " gives " + layers.get(i - 1).out());
            }
        }
        int outs = layers.getLast().out();
        if ((output == OutputLink.SIGMOID || output == OutputLink.IDENTITY) && outs != 1) {
            throw new MlException(output + " output needs 1 score, the last layer gives " + outs);
        }
        if (output == OutputLink.SOFTMAX && outs < 2) {
            throw new MlException("softmax output needs >= 2 scores, the last layer gives " + outs);
        }
    }

    public int inputs() {
        return layers.getFirst().in();
    }

    public int outputs() {
        return layers.getLast().out();
    }

    /** Scores (logits, or the regression value) for an already preprocessed input. */
    public double[] scores(double[] x) {
        double[] h = x;
        for (int l = 0; l < layers.size(); l++) {
            h = layers.get(l).apply(h);
            if (l < activations.size()) {
                Polynomial p = activations.get(l);
                for (int i = 0; i < h.length; i++) {
                    h[i] = p.apply(h[i]);
                }
            }
        }
        return h;
    }
}
