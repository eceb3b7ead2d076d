package io.he4j.server.db;

import io.he4j.server.auth.Tokens;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The append-only audit trail: who did what to which object, when, with what outcome. Each row carries the
 * SHA-256 of the previous row's hash and its own fields, so {@link #verify} detects a changed, inserted or
 * removed row (removing the newest rows is detected only against a remembered head; see docs/server.md).
 * Callers pass identifiers only: tenant names, model and key-set ids, never tokens, keys or ciphertexts.
 */
public final class AuditLog {
    /** The prev_hash of the first row. */
    public static final String GENESIS = "0".repeat(64);

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    public record Entry(long seq, long at, String actor, String action, String target, String outcome,
                        String prevHash, String hash) {
    }

    /** Result of {@link #verify}: rows checked and the first row that breaks the chain, if any. */
    public record Verification(long rows, Optional<Long> firstBadSeq, String headHash) {
        public boolean intact() {
            return firstBadSeq.isEmpty();
        }
    }

    public void append(String actor, String action, String target, String outcome) {
        db.write(c -> {
            appendIn(c, actor, action, target, outcome);
            return null;
        });
    }

    /** Appends inside the caller's write transaction, so the entry commits (or not) with the change it records. */
    public void appendIn(Connection c, String actor, String action, String target, String outcome)
            throws SQLException {
        if (db.dialect() == Dialect.POSTGRESQL) {
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE"); // one appender at a time
            }
        }
        long seq = 1;
        String prev = GENESIS;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                prev = rs.getString(2);
            }
        }
        long at = System.currentTimeMillis();
        String hash = hash(seq, at, actor, action, target, outcome, prev);
        Sql.update(c, "INSERT INTO audit_log "
                + "(seq, at, actor, action, target, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                seq, at, actor, action, target, outcome, prev, hash);
    }

    /** The newest {@code limit} entries, newest first. */
    public List<Entry> recent(int limit) {
        return db.read(c -> Sql.list(c, "SELECT seq, at, actor, action, target, outcome, "
                + "prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT ?", AuditLog::entry, limit));
    }

    /** Walks the whole chain in order and recomputes every hash. */
    public Verification verify() {
        return db.read(c -> walk(c));
    }

    private static Verification walk(Connection c) throws SQLException {
        long rows = 0;
        long expectedSeq = 1;
        String prev = GENESIS;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, at, actor, action, target, outcome, prev_hash, hash "
                     + "FROM audit_log ORDER BY seq")) {
            while (rs.next()) {
                Entry e = entry(rs);
                rows++;
                boolean ok = e.seq() == expectedSeq && e.prevHash().equals(prev)
                        && e.hash().equals(hash(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.outcome(),
                        e.prevHash()));
                if (!ok) {
                    return new Verification(rows, Optional.of(e.seq()), prev);
                }
                prev = e.hash();
                expectedSeq++;
            }
        }
        return new Verification(rows, Optional.empty(), prev);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8));
    }

    /** SHA-256 over the fields, each length-prefixed so that no two rows share an encoding. */
    static String hash(long seq, long at, String actor, String action, String target, String outcome,
                       String prev) {
        StringBuilder sb = new StringBuilder();
        for (String f : new String[] {prev, Long.toString(seq), Long.toString(at), actor, action, target, outcome}) {
            sb.append(f.length()).append(':').append(f).append('\n');
        }
        return Tokens.sha256Hex(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
