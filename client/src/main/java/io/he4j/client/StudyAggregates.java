package io.he4j.client;

import java.util.List;
import java.util.Optional;

/**
 * A study's aggregates as the research authority decrypted them: per feature (in {@link #features} order) the sum,
 * mean, sum of squares and, if the study has standardization constants, sum((x - mean)/std); the encrypted count
 * and the rows the institutions declared (they differ only if an institution's indicator and declared rows
 * disagree). CKKS is approximate: each value is within the precision documented in docs/server.md.
 */
public record StudyAggregates(String study, List<String> features, int institutions, long declaredRows,
                              double count, double[] sum, double[] mean, double[] sumOfSquares,
                              Optional<double[]> standardizedSum) {

    /** The population variance of feature {@code f}: sumOfSquares / n - mean^2 (n = the declared rows). */
    public double variance(int f) {
        return sumOfSquares[f] / declaredRows - mean[f] * mean[f];
    }

    /** Whether the encrypted count matches the declared rows (to within CKKS precision). */
    public boolean countMatchesDeclaredRows() {
        return Math.abs(count - declaredRows) < 0.5;
    }
}
