package io.he4j.server.console;

import io.he4j.server.db.Database;
import io.he4j.server.db.Sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only SQL for the console's records, jobs and federations pages: counts, sizes, states and names only.
 * Nothing here selects a ciphertext, a score, a key, a member key or a patient pseudonym.
 */
final class WorkOverview {
    static final int MAX_ROWS = 200;

    /** Stored records of one tenant and model. */
    record RecordTotals(String tenant, String model, long records, long patients, long bytes, long newestAt) {
    }

    /** A scoring job as the console shows it; {@code leaseOwner} is the replica running it ("" if none yet). */
    record JobRow(String id, String tenant, String model, String state, long total, long done, long failed,
                  String leaseOwner, long createdAt, long updatedAt) {
    }

    /** A federation as the console shows it, with its members' names ("member (tenant)"). */
    record FederationRow(String id, String name, String owner, String keyMode, String status, int round, int rounds,
                         String phase, int institutions, List<String> members, String failure, long createdAt) {
    }

    private final Database db;

    WorkOverview(Database db) {
        this.db = db;
    }

    List<RecordTotals> records() {
        return db.read(c -> Sql.list(c, "SELECT t.name, r.model_id, COUNT(*), SUM(r.row_count),"
                + " SUM(r.size_bytes), MAX(r.updated_at) FROM records r JOIN tenants t ON t.id = r.tenant_id"
                + " GROUP BY t.name, r.model_id ORDER BY t.name, r.model_id",
                rs -> new RecordTotals(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6))));
    }

    /** The newest jobs of every tenant. */
    List<JobRow> jobs() {
        return db.read(c -> Sql.list(c, "SELECT j.id, t.name, j.model_id, j.state, j.total,"
                + " (SELECT COUNT(*) FROM job_results x WHERE x.job_id = j.id AND x.state = 'done'),"
                + " (SELECT COUNT(*) FROM job_results x WHERE x.job_id = j.id AND x.state = 'failed'),"
                + " j.lease_owner, j.created_at, j.updated_at FROM jobs j JOIN tenants t ON t.id = j.tenant_id"
                + " ORDER BY j.created_at DESC, j.id LIMIT ?",
                rs -> new JobRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getLong(9), rs.getLong(10)),
                MAX_ROWS));
    }

    /** The newest federations, each with its members. */
    List<FederationRow> federations() {
        return db.read(c -> {
            List<FederationRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT f.id, f.name, t.name, f.key_mode, f.status,"
                    + " f.current_round, f.rounds, f.phase, f.institutions, f.failure, f.created_at FROM federations f"
                    + " JOIN tenants t ON t.id = f.owner_tenant_id ORDER BY f.created_at DESC, f.id LIMIT ?");
                 PreparedStatement members = c.prepareStatement("SELECT m.name, t.name FROM federation_members m"
                         + " JOIN tenants t ON t.id = m.tenant_id WHERE m.federation_id = ? ORDER BY m.member_no")) {
                ps.setInt(1, MAX_ROWS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> names = new ArrayList<>();
                        members.setString(1, rs.getString(1));
                        try (ResultSet m = members.executeQuery()) {
                            while (m.next()) {
                                names.add(m.getString(1) + " (" + m.getString(2) + ")");
                            }
                        }
                        out.add(new FederationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getInt(9), names,
                                rs.getString(10), rs.getLong(11)));
                    }
                }
            }
            return out;
        });
    }
}
