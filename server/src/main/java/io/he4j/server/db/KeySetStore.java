package io.he4j.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Key sets (serialized public contexts) per tenant, keyed by (tenant, content-derived id): the same bytes
 * uploaded twice are one row; two tenants uploading the same bytes each own a row. Quotas (count and bytes
 * per tenant) are checked in the same transaction as the insert; key sets unused for longer than the maximum
 * age are evicted first, so an idle tenant's stale keys never block a new upload.
 */
public final class KeySetStore {
    private final Database db;

    public KeySetStore(Database db) {
        this.db = db;
    }

    public record Info(String id, long sizeBytes, long createdAt, long lastUsedAt) {
    }

    public record Quota(int maxCount, long maxBytes, Duration maxAge) {
    }

    /** Thrown when a new key set would exceed the tenant's quota. */
    public static final class QuotaExceededException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public QuotaExceededException(String message) {
            super(message);
        }
    }

    /** Stores the key set; returns false if the tenant already had it (then only its last use is refreshed). */
    public boolean put(long tenantId, String id, byte[] content, Quota quota) {
        long now = System.currentTimeMillis();
        return db.write(c -> {
            if (touch(c, tenantId, id, now)) {
                return false;
            }
            evict(c, tenantId, now - quota.maxAge().toMillis());
            long[] held = Sql.one(c, "SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM key_sets WHERE tenant_id = ?",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)}, tenantId);
            long count = held[0];
            long bytes = held[1];
            if (count + 1 > quota.maxCount()) {
                throw new QuotaExceededException("the tenant holds " + count + " key sets, the quota is "
                        + quota.maxCount() + "; delete one (DELETE /v1/keysets/{id}) or wait for unused ones to "
                        + "expire after " + quota.maxAge());
            }
            if (bytes + content.length > quota.maxBytes()) {
                throw new QuotaExceededException("the tenant's key sets take " + bytes + " bytes; this one ("
                        + content.length + " bytes) would exceed the quota of " + quota.maxBytes() + " bytes");
            }
            Sql.update(c, "INSERT INTO key_sets "
                    + "(tenant_id, id, content, size_bytes, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?)",
                    tenantId, id, content, (long) content.length, now, now);
            return true;
        });
    }

    public Optional<byte[]> content(long tenantId, String id) {
        return db.read(c -> Sql.first(c, "SELECT content FROM key_sets WHERE tenant_id = ? AND id = ?",
                rs -> rs.getBytes(1), tenantId, id));
    }

    public List<Info> list(long tenantId) {
        return db.read(c -> Sql.list(c, "SELECT id, size_bytes, created_at, last_used_at "
                + "FROM key_sets WHERE tenant_id = ? ORDER BY created_at",
                rs -> new Info(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), tenantId));
    }

    /** Deletes the tenant's key set; false if it has none by that id. */
    public boolean delete(long tenantId, String id) {
        return db.write(c -> Sql.update(c, "DELETE FROM key_sets WHERE tenant_id = ? AND id = ?", tenantId, id) > 0);
    }

    /** Records a use now (callers rate-limit this: it is a write). */
    public void markUsed(long tenantId, String id) {
        long now = System.currentTimeMillis();
        db.write(c -> touch(c, tenantId, id, now));
    }

    /** Evicts every tenant's key sets unused since before {@code maxAge} ago; returns how many. */
    public int evictUnused(Duration maxAge) {
        long cutoff = System.currentTimeMillis() - maxAge.toMillis();
        return db.write(c -> Sql.update(c, "DELETE FROM key_sets WHERE last_used_at < ?", cutoff));
    }

    private static int evict(Connection c, long tenantId, long cutoff) throws SQLException {
        return Sql.update(c, "DELETE FROM key_sets WHERE tenant_id = ? AND last_used_at < ?", tenantId, cutoff);
    }

    private static boolean touch(Connection c, long tenantId, String id, long now) throws SQLException {
        return Sql.update(c, "UPDATE key_sets SET last_used_at = ? WHERE tenant_id = ? AND id = ?",
                now, tenantId, id) > 0;
    }
}
