package io.he4j.bench.model;

/**
 * How a figure's samples spread around its median: extremes, quartiles and the number of samples (JMH
 * measurement iterations, Google Benchmark repetitions, or 1 for a deterministic count such as a size).
 */
public record Spread(double min, double max, double p25, double p75, int n) {
    public Spread {
        if (n < 1) {
            throw new IllegalArgumentException("a spread needs at least one sample, got n=" + n);
        }
        if (!(min <= p25 && p25 <= p75 && p75 <= max)) {
            throw new IllegalArgumentException("spread out of order: min=" + min + " p25=" + p25 + " p75=" + p75
                    + " max=" + max);
        }
    }

    /** A single exact value (a byte count, an accuracy): no spread. */
    public static Spread exact(double value) {
        return new Spread(value, value, value, value, 1);
    }
}
