package io.he4j.server.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per-tenant admission: a request rate (token bucket) and a cap on requests in flight. A request over either
 * is refused at once (429), never queued, so one tenant cannot take the server from the others.
 * Thread-safe.
 */
public final class TenantLimiter {
    private final double ratePerSecond;
    private final int burst;
    private final int concurrent;
    private final ConcurrentHashMap<Long, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Semaphore> inFlight = new ConcurrentHashMap<>();

    public TenantLimiter(double ratePerSecond, int burst, int concurrent) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.concurrent = concurrent;
    }

    public enum Refusal { RATE, CONCURRENCY }

    /** Why the tenant may not start a request now, or null if it may (then it must call {@link #release}). */
    public Refusal tryAdmit(long tenantId) {
        if (!buckets.computeIfAbsent(tenantId, k -> new TokenBucket(ratePerSecond, burst)).tryTake()) {
            return Refusal.RATE;
        }
        if (!inFlight.computeIfAbsent(tenantId, k -> new Semaphore(concurrent)).tryAcquire()) {
            return Refusal.CONCURRENCY;
        }
        return null;
    }

    public void release(long tenantId) {
        inFlight.get(tenantId).release();
    }

    public long retryAfterSeconds(long tenantId) {
        TokenBucket b = buckets.get(tenantId);
        return b == null ? 1 : b.secondsUntilNext();
    }
}
