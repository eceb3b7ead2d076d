package io.he4j.server.records;

import io.he4j.server.auth.Tokens;
import io.he4j.server.db.AuditLog;
import io.he4j.server.db.Database;
import io.he4j.server.db.Dialect;
import io.he4j.server.db.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Encrypted patient records per tenant, keyed by (tenant, the client's record id). Every method takes the
 * tenant, and every statement filters by it: another tenant's record is indistinguishable from a missing one.
 * Each change and read is audited in the same transaction as the change itself (identifiers only).
 * Thread-safe.
 */
public final class RecordStore {
    private static final String META_COLUMNS = "id, patient, key_set_id, model_id, model_version, layout, "
            + "row_count, size_bytes, content_sha256, created_at, updated_at";

    private final Database db;
    private final AuditLog audit;

    public RecordStore(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** What the service knows of a record besides its ciphertexts ({@code patient} "" = none given). */
    public record Meta(String id, String patient, String keySetId, String modelId, String modelVersion,
                       RecordLayout layout, int rows, long sizeBytes, String sha256, long createdAt, long updatedAt) {
    }

    /** A record to store; {@code content} has passed the engine's loader. */
    public record Upload(String id, String patient, String keySetId, String modelId, String modelVersion,
                         RecordLayout layout, int rows, byte[] content) {
    }

    public enum Outcome { CREATED, UNCHANGED, REPLACED, CONFLICT }

    /** Filters for {@link #list}; empty strings match everything. */
    public record Filter(String modelId, String layout, String patient) {
    }

    public record Page(List<Meta> records, Optional<String> next) {
    }

    /** A record with its stored bytes (export). */
    public record Full(Meta meta, byte[] content) {
    }

    /**
     * Stores the record. The same id with the same bytes and description is a no-op ({@link Outcome#UNCHANGED});
     * with other bytes it is a {@link Outcome#CONFLICT} unless {@code replace}.
     */
    public Outcome put(long tenantId, String actor, Upload u, boolean replace) {
        return db.write(c -> putIn(c, tenantId, actor, u, replace, System.currentTimeMillis()));
    }

    /**
     * Stores many records in one transaction (one durable commit), each as {@link #put} would: the outcomes in
     * order; a conflicting record is left as it was and the others are stored.
     */
    public List<Outcome> putAll(long tenantId, String actor, List<Upload> uploads, boolean replace) {
        long now = System.currentTimeMillis();
        return db.write(c -> {
            List<Outcome> out = new ArrayList<>(uploads.size());
            for (Upload u : uploads) {
                out.add(putIn(c, tenantId, actor, u, replace, now));
            }
            return out;
        });
    }

    private Outcome putIn(Connection c, long tenantId, String actor, Upload u, boolean replace, long now)
            throws SQLException {
        String sha = Tokens.sha256Hex(u.content());
        long size = u.content().length;
        Outcome outcome = Sql.update(c, "INSERT INTO records (tenant_id, " + META_COLUMNS
                + ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, id) DO NOTHING",
                tenantId, u.id(), u.patient(), u.keySetId(), u.modelId(), u.modelVersion(), u.layout().wireName(),
                u.rows(), size, sha, now, now, u.content()) == 1 ? Outcome.CREATED : null;
        if (outcome == null) {
            Meta old = meta(c, tenantId, u.id()).orElseThrow(); // the conflicting row, read in this transaction
            if (old.sha256().equals(sha) && sameDescription(old, u)) {
                outcome = Outcome.UNCHANGED;
            } else if (!replace) {
                outcome = Outcome.CONFLICT;
            } else {
                Sql.update(c, "UPDATE records SET patient = ?, key_set_id = ?, "
                        + "model_id = ?, model_version = ?, layout = ?, row_count = ?, size_bytes = ?, "
                        + "content_sha256 = ?, updated_at = ?, content = ? WHERE tenant_id = ? AND id = ?",
                        u.patient(), u.keySetId(), u.modelId(), u.modelVersion(), u.layout().wireName(), u.rows(),
                        size, sha, now, u.content(), tenantId, u.id());
                deleteResults(c, tenantId, u.id()); // scores of the old bytes no longer describe the record
                outcome = Outcome.REPLACED;
            }
        }
        audit.appendIn(c, actor, "record.upload", u.id(), outcome.name().toLowerCase(java.util.Locale.ROOT));
        return outcome;
    }

    private static boolean sameDescription(Meta m, Upload u) {
        return m.patient().equals(u.patient()) && m.keySetId().equals(u.keySetId()) && m.modelId().equals(u.modelId())
                && m.modelVersion().equals(u.modelVersion()) && m.layout() == u.layout() && m.rows() == u.rows();
    }

    /** The record's description, audited as a read. */
    public Optional<Meta> meta(long tenantId, String actor, String id) {
        return db.write(c -> {
            Optional<Meta> m = meta(c, tenantId, id);
            audit.appendIn(c, actor, "record.read", id, m.isPresent() ? "ok" : "not found");
            return m;
        });
    }

    /** The record's stored bytes (ciphertext or batch envelope), audited as a read. */
    public Optional<byte[]> content(long tenantId, String actor, String id) {
        return db.write(c -> {
            Optional<byte[]> out = Sql.first(c, "SELECT content FROM records WHERE tenant_id = ? AND id = ?",
                    rs -> rs.getBytes(1), tenantId, id);
            audit.appendIn(c, actor, "record.read", id, out.isPresent() ? "ok" : "not found");
            return out;
        });
    }

    /** Records in id order after {@code after} (exclusive; "" = from the start), at most {@code limit}. */
    public Page list(long tenantId, String actor, Filter f, String after, int limit) {
        return db.write(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + META_COLUMNS + " FROM records WHERE tenant_id = ? "
                    + "AND id > ?");
            List<Object> args = new ArrayList<>(List.of(tenantId, after));
            filter(sql, args, "model_id", f.modelId());
            filter(sql, args, "layout", f.layout());
            filter(sql, args, "patient", f.patient());
            sql.append(" ORDER BY id LIMIT ?");
            args.add(limit + 1);
            List<Meta> out = Sql.list(c, sql.toString(), RecordStore::meta, args.toArray());
            Optional<String> next = Optional.empty();
            if (out.size() > limit) {
                out.removeLast();
                next = Optional.of(out.getLast().id());
            }
            audit.appendIn(c, actor, "record.list", f.modelId().isEmpty() ? "*" : "model:" + f.modelId(),
                    out.size() + " records");
            return new Page(out, next);
        });
    }

    /** Like {@link #list} with each record's stored bytes: the tenant's export of its own data; audited. */
    public List<Full> export(long tenantId, String actor, String after, int limit) {
        return db.write(c -> {
            List<Full> out = Sql.list(c, "SELECT " + META_COLUMNS + ", content FROM records "
                    + "WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?",
                    rs -> new Full(meta(rs), rs.getBytes(12)), tenantId, after, limit);
            audit.appendIn(c, actor, "record.export", after.isEmpty() ? "*" : "after:" + after,
                    out.size() + " records");
            return out;
        });
    }

    /** The tenant's retention period, if it set one. */
    public Optional<java.time.Duration> retention(long tenantId) {
        return db.read(c -> Sql.first(c, "SELECT max_age_ms FROM record_retention WHERE tenant_id = ?",
                rs -> java.time.Duration.ofMillis(rs.getLong(1)), tenantId));
    }

    /** Sets (or with empty, removes) the tenant's retention period; audited. */
    public void setRetention(long tenantId, String actor, Optional<java.time.Duration> maxAge) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM record_retention WHERE tenant_id = ?", tenantId);
            if (maxAge.isPresent()) {
                Sql.update(c, "INSERT INTO record_retention (tenant_id, max_age_ms, updated_at) VALUES (?, ?, ?)",
                        tenantId, maxAge.get().toMillis(), System.currentTimeMillis());
            }
            audit.appendIn(c, actor, "record.retention", maxAge.map(d -> d.toString()).orElse("none"), "set");
            return null;
        });
    }

    /**
     * Erases, for every tenant with a retention period, its records not updated within it (and their scores);
     * one audit entry per tenant that lost records. Returns how many records.
     */
    public int expire() {
        long now = System.currentTimeMillis();
        int n = db.write(c -> {
            List<long[]> tenants = Sql.list(c, "SELECT tenant_id, max_age_ms FROM record_retention",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)});
            int total = 0;
            for (long[] t : tenants) {
                long cutoff = now - t[1];
                Sql.update(c, "DELETE FROM job_results WHERE tenant_id = ? AND "
                        + "record_id IN (SELECT id FROM records WHERE tenant_id = ? AND updated_at < ?)",
                        t[0], t[0], cutoff);
                int deleted = Sql.update(c, "DELETE FROM records WHERE tenant_id = ? AND updated_at < ?",
                        t[0], cutoff);
                if (deleted > 0) {
                    audit.appendIn(c, "retention", "record.expire", "tenant:" + t[0], deleted + " records deleted");
                }
                total += deleted;
            }
            return total;
        });
        if (n > 0) {
            flushDeletions();
        }
        return n;
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (!value.isEmpty()) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    /** Deletes the record and any scores computed from it; false if the tenant has none by that id. */
    public boolean delete(long tenantId, String actor, String id) {
        boolean deleted = db.write(c -> {
            int n = Sql.update(c, "DELETE FROM records WHERE tenant_id = ? AND id = ?", tenantId, id);
            deleteResults(c, tenantId, id);
            audit.appendIn(c, actor, "record.delete", id, n > 0 ? "deleted" : "not found");
            return n > 0;
        });
        if (deleted) {
            flushDeletions();
        }
        return deleted;
    }

    /** Deletes every record of the patient (and their scores); returns how many records. */
    public int deletePatient(long tenantId, String actor, String patient) {
        int n = db.write(c -> {
            List<String> ids = Sql.list(c, "SELECT id FROM records WHERE tenant_id = ? AND patient = ?",
                    rs -> rs.getString(1), tenantId, patient);
            for (String id : ids) {
                deleteResults(c, tenantId, id);
            }
            Sql.update(c, "DELETE FROM records WHERE tenant_id = ? AND patient = ?", tenantId, patient);
            audit.appendIn(c, actor, "record.erase-patient", "patient:" + patient, ids.size() + " records deleted");
            return ids.size();
        });
        if (n > 0) {
            flushDeletions();
        }
        return n;
    }

    /**
     * secure_delete zeroes freed pages, but on SQLite in WAL mode the old page images stay in the write-ahead
     * log until it is checkpointed: copy it into the database and truncate it, so the deleted bytes leave the
     * files now. (PostgreSQL keeps dead tuples until VACUUM; see docs/server.md.)
     */
    private void flushDeletions() {
        if (db.dialect() != Dialect.SQLITE) {
            return;
        }
        db.write(c -> {
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } finally {
                c.setAutoCommit(false);
            }
            return null;
        });
    }

    private static void deleteResults(Connection c, long tenantId, String recordId) throws SQLException {
        Sql.update(c, "DELETE FROM job_results WHERE tenant_id = ? AND record_id = ?", tenantId, recordId);
    }

    private static Optional<Meta> meta(Connection c, long tenantId, String id) throws SQLException {
        return Sql.first(c, "SELECT " + META_COLUMNS + " FROM records WHERE tenant_id = ? AND id = ?",
                RecordStore::meta, tenantId, id);
    }

    private static Meta meta(ResultSet rs) throws SQLException {
        return new Meta(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                RecordLayout.parse(rs.getString(6)).orElseThrow(), rs.getInt(7), rs.getLong(8), rs.getString(9),
                rs.getLong(10), rs.getLong(11));
    }
}
