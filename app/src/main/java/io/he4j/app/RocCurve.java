package io.he4j.app;

import java.util.Arrays;

/**
 * The ROC curve of score P(class c) against "is class c": (false positive rate, true positive rate) at every
 * distinct threshold, from (0,0) to (1,1); tied scores move diagonally (as in the Mann-Whitney AUC of
 * {@link io.he4j.ml.metrics.ClassificationMetrics}).
 */
final class RocCurve {
    private RocCurve() {
    }

    /** {fpr[], tpr[]}; empty arrays when one side has no row. */
    static double[][] of(int[] truth, double[][] probabilities, int c) {
        int n = truth.length;
        Integer[] idx = new Integer[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            pos += truth[i] == c ? 1 : 0;
        }
        int neg = n - pos;
        if (pos == 0 || neg == 0) {
            return new double[][] {new double[0], new double[0]};
        }
        Arrays.sort(idx, (a, b) -> Double.compare(probabilities[b][c], probabilities[a][c]));
        double[] fpr = new double[n + 1];
        double[] tpr = new double[n + 1];
        int points = 1;
        int tp = 0;
        int fp = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && probabilities[idx[j]][c] == probabilities[idx[i]][c]) {
                if (truth[idx[j]] == c) {
                    tp++;
                } else {
                    fp++;
                }
                j++;
            }
            fpr[points] = (double) fp / neg;
            tpr[points] = (double) tp / pos;
            points++;
            i = j;
        }
        return new double[][] {Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points)};
    }
}
