package io.he4j.client;

import java.util.Arrays;
import java.util.Optional;

/**
 * One decrypted prediction.
 *
 * @param scores             the model's scores (logits, or the regression value), released by safe decryption:
 *                           flooded and rounded to the client's release precision (1e-3 by default), so they may
 *                           be shown to others without leaking the secret key (IND-CPA-D)
 * @param probabilities      class probabilities from {@code scores} (classification), else empty
 * @param label              the predicted class's index (classification), else -1
 * @param className          the predicted class's name (classification)
 * @param exactScores        the same reply's scores as decrypted, before safe decryption's flooding and rounding
 *                           (equal to {@code scores} when safe decryption is off): for this process only. Decrypted
 *                           CKKS values that reach the provider or anyone it can talk to may leak the secret key
 * @param exactProbabilities class probabilities from {@code exactScores} (classification), else empty
 */
public record Prediction(double[] scores, double[] probabilities, int label, Optional<String> className,
                         double[] exactScores, double[] exactProbabilities) {
    public Prediction {
        scores = scores.clone();
        probabilities = probabilities.clone();
        exactScores = exactScores.clone();
        exactProbabilities = exactProbabilities.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public double[] exactScores() {
        return exactScores.clone();
    }

    @Override
    public double[] exactProbabilities() {
        return exactProbabilities.clone();
    }

    /** The probability of the predicted class (classification), or the regression value. */
    public double value() {
        return label >= 0 ? probabilities[label] : scores[0];
    }

    /** {@link #value()} from the exact decryption (for this process only, see {@link #exactScores}). */
    public double exactValue() {
        return label >= 0 ? exactProbabilities[label] : exactScores[0];
    }

    @Override
    public String toString() { // the released value only
        return className.map(c -> c + " (p=" + String.format("%.4f", value()) + ")")
                .orElse(Arrays.toString(scores));
    }
}
