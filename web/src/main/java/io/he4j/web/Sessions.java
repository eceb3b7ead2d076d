package io.he4j.web;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions keyed by 256-bit random ids (CSPRNG). A login replaces the anonymous session by a new one
 * (new id, new CSRF token), so an id fixed before login is worthless after it. Idle sessions expire.
 * Thread-safe.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SESSIONS = 10_000;

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Duration idle;

    public Sessions(Duration idle) {
        this.idle = idle;
    }

    /** The live session of this id, if any (touches it). */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        long now = System.currentTimeMillis();
        if (s == null) {
            return Optional.empty();
        }
        if (now - s.lastSeenMillis() > idle.toMillis()) {
            byId.remove(id);
            return Optional.empty();
        }
        s.touch(now);
        return Optional.of(s);
    }

    /** A new anonymous session. */
    public Session anonymous() {
        return create(null);
    }

    /** Ends {@code old} and opens a signed-in session for {@code user}. */
    public Session login(Session old, String user) {
        byId.remove(old.id());
        return create(user);
    }

    public void end(Session s) {
        byId.remove(s.id());
    }

    private Session create(String user) {
        if (byId.size() >= MAX_SESSIONS) {
            sweep();
        }
        Session s = new Session(randomToken(), randomToken(), user, System.currentTimeMillis());
        byId.put(s.id(), s);
        return s;
    }

    /** Drops idle sessions; if still full, the anonymous ones (a flood of visitors cannot evict users). */
    private void sweep() {
        long now = System.currentTimeMillis();
        byId.values().removeIf(s -> now - s.lastSeenMillis() > idle.toMillis());
        if (byId.size() >= MAX_SESSIONS) {
            byId.values().removeIf(s -> s.user().isEmpty());
        }
    }

    /** 256 random bits, URL-safe base64. */
    public static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
