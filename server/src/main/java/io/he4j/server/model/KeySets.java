package io.he4j.server.model;

import io.he4j.ckks.PublicContext;
import io.he4j.server.db.KeySetStore;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key sets as the predict routes use them: loaded public contexts kept in memory by (tenant, id), loaded from
 * the database on first use. A tenant only ever finds its own. The last-use time in the database is refreshed
 * at most once a minute per key set (it drives eviction by age, and a write per request would cost more than
 * the prediction). Evicted or deleted entries are dropped from memory, not closed: a request may still be
 * using one; the engine's cleaner frees it once unreachable.
 * Thread-safe.
 */
public final class KeySets {
    private static final long TOUCH_INTERVAL_MS = 60_000;
    private static final int MAX_LOADED = 256;

    private record Loaded(PublicContext context, long touchedAt) {
    }

    private final KeySetStore store;
    private final ConcurrentHashMap<String, Loaded> loaded = new ConcurrentHashMap<>();

    public KeySets(KeySetStore store) {
        this.store = store;
    }

    /** The tenant's key set by id, loaded; empty if the tenant has none by that id. */
    public Optional<PublicContext> find(long tenantId, String id) {
        String key = tenantId + "/" + id;
        long now = System.currentTimeMillis();
        Loaded l = loaded.get(key);
        if (l != null) {
            if (now - l.touchedAt() > TOUCH_INTERVAL_MS) {
                store.markUsed(tenantId, id);
                loaded.put(key, new Loaded(l.context(), now));
            }
            return Optional.of(l.context());
        }
        Optional<byte[]> bytes = store.content(tenantId, id);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        PublicContext ctx = PublicContext.fromBytes(bytes.get()); // validated on upload; checked again here
        store.markUsed(tenantId, id);
        if (loaded.size() >= MAX_LOADED) {
            loaded.clear();
        }
        loaded.put(key, new Loaded(ctx, now));
        return Optional.of(ctx);
    }

    /** Forgets a loaded key set (after a delete or an eviction). */
    public void forget(long tenantId, String id) {
        loaded.remove(tenantId + "/" + id);
    }

    /** Forgets every loaded key set (after an eviction sweep). */
    public void forgetAll() {
        loaded.clear();
    }
}
