package io.he4j.ml.model;

/**
 * How the client turns the decrypted scores into a prediction (never done under encryption unless an
 * encrypted polynomial sigmoid is asked for).
 */
public enum OutputLink {
    /** One score s: P(class 1) = 1 / (1 + e^-s). */
    SIGMOID,
    /** K scores: softmax. */
    SOFTMAX,
    /** One score: the regression value. */
    IDENTITY;

    public double[] probabilities(double[] scores) {
        return switch (this) {
            case SIGMOID -> {
                double p = sigmoid(scores[0]);
                yield new double[]{1 - p, p};
            }
            case SOFTMAX -> softmax(scores);
            case IDENTITY -> scores.clone();
        };
    }

    public static double sigmoid(double s) {
        return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    }

    public static double[] softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double[] p = new double[s.length];
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            p[i] = Math.exp(s[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < s.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Predicted class index (classification) from scores. */
    public int label(double[] scores) {
        return switch (this) {
            case SIGMOID -> scores[0] > 0 ? 1 : 0;
            case SOFTMAX -> {
                int best = 0;
                for (int i = 1; i < scores.length; i++) {
                    if (scores[i] > scores[best]) {
                        best = i;
                    }
                }
                yield best;
            }
            case IDENTITY -> throw new IllegalStateException("regression has no labels");
        };
    }
}
