package io.he4j.server.federation;

import io.he4j.federated.KeyMode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the federation tables (V3__federations.sql); every method runs inside the caller's transaction. */
final class FederationStore {
    record Member(int no, long tenantId, String name, long rows, byte[] memberKey, byte[] publicKeyShare) {
    }

    private FederationStore() {
    }

    static void insert(Connection c, Federation f, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO federations (id, owner_tenant_id, name, key_mode,"
                + " institutions, parameters, bound, rounds, round_timeout_ms, common_seed, collective_key, status,"
                + " current_round, phase, deadline_at, failure, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, f.id());
            ps.setLong(2, f.ownerTenantId());
            ps.setString(3, f.name());
            ps.setString(4, f.keyMode().label());
            ps.setInt(5, f.institutions());
            ps.setInt(6, f.parameters());
            ps.setDouble(7, f.bound());
            ps.setInt(8, f.rounds());
            ps.setLong(9, f.roundTimeoutMs());
            ps.setBytes(10, f.commonSeed());
            ps.setString(11, f.status());
            ps.setInt(12, f.currentRound());
            ps.setString(13, f.phase());
            ps.setLong(14, f.deadlineAt());
            ps.setString(15, f.failure());
            ps.setLong(16, now);
            ps.executeUpdate();
        }
    }

    static Optional<Federation> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, owner_tenant_id, name, key_mode, institutions,"
                + " parameters, bound, rounds, round_timeout_ms, common_seed, collective_key, status, current_round,"
                + " phase, deadline_at, failure FROM federations WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Federation(rs.getString(1), rs.getLong(2), rs.getString(3),
                        KeyMode.parse(rs.getString(4)), rs.getInt(5), rs.getInt(6), rs.getDouble(7), rs.getInt(8),
                        rs.getLong(9), rs.getBytes(10), rs.getBytes(11), rs.getString(12), rs.getInt(13),
                        rs.getString(14), rs.getLong(15), rs.getString(16)));
            }
        }
    }

    /** Ids of the federations a tenant owns or is a member of, newest first (at most {@code limit}). */
    static List<String> visibleIds(Connection c, long tenantId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM federations WHERE owner_tenant_id = ?"
                + " OR id IN (SELECT federation_id FROM federation_members WHERE tenant_id = ?)"
                + " ORDER BY created_at DESC, id LIMIT ?")) {
            ps.setLong(1, tenantId);
            ps.setLong(2, tenantId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    /** Moves a federation to (status, round, phase, deadline, failure) and stores its collective key if given. */
    static void advance(Connection c, String id, String status, int round, String phase, long deadline,
                        String failure, byte[] collectiveKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE federations SET status = ?, current_round = ?,"
                + " phase = ?, deadline_at = ?, failure = ?, collective_key = COALESCE(?, collective_key)"
                + " WHERE id = ?")) {
            ps.setString(1, status);
            ps.setInt(2, round);
            ps.setString(3, phase);
            ps.setLong(4, deadline);
            ps.setString(5, failure);
            ps.setBytes(6, collectiveKey);
            ps.setString(7, id);
            ps.executeUpdate();
        }
    }

    static List<Member> members(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT member_no, tenant_id, name, rows_count, member_key,"
                + " public_key_share FROM federation_members WHERE federation_id = ? ORDER BY member_no")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                List<Member> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Member(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getBytes(5),
                            rs.getBytes(6)));
                }
                return out;
            }
        }
    }

    static void insertInvitation(Connection c, String id, String tokenHash, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO federation_invitations (federation_id, token_hash,"
                + " created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, tokenHash);
            ps.setLong(3, now);
            ps.executeUpdate();
        }
    }

    static int invitations(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM federation_invitations WHERE federation_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Marks an unused invitation of federation {@code id} as used by {@code tenantId}; false if there is none. */
    static boolean useInvitation(Connection c, String id, String tokenHash, long tenantId, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE federation_invitations SET used_by_tenant_id = ?,"
                + " used_at = ? WHERE federation_id = ? AND token_hash = ? AND used_at IS NULL")) {
            ps.setLong(1, tenantId);
            ps.setLong(2, now);
            ps.setString(3, id);
            ps.setString(4, tokenHash);
            return ps.executeUpdate() == 1;
        }
    }

    static void insertMember(Connection c, String id, Member m, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO federation_members (federation_id, member_no,"
                + " tenant_id, name, rows_count, member_key, public_key_share, joined_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setInt(2, m.no());
            ps.setLong(3, m.tenantId());
            ps.setString(4, m.name());
            ps.setLong(5, m.rows());
            ps.setBytes(6, m.memberKey());
            ps.setBytes(7, m.publicKeyShare());
            ps.setLong(8, now);
            ps.executeUpdate();
        }
    }

    /** Stores an upload; false if this member already uploaded this kind for this round. */
    static boolean insertUpload(Connection c, String id, int round, String kind, int member, byte[] content,
                                long now) throws SQLException {
        try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM federation_uploads WHERE federation_id = ?"
                + " AND round = ? AND kind = ? AND member_no = ?")) {
            check.setString(1, id);
            check.setInt(2, round);
            check.setString(3, kind);
            check.setInt(4, member);
            try (ResultSet rs = check.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO federation_uploads (federation_id, round, kind,"
                + " member_no, content, received_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setInt(2, round);
            ps.setString(3, kind);
            ps.setInt(4, member);
            ps.setBytes(5, content);
            ps.setLong(6, now);
            ps.executeUpdate();
        }
        return true;
    }

    /** The uploads of a round and kind, by member number. */
    static List<byte[]> uploads(Connection c, String id, int round, String kind, List<Integer> membersOut)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT member_no, content FROM federation_uploads"
                + " WHERE federation_id = ? AND round = ? AND kind = ? ORDER BY member_no")) {
            ps.setString(1, id);
            ps.setInt(2, round);
            ps.setString(3, kind);
            try (ResultSet rs = ps.executeQuery()) {
                List<byte[]> out = new ArrayList<>();
                while (rs.next()) {
                    membersOut.add(rs.getInt(1));
                    out.add(rs.getBytes(2));
                }
                return out;
            }
        }
    }

    static void deleteUploads(Connection c, String id, int round) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM federation_uploads WHERE federation_id = ? AND round = ?")) {
            ps.setString(1, id);
            ps.setInt(2, round);
            ps.executeUpdate();
        }
    }

    static void insertRound(Connection c, String id, int round, byte[] aggregate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO federation_rounds (federation_id, round,"
                + " aggregate, result, completed_at) VALUES (?, ?, ?, NULL, NULL)")) {
            ps.setString(1, id);
            ps.setInt(2, round);
            ps.setBytes(3, aggregate);
            ps.executeUpdate();
        }
    }

    static void completeRound(Connection c, String id, int round, byte[] result, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE federation_rounds SET result = ?, completed_at = ?"
                + " WHERE federation_id = ? AND round = ?")) {
            ps.setBytes(1, result);
            ps.setLong(2, now);
            ps.setString(3, id);
            ps.setInt(4, round);
            ps.executeUpdate();
        }
    }

    /** [aggregate, result (null until decrypted)] of a round, if aggregated. */
    static Optional<byte[][]> round(Connection c, String id, int round) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT aggregate, result FROM federation_rounds"
                + " WHERE federation_id = ? AND round = ?")) {
            ps.setString(1, id);
            ps.setInt(2, round);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new byte[][] {rs.getBytes(1), rs.getBytes(2)}) : Optional.empty();
            }
        }
    }
}
