package io.he4j.client;

import java.util.Arrays;
import java.util.Optional;

/**
 * One decrypted prediction.
 *
 * @param scores        the model's scores (logits, or the regression value), released by safe decryption:
 *                      flooded and rounded to the client's release precision (1e-3 by default), so they may be
 *                      shown to others without leaking the secret key (IND-CPA-D)
 * @param probabilities class probabilities (classification), else empty
 * @param label         the predicted class's index (classification), else -1
 * @param className     the predicted class's name (classification)
 */
public record Prediction(double[] scores, double[] probabilities, int label, Optional<String> className) {
    public Prediction {
        scores = scores.clone();
        probabilities = probabilities.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** The probability of the predicted class (classification), or the regression value. */
    public double value() {
        return label >= 0 ? probabilities[label] : scores[0];
    }

    @Override
    public String toString() {
        return className.map(c -> c + " (p=" + String.format("%.4f", value()) + ")")
                .orElse(Arrays.toString(scores));
    }
}
