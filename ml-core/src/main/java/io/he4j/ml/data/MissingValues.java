package io.he4j.ml.data;

import io.he4j.ml.MlException;

import java.util.Arrays;

/** Missing-value policies: drop incomplete rows, or impute with the training-set mean ({@link MeanImputer}). */
public final class MissingValues {
    private MissingValues() {
    }

    public enum Policy {
        /** Rows with any missing feature are removed (before splitting). */
        DROP_ROWS,
        /** Missing features are replaced by the TRAINING-split mean of that feature (fitted after splitting). */
        IMPUTE_TRAIN_MEAN
    }

    public static Dataset dropRows(Dataset d) {
        int[] keep = java.util.stream.IntStream.range(0, d.rows())
                .filter(i -> Arrays.stream(d.x()[i]).noneMatch(Double::isNaN)).toArray();
        if (keep.length == 0) {
            throw new MlException(d.name() + ": every row has a missing value; impute instead of dropping rows");
        }
        return d.subset(keep, d.name());
    }
}
