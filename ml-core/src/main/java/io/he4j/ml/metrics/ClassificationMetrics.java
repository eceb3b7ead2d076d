package io.he4j.ml.metrics;

import io.he4j.ml.MlException;

import java.util.Arrays;

/**
 * Classification quality. Binary problems report precision, recall and F1 of class 1 and the ROC-AUC of
 * P(class 1); K-class problems report macro averages over classes and the macro one-vs-rest ROC-AUC.
 *
 * @param confusion confusion[true][predicted]
 */
public record ClassificationMetrics(int n, double accuracy, double precision, double recall, double f1,
                                    double rocAuc, double logLoss, int[][] confusion) {

    /**
     * @param truth         true class indices
     * @param probabilities per row, a probability per class (rows sum to 1)
     */
    public static ClassificationMetrics of(int[] truth, double[][] probabilities) {
        int n = truth.length;
        if (n == 0 || probabilities.length != n) {
            throw new MlException("metrics need one probability row per label: " + n + " labels, "
                    + probabilities.length + " rows");
        }
        int k = probabilities[0].length;
        int[][] cm = new int[k][k];
        double ll = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            double[] p = probabilities[i];
            if (p.length != k) {
                throw new MlException("probability row " + i + " has " + p.length + " classes, expected " + k);
            }
            int pred = argmax(p);
            cm[truth[i]][pred]++;
            if (pred == truth[i]) {
                correct++;
            }
            ll -= Math.log(Math.min(1 - 1e-15, Math.max(1e-15, p[truth[i]])));
        }
        double precision;
        double recall;
        double f1;
        double auc;
        if (k == 2) {
            precision = ratio(cm[1][1], cm[1][1] + cm[0][1]);
            recall = ratio(cm[1][1], cm[1][1] + cm[1][0]);
            f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            auc = auc(truth, probabilities, 1);
        } else {
            double sp = 0;
            double sr = 0;
            double sf = 0;
            double sa = 0;
            int aucClasses = 0;
            for (int c = 0; c < k; c++) {
                int tp = cm[c][c];
                int predicted = 0;
                int actual = 0;
                for (int j = 0; j < k; j++) {
                    predicted += cm[j][c];
                    actual += cm[c][j];
                }
                double p = ratio(tp, predicted);
                double r = ratio(tp, actual);
                sp += p;
                sr += r;
                sf += p + r == 0 ? 0 : 2 * p * r / (p + r);
                double a = auc(truth, probabilities, c);
                if (!Double.isNaN(a)) {
                    sa += a;
                    aucClasses++;
                }
            }
            precision = sp / k;
            recall = sr / k;
            f1 = sf / k;
            auc = aucClasses == 0 ? Double.NaN : sa / aucClasses;
        }
        return new ClassificationMetrics(n, (double) correct / n, precision, recall, f1, auc, ll / n, cm);
    }

    /** Mann–Whitney form of the ROC-AUC of score P(class c), ties counted half; NaN if a side is empty. */
    static double auc(int[] truth, double[][] p, int c) {
        int n = truth.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(p[a][c], p[b][c]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && p[idx[j + 1]][c] == p[idx[i]][c]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (truth[idx[t]] == c) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    private static int argmax(double[] p) {
        int b = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[b]) {
                b = i;
            }
        }
        return b;
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
