package io.he4j.server.jobs;

import io.he4j.server.db.AuditLog;
import io.he4j.server.db.Database;
import io.he4j.server.db.Sql;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scoring jobs and their items. A job's items are fixed when it is created (one per record of the model);
 * each item is pending until a replica that holds the job's lease writes its encrypted scores. Leases are a
 * compare-and-set on the job row ({@code UPDATE ... WHERE lease_expires_at < now}), which both SQLite and
 * PostgreSQL (row lock, then re-check of the condition) grant to exactly one replica; every checkpoint
 * renews the lease in the same transaction as the scores it writes, and writes nothing if the lease was lost
 * or the job cancelled, so two replicas never both write one job.
 * Thread-safe.
 */
public final class JobStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final AuditLog audit;

    public JobStore(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** A job and its progress (counts of its items by state). */
    public record Job(String id, long tenantId, String modelId, String state, long pending, long done, long failed,
                      long createdAt, long updatedAt) {
        public long total() {
            return pending + done + failed;
        }
    }

    /** A job this replica holds the lease of. */
    public record Claim(String jobId, long tenantId, String modelId, String owner) {
    }

    /** A pending item with what scoring it needs; {@code content} is null if the record was deleted. */
    public record Item(String recordId, String layout, String keySetId, String modelVersion, byte[] content) {
    }

    /** An item's outcome: encrypted scores, or an error code. */
    public record Result(String recordId, byte[] scores, String error) {
    }

    /** A finished item as the owner downloads it. */
    public record Download(String recordId, String layout, int rows, String state, byte[] scores, String error) {
    }

    /** Creates a job over every record of the model the tenant holds now. */
    public Job create(long tenantId, String actor, String modelId) {
        String id = "job_" + HexFormat.of().formatHex(randomBytes());
        long now = System.currentTimeMillis();
        db.write(c -> {
            Sql.update(c, "INSERT INTO jobs (id, tenant_id, model_id, state, total, "
                    + "lease_owner, lease_expires_at, created_at, updated_at) "
                    + "VALUES (?, ?, ?, 'queued', 0, '', 0, ?, ?)",
                    id, tenantId, modelId, now, now);
            int n = Sql.update(c, "INSERT INTO job_results (job_id, record_id, tenant_id, "
                    + "state, layout, row_count, content, error, updated_at) SELECT ?, id, tenant_id, 'pending', layout, "
                    + "row_count, NULL, '', ? FROM records WHERE tenant_id = ? AND model_id = ?",
                    id, now, tenantId, modelId);
            Sql.update(c, "UPDATE jobs SET total = ?, state = ? WHERE id = ?",
                    (long) n, n == 0 ? "done" : "queued", id);
            audit.appendIn(c, actor, "job.create", id, "model " + modelId + ", " + n + " records");
            return null;
        });
        return find(tenantId, id).orElseThrow();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The tenant's job (empty for another tenant's). */
    public Optional<Job> find(long tenantId, String id) {
        return db.read(c -> job(c, tenantId, id));
    }

    private static Optional<Job> job(Connection c, long tenantId, String id) throws SQLException {
        Optional<Job> head = Sql.first(c, "SELECT model_id, state, created_at, updated_at FROM jobs "
                + "WHERE id = ? AND tenant_id = ?",
                rs -> new Job(id, tenantId, rs.getString(1), rs.getString(2), 0, 0, 0, rs.getLong(3), rs.getLong(4)),
                id, tenantId);
        if (head.isEmpty()) {
            return head;
        }
        long pending = 0;
        long done = 0;
        long failed = 0;
        for (Map.Entry<String, Long> count : Sql.list(c,
                "SELECT state, COUNT(*) FROM job_results WHERE job_id = ? GROUP BY state",
                rs -> Map.entry(rs.getString(1), rs.getLong(2)), id)) {
            switch (count.getKey()) {
                case "pending" -> pending = count.getValue();
                case "done" -> done = count.getValue();
                default -> failed = count.getValue();
            }
        }
        Job j = head.get();
        return Optional.of(new Job(id, tenantId, j.modelId(), j.state(), pending, done, failed, j.createdAt(),
                j.updatedAt()));
    }

    /** The tenant's newest jobs (of one model, unless "" ), newest first. */
    public List<Job> list(long tenantId, String modelId, int limit) {
        return db.read(c -> {
            List<String> ids = Sql.list(c, "SELECT id FROM jobs WHERE tenant_id = ? AND (? = '' OR "
                    + "model_id = ?) ORDER BY created_at DESC, id LIMIT ?", rs -> rs.getString(1),
                    tenantId, modelId, modelId, limit);
            List<Job> out = new ArrayList<>();
            for (String id : ids) {
                job(c, tenantId, id).ifPresent(out::add);
            }
            return out;
        });
    }

    /** Cancels a queued or running job; empty if the tenant has no such job. */
    public Optional<Job> cancel(long tenantId, String actor, String id) {
        return db.write(c -> {
            int n = Sql.update(c, "UPDATE jobs SET state = 'cancelled', updated_at = ? "
                    + "WHERE id = ? AND tenant_id = ? AND state IN ('queued', 'running')",
                    System.currentTimeMillis(), id, tenantId);
            Optional<Job> j = job(c, tenantId, id);
            audit.appendIn(c, actor, "job.cancel", id, j.isEmpty() ? "not found" : n == 1 ? "cancelled"
                    : "already " + j.get().state());
            return j;
        });
    }

    /** Takes the lease of one queued job, or of a running one whose replica stopped renewing it. */
    public Optional<Claim> claim(String owner, long leaseMillis) {
        long now = System.currentTimeMillis();
        List<String> candidates = db.read(c -> Sql.list(c, "SELECT id FROM jobs WHERE state IN ('queued', 'running') "
                + "AND lease_expires_at < ? ORDER BY created_at LIMIT 8", rs -> rs.getString(1), now));
        for (String id : candidates) {
            Optional<Claim> got = db.write(c -> {
                if (Sql.update(c, "UPDATE jobs SET state = 'running', lease_owner = ?, "
                        + "lease_expires_at = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'running') "
                        + "AND lease_expires_at < ?", owner, now + leaseMillis, now, id, now) != 1) {
                    return Optional.<Claim>empty();
                }
                Claim claim = Sql.one(c, "SELECT tenant_id, model_id FROM jobs WHERE id = ?",
                        rs -> new Claim(id, rs.getLong(1), rs.getString(2), owner), id);
                audit.appendIn(c, "replica:" + owner, "job.claim", id, "leased");
                return Optional.of(claim);
            });
            if (got.isPresent()) {
                return got;
            }
        }
        return Optional.empty();
    }

    /** Up to {@code limit} pending items after {@code after} ("" = from the start) in record-id order, with the stored ciphertexts. */
    public List<Item> pending(Claim job, String after, int limit) {
        return db.read(c -> Sql.list(c, "SELECT j.record_id, r.layout, r.key_set_id, "
                + "r.model_version, r.content FROM job_results j LEFT JOIN records r ON r.tenant_id = j.tenant_id "
                + "AND r.id = j.record_id WHERE j.job_id = ? AND j.state = 'pending' AND j.record_id > ? "
                + "ORDER BY j.record_id LIMIT ?",
                rs -> new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5)),
                job.jobId(), after, limit));
    }

    /**
     * A checkpoint: writes the results and renews the lease in one transaction, only while this replica still
     * holds a running job. False (nothing written) when the lease was lost or the job cancelled.
     */
    public boolean checkpoint(Claim job, long leaseMillis, List<Result> results) {
        long now = System.currentTimeMillis();
        return db.write(c -> {
            if (!renew(c, job, now + leaseMillis, now)) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE job_results SET state = ?, content = ?, error = ?, "
                    + "updated_at = ? WHERE job_id = ? AND record_id = ? AND state = 'pending'")) {
                for (Result r : results) {
                    ps.setString(1, r.scores() != null ? "done" : "failed");
                    ps.setBytes(2, r.scores());
                    ps.setString(3, r.error());
                    ps.setLong(4, now);
                    ps.setString(5, job.jobId());
                    ps.setString(6, r.recordId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return true;
        });
    }

    /** Marks the job done if it has no pending item and this replica holds it. */
    public boolean finish(Claim job) {
        long now = System.currentTimeMillis();
        return db.write(c -> {
            int n = Sql.update(c, "UPDATE jobs SET state = 'done', lease_expires_at = 0, "
                    + "updated_at = ? WHERE id = ? AND lease_owner = ? AND state = 'running' AND NOT EXISTS "
                    + "(SELECT 1 FROM job_results WHERE job_id = ? AND state = 'pending')",
                    now, job.jobId(), job.owner(), job.jobId());
            if (n == 1) {
                Job j = job(c, job.tenantId(), job.jobId()).orElseThrow();
                audit.appendIn(c, "replica:" + job.owner(), "job.done", job.jobId(), j.done() + " scored, "
                        + j.failed() + " failed");
            }
            return n == 1;
        });
    }

    /** Gives the lease back (graceful shutdown) so another replica takes the job at once. */
    public void release(Claim job) {
        db.write(c -> Sql.update(c, "UPDATE jobs SET lease_expires_at = 0 WHERE id = ? AND lease_owner = ?",
                job.jobId(), job.owner()));
    }

    private static boolean renew(Connection c, Claim job, long expires, long now) throws SQLException {
        return Sql.update(c, "UPDATE jobs SET lease_expires_at = ?, updated_at = ? "
                + "WHERE id = ? AND lease_owner = ? AND state = 'running'",
                expires, now, job.jobId(), job.owner()) == 1;
    }

    /** The job's finished items after {@code after} in record-id order, for its owner; audited. */
    public List<Download> results(long tenantId, String actor, String jobId, String after, int limit) {
        return db.write(c -> {
            List<Download> out = Sql.list(c, "SELECT record_id, layout, row_count, state, content, error "
                    + "FROM job_results WHERE job_id = ? AND tenant_id = ? AND state <> 'pending' AND record_id > ? "
                    + "ORDER BY record_id LIMIT ?", rs -> new Download(rs.getString(1), rs.getString(2), rs.getInt(3),
                    rs.getString(4), rs.getBytes(5), rs.getString(6)), jobId, tenantId, after, limit);
            audit.appendIn(c, actor, "job.results", jobId, out.size() + " results");
            return out;
        });
    }
}
