package io.he4j.ml.data;

import io.he4j.ml.MlException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded splits. Classification splits are stratified: each class is shuffled on its own and dealt out so
 * that class proportions are (to within one row) the same in every part. Same seed, same split.
 */
public final class Splits {
    private Splits() {
    }

    public static Split trainTest(Dataset d, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new MlException("test fraction must be in (0, 1), got " + testFraction);
        }
        List<int[]> groups = groups(d, seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int[] g : groups) {
            int nTest = (int) Math.round(g.length * testFraction);
            for (int i = 0; i < g.length; i++) {
                (i < nTest ? test : train).add(g[i]);
            }
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new MlException(d.name() + ": " + d.rows() + " rows are too few for a " + testFraction
                    + " test split");
        }
        return new Split(d.subset(sorted(train), d.name() + "/train"), d.subset(sorted(test), d.name() + "/test"));
    }

    /** k folds; fold i's test part is the i-th slice of every (shuffled) class. */
    public static List<Split> kFold(Dataset d, int k, long seed) {
        if (k < 2 || k > d.rows()) {
            throw new MlException("k-fold needs 2 <= k <= rows (" + d.rows() + "), got " + k);
        }
        List<int[]> groups = groups(d, seed);
        List<List<Integer>> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            folds.add(new ArrayList<>());
        }
        int next = 0;
        for (int[] g : groups) {
            for (int idx : g) {
                folds.get(next).add(idx);
                next = (next + 1) % k;
            }
        }
        List<Split> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<Integer> train = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    train.addAll(folds.get(j));
                }
            }
            out.add(new Split(d.subset(sorted(train), d.name() + "/fold" + i + "-train"),
                    d.subset(sorted(folds.get(i)), d.name() + "/fold" + i + "-test")));
        }
        return out;
    }

    private static List<int[]> groups(Dataset d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        if (d.isClassification()) {
            int[] labels = d.labels();
            for (int c = 0; c < d.classCount(); c++) {
                final int cc = c;
                int[] g = java.util.stream.IntStream.range(0, d.rows()).filter(i -> labels[i] == cc).toArray();
                shuffle(g, rnd);
                out.add(g);
            }
        } else {
            int[] g = java.util.stream.IntStream.range(0, d.rows()).toArray();
            shuffle(g, rnd);
            out.add(g);
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] sorted(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
