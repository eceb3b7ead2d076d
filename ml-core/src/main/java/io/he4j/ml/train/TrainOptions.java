package io.he4j.ml.train;

import io.he4j.ml.MlException;

import java.util.List;

/**
 * What to train.
 *
 * @param kind          {@code LINEAR} (logistic / softmax / ridge regression by task) or {@code MLP}
 * @param hidden        hidden layer widths for an MLP (1 or 2 layers)
 * @param activation    MLP activation: "square" (used as is) or "relu", "gelu", "sigmoid" (pre-trained
 *                      exactly, then replaced by a degree-2 least-squares fit over the training
 *                      pre-activation range and fine-tuned with it)
 * @param l2            L2 penalty on weights (not biases)
 * @param maxIterations L-BFGS iteration cap (fine-tuning gets half)
 * @param seed          seeds the initialization (splits are seeded separately)
 */
public record TrainOptions(Kind kind, List<Integer> hidden, String activation, double l2, int maxIterations,
                           long seed) {
    public enum Kind { LINEAR, MLP }

    public TrainOptions {
        hidden = List.copyOf(hidden);
        if (kind == Kind.MLP && (hidden.isEmpty() || hidden.size() > 2)) {
            throw new MlException("an MLP has 1 or 2 hidden layers, got " + hidden);
        }
        for (int h : hidden) {
            if (h < 1 || h > 4096) {
                throw new MlException("hidden width must be in 1..4096, got " + h);
            }
        }
        if (!(l2 >= 0) || maxIterations < 1) {
            throw new MlException("need l2 >= 0 and maxIterations >= 1");
        }
        Activation.of(activation); // validates the name
    }

    public static TrainOptions linear(long seed) {
        return new TrainOptions(Kind.LINEAR, List.of(), "square", 1e-2, 500, seed);
    }

    public static TrainOptions mlp(List<Integer> hidden, String activation, long seed) {
        return new TrainOptions(Kind.MLP, hidden, activation, 1e-2, 400, seed);
    }

    public TrainOptions withL2(double v) {
        return new TrainOptions(kind, hidden, activation, v, maxIterations, seed);
    }

    public TrainOptions withMaxIterations(int v) {
        return new TrainOptions(kind, hidden, activation, l2, v, seed);
    }
}
