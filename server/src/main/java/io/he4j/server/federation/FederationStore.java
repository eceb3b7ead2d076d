package io.he4j.server.federation;

import io.he4j.federated.KeyMode;
import io.he4j.server.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL for the federation tables (V3__federations.sql); every method runs inside the caller's transaction. */
final class FederationStore {
    record Member(int no, long tenantId, String name, long rows, byte[] memberKey, byte[] publicKeyShare) {
    }

    private FederationStore() {
    }

    static void insert(Connection c, Federation f, long now) throws SQLException {
        Sql.update(c, "INSERT INTO federations (id, owner_tenant_id, name, key_mode,"
                + " institutions, parameters, bound, rounds, round_timeout_ms, common_seed, collective_key, status,"
                + " current_round, phase, deadline_at, failure, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
                f.id(), f.ownerTenantId(), f.name(), f.keyMode().label(), f.institutions(), f.parameters(),
                f.bound(), f.rounds(), f.roundTimeoutMs(), f.commonSeed(), f.status(), f.currentRound(), f.phase(),
                f.deadlineAt(), f.failure(), now);
    }

    static Optional<Federation> find(Connection c, String id) throws SQLException {
        return Sql.first(c, "SELECT id, owner_tenant_id, name, key_mode, institutions,"
                + " parameters, bound, rounds, round_timeout_ms, common_seed, collective_key, status, current_round,"
                + " phase, deadline_at, failure FROM federations WHERE id = ?",
                rs -> new Federation(rs.getString(1), rs.getLong(2), rs.getString(3),
                        KeyMode.parse(rs.getString(4)), rs.getInt(5), rs.getInt(6), rs.getDouble(7), rs.getInt(8),
                        rs.getLong(9), rs.getBytes(10), rs.getBytes(11), rs.getString(12), rs.getInt(13),
                        rs.getString(14), rs.getLong(15), rs.getString(16)),
                id);
    }

    /** Ids of the federations a tenant owns or is a member of, newest first (at most {@code limit}). */
    static List<String> visibleIds(Connection c, long tenantId, int limit) throws SQLException {
        return Sql.list(c, "SELECT id FROM federations WHERE owner_tenant_id = ?"
                + " OR id IN (SELECT federation_id FROM federation_members WHERE tenant_id = ?)"
                + " ORDER BY created_at DESC, id LIMIT ?", rs -> rs.getString(1), tenantId, tenantId, limit);
    }

    /** Moves a federation to (status, round, phase, deadline, failure) and stores its collective key if given. */
    static void advance(Connection c, String id, String status, int round, String phase, long deadline,
                        String failure, byte[] collectiveKey) throws SQLException {
        Sql.update(c, "UPDATE federations SET status = ?, current_round = ?,"
                + " phase = ?, deadline_at = ?, failure = ?, collective_key = COALESCE(?, collective_key)"
                + " WHERE id = ?", status, round, phase, deadline, failure, Sql.bytes(collectiveKey), id);
    }

    static List<Member> members(Connection c, String id) throws SQLException {
        return Sql.list(c, "SELECT member_no, tenant_id, name, rows_count, member_key,"
                + " public_key_share FROM federation_members WHERE federation_id = ? ORDER BY member_no",
                rs -> new Member(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getBytes(5),
                        rs.getBytes(6)),
                id);
    }

    static void insertInvitation(Connection c, String id, String tokenHash, long now) throws SQLException {
        Sql.update(c, "INSERT INTO federation_invitations (federation_id, token_hash,"
                + " created_at) VALUES (?, ?, ?)", id, tokenHash, now);
    }

    static int invitations(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM federation_invitations WHERE federation_id = ?",
                rs -> rs.getInt(1), id);
    }

    /** Marks an unused invitation of federation {@code id} as used by {@code tenantId}; false if there is none. */
    static boolean useInvitation(Connection c, String id, String tokenHash, long tenantId, long now)
            throws SQLException {
        return Sql.update(c, "UPDATE federation_invitations SET used_by_tenant_id = ?,"
                + " used_at = ? WHERE federation_id = ? AND token_hash = ? AND used_at IS NULL",
                tenantId, now, id, tokenHash) == 1;
    }

    static void insertMember(Connection c, String id, Member m, long now) throws SQLException {
        Sql.update(c, "INSERT INTO federation_members (federation_id, member_no,"
                + " tenant_id, name, rows_count, member_key, public_key_share, joined_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, m.no(), m.tenantId(), m.name(), m.rows(), m.memberKey(), Sql.bytes(m.publicKeyShare()), now);
    }

    /** Stores an upload; false if this member already uploaded this kind for this round. */
    static boolean insertUpload(Connection c, String id, int round, String kind, int member, byte[] content,
                                long now) throws SQLException {
        if (Sql.exists(c, "SELECT 1 FROM federation_uploads WHERE federation_id = ?"
                + " AND round = ? AND kind = ? AND member_no = ?", id, round, kind, member)) {
            return false;
        }
        Sql.update(c, "INSERT INTO federation_uploads (federation_id, round, kind,"
                + " member_no, content, received_at) VALUES (?, ?, ?, ?, ?, ?)", id, round, kind, member, content, now);
        return true;
    }

    /** The uploads of a round and kind, by member number. */
    static List<byte[]> uploads(Connection c, String id, int round, String kind, List<Integer> membersOut)
            throws SQLException {
        return Sql.list(c, "SELECT member_no, content FROM federation_uploads"
                + " WHERE federation_id = ? AND round = ? AND kind = ? ORDER BY member_no", rs -> {
                    membersOut.add(rs.getInt(1));
                    return rs.getBytes(2);
                }, id, round, kind);
    }

    static void deleteUploads(Connection c, String id, int round) throws SQLException {
        Sql.update(c, "DELETE FROM federation_uploads WHERE federation_id = ? AND round = ?", id, round);
    }

    static void insertRound(Connection c, String id, int round, byte[] aggregate) throws SQLException {
        Sql.update(c, "INSERT INTO federation_rounds (federation_id, round,"
                + " aggregate, result, completed_at) VALUES (?, ?, ?, NULL, NULL)", id, round, aggregate);
    }

    static void completeRound(Connection c, String id, int round, byte[] result, long now) throws SQLException {
        Sql.update(c, "UPDATE federation_rounds SET result = ?, completed_at = ?"
                + " WHERE federation_id = ? AND round = ?", Sql.bytes(result), now, id, round);
    }

    /** [aggregate, result (null until decrypted)] of a round, if aggregated. */
    static Optional<byte[][]> round(Connection c, String id, int round) throws SQLException {
        return Sql.first(c, "SELECT aggregate, result FROM federation_rounds"
                + " WHERE federation_id = ? AND round = ?", rs -> new byte[][] {rs.getBytes(1), rs.getBytes(2)},
                id, round);
    }
}
