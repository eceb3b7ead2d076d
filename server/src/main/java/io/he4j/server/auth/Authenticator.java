package io.he4j.server.auth;

import io.he4j.server.db.TenantStore;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves {@code Authorization: Bearer <token>} to a tenant. Lookups are cached by token hash for a few
 * seconds (a hot path at thousands of requests per second); the cache holds hashes, never tokens, and forgets
 * unknown tokens at once, so a newly created token works immediately.
 * Thread-safe.
 */
public final class Authenticator {
    private static final long CACHE_NANOS = 5_000_000_000L;
    private static final int MAX_TOKEN_LENGTH = 512;

    private record Cached(Tenant tenant, long until) {
    }

    private final TenantStore tenants;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public Authenticator(TenantStore tenants) {
        this.tenants = tenants;
    }

    /** The tenant for an Authorization header value, if it carries a valid bearer token. */
    public Optional<Tenant> authenticate(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        String h = authorization.get();
        if (h.length() < 8 || h.length() > MAX_TOKEN_LENGTH || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = h.substring(7).trim();
        String hash = Tokens.hash(token);
        long now = System.nanoTime();
        Cached c = cache.get(hash);
        if (c != null && now - c.until() < 0) {
            return Optional.of(c.tenant());
        }
        Optional<Tenant> t = tenants.byToken(token);
        if (t.isPresent()) {
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(hash, new Cached(t.get(), now + CACHE_NANOS));
        } else {
            cache.remove(hash);
        }
        return t;
    }
}
