package io.he4j.web;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One browser session: an unguessable id (the cookie), its CSRF token, the signed-in user once logged in, and
 * per-session objects (e.g. batch jobs). Lives only in the server's memory; the browser holds the id alone.
 * Thread-safe.
 */
public final class Session {
    private final String id;
    private final String csrf;
    private final String user;
    private volatile long lastSeenMillis;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    Session(String id, String csrf, String user, long now) {
        this.id = id;
        this.csrf = csrf;
        this.user = user;
        this.lastSeenMillis = now;
    }

    String id() {
        return id;
    }

    public String csrf() {
        return csrf;
    }

    /** The signed-in user; empty before login. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    long lastSeenMillis() {
        return lastSeenMillis;
    }

    void touch(long now) {
        lastSeenMillis = now;
    }

    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "Session[user=" + user + "]"; // never the id or the token
    }
}
