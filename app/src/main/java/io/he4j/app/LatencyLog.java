package io.he4j.app;

import java.util.Arrays;

/** The last N round-trip times of one model, for the model page's percentiles. Thread-safe. */
public final class LatencyLog {
    private final long[] ring;
    private int next;
    private int size;

    public LatencyLog(int capacity) {
        this.ring = new long[capacity];
    }

    public synchronized void add(long nanos) {
        ring[next] = nanos;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    public synchronized int count() {
        return size;
    }

    /** The q-quantile (0..1) in milliseconds, NaN when empty. */
    public synchronized double quantileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] s = Arrays.copyOf(ring, size);
        Arrays.sort(s);
        return s[(int) Math.min(size - 1, Math.floor(q * size))] / 1e6;
    }
}
