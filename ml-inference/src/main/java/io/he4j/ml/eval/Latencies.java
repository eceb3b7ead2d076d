package io.he4j.ml.eval;

import java.util.Arrays;

/** Percentiles of a sample of durations, in milliseconds. */
public record Latencies(int count, double p50, double p90, double p99, double mean) {
    public static Latencies ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        double sum = 0;
        for (long v : s) {
            sum += v;
        }
        return new Latencies(s.length, pct(s, 0.50), pct(s, 0.90), pct(s, 0.99), sum / s.length / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return sorted[i] / 1e6;
    }
}
