package io.he4j.bench.model;

import java.util.Arrays;

/** Order statistics over samples (linear interpolation between closest ranks, as numpy's default). */
public final class Stats {
    private Stats() {
    }

    public static double percentile(double[] samples, double p) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("percentile of no samples");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        double rank = p / 100.0 * (s.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return s[lo] + (s[hi] - s[lo]) * (rank - lo);
    }

    public static double median(double[] samples) {
        return percentile(samples, 50);
    }

    public static Spread spread(double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        return new Spread(s[0], s[s.length - 1], percentile(s, 25), percentile(s, 75), s.length);
    }
}
