package io.he4j.ml.data;

import java.util.List;

/**
 * Numeric features and raw target values as read from a file; {@code Double.NaN} marks a missing feature.
 * Rows whose target was missing are not here (they cannot be used for training or evaluation).
 *
 * @param featureNames  one name per feature column (from the header, or {@code x0, x1, ...})
 * @param targetName    the target column's name
 * @param features      rows x features, NaN = missing
 * @param target        raw target values, one per row, never NaN
 * @param droppedTarget rows skipped because their target was missing
 */
public record RawTable(List<String> featureNames, String targetName, double[][] features, double[] target,
                       int droppedTarget) {
    public RawTable {
        featureNames = List.copyOf(featureNames);
        if (features.length != target.length) {
            throw new IllegalArgumentException(features.length + " feature rows but " + target.length + " targets");
        }
    }

    public int rows() {
        return target.length;
    }
}
