package io.he4j.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks a login name after {@code maxFailures} wrong passwords in a row, for {@code lockout}; a success resets
 * the count. Keyed by the name tried (not the address: the app serves one hospital behind one address).
 * Thread-safe.
 */
public final class LoginThrottle {
    private record State(int failures, long lockedUntil) {
    }

    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** Seconds until {@code name} may try again; 0 when it may now. */
    public long lockedSeconds(String name) {
        State s = states.get(key(name));
        long left = s == null ? 0 : s.lockedUntil() - clock.millis();
        return left <= 0 ? 0 : (left + 999) / 1000;
    }

    public void failed(String name) {
        states.compute(key(name), (k, s) -> {
            int f = (s == null || (s.lockedUntil() != 0 && s.lockedUntil() <= clock.millis()) ? 0 : s.failures()) + 1;
            return new State(f, f >= maxFailures ? clock.millis() + lockout.toMillis() : 0);
        });
        if (states.size() > 100_000) {
            states.values().removeIf(s -> s.lockedUntil() != 0 && s.lockedUntil() <= clock.millis());
        }
    }

    public void succeeded(String name) {
        states.remove(key(name));
    }

    private static String key(String name) {
        return name.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
