package io.he4j.server.limits;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code ratePerSecond}; each request takes one.
 * Thread-safe.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Seconds until a token will be there (for Retry-After), at least 1. */
    public synchronized long secondsUntilNext() {
        return Math.max(1, (long) Math.ceil((1 - tokens) / (ratePerNano * 1e9)));
    }
}
