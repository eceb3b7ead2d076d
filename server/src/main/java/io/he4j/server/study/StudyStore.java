package io.he4j.server.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.he4j.server.db.Dialect;
import io.he4j.server.db.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the study tables (V4__studies.sql); every method runs inside the caller's transaction. */
final class StudyStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An upload's description (its bytes are read one upload at a time, by {@link #content}). */
    record Upload(long tenantId, String tenantName, String id, int rows, long sizeBytes, String sha256,
                  long createdAt) {
    }

    private StudyStore() {
    }

    static void insert(Connection c, Study s, long now) throws SQLException {
        ArrayNode f = JSON.createArrayNode();
        s.features().forEach(f::add);
        Sql.update(c, "INSERT INTO studies (id, authority_tenant_id, name, features,"
                + " standardization, min_institutions, open_to_join, closed, public_context, key_sha256, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL, '', ?)", s.id(), s.authorityTenantId(), s.name(),
                f.toString(), standardization(s.mu(), s.sigma()), s.minInstitutions(), s.open() ? 1 : 0, now);
    }

    static Optional<Study> find(Connection c, String id) throws SQLException {
        return Sql.first(c, "SELECT id, authority_tenant_id, name, features, standardization,"
                + " min_institutions, open_to_join, closed, public_context, key_sha256 FROM studies WHERE id = ?",
                StudyStore::study, id);
    }

    private static Study study(ResultSet rs) throws SQLException {
        List<String> features = new ArrayList<>();
        json(rs.getString(4)).forEach(n -> features.add(n.asText()));
        JsonNode st = json(rs.getString(5));
        double[] mu = st.isNull() ? null : doubles(st.get("mean"));
        double[] sigma = st.isNull() ? null : doubles(st.get("std"));
        return new Study(rs.getString(1), rs.getLong(2), rs.getString(3), List.copyOf(features), mu, sigma,
                rs.getInt(6), rs.getInt(7) != 0, rs.getInt(8) != 0, rs.getBytes(9), rs.getString(10));
    }

    static void setKey(Connection c, String id, byte[] publicContext, String sha256) throws SQLException {
        Sql.update(c, "UPDATE studies SET public_context = ?, key_sha256 = ? WHERE id = ?", publicContext, sha256, id);
    }

    /**
     * PostgreSQL: locks the study's row until the transaction ends, so that closing and uploading serialize (an
     * upload never commits after the close). SQLite serializes every writer already.
     */
    static void lock(Connection c, Dialect dialect, String id) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM studies WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id);
            ps.executeQuery().close();
        }
    }

    static void close(Connection c, String id) throws SQLException {
        Sql.update(c, "UPDATE studies SET closed = 1 WHERE id = ?", id);
    }

    static boolean isInstitution(Connection c, String id, long tenantId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM study_institutions WHERE study_id = ? AND tenant_id = ?", id, tenantId);
    }

    /** Adds an institution; false if it already is one. */
    static boolean addInstitution(Connection c, String id, long tenantId, long now) throws SQLException {
        if (isInstitution(c, id, tenantId)) {
            return false;
        }
        Sql.update(c, "INSERT INTO study_institutions (study_id, tenant_id, added_at) VALUES (?, ?, ?)",
                id, tenantId, now);
        return true;
    }

    /** The institutions' names, in the order they were added. */
    static List<String> institutions(Connection c, String id) throws SQLException {
        return Sql.list(c, "SELECT t.name FROM study_institutions i JOIN tenants t"
                + " ON t.id = i.tenant_id WHERE i.study_id = ? ORDER BY i.added_at, t.name", rs -> rs.getString(1), id);
    }

    /** The stored sha256 of an upload, if present. */
    static Optional<String> uploadSha(Connection c, String id, long tenantId, String uploadId) throws SQLException {
        return Sql.first(c, "SELECT content_sha256 FROM study_uploads"
                + " WHERE study_id = ? AND tenant_id = ? AND id = ?", rs -> rs.getString(1), id, tenantId, uploadId);
    }

    static void insertUpload(Connection c, String id, long tenantId, String uploadId, int rows, byte[] content,
                             String sha256, long now) throws SQLException {
        Sql.update(c, "INSERT INTO study_uploads (study_id, tenant_id, id, row_count,"
                + " content, size_bytes, content_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, tenantId, uploadId, rows, content, (long) content.length, sha256, now);
    }

    /** Every upload of the study (tenantId < 0), or of one tenant, by tenant then id. */
    static List<Upload> uploads(Connection c, String id, long tenantId) throws SQLException {
        return Sql.list(c, "SELECT u.tenant_id, t.name, u.id, u.row_count, u.size_bytes,"
                + " u.content_sha256, u.created_at FROM study_uploads u JOIN tenants t ON t.id = u.tenant_id"
                + " WHERE u.study_id = ? AND (? < 0 OR u.tenant_id = ?) ORDER BY u.tenant_id, u.id",
                rs -> new Upload(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                        rs.getString(6), rs.getLong(7)),
                id, tenantId, tenantId);
    }

    static Optional<byte[]> content(Connection c, String id, long tenantId, String uploadId) throws SQLException {
        return Sql.first(c, "SELECT content FROM study_uploads"
                + " WHERE study_id = ? AND tenant_id = ? AND id = ?", rs -> rs.getBytes(1), id, tenantId, uploadId);
    }

    private static String standardization(double[] mu, double[] sigma) {
        if (mu == null) {
            return "null";
        }
        ObjectNode o = JSON.createObjectNode();
        ArrayNode m = o.putArray("mean");
        ArrayNode s = o.putArray("std");
        for (int i = 0; i < mu.length; i++) {
            m.add(mu[i]);
            s.add(sigma[i]);
        }
        return o.toString();
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt study row: " + e.getOriginalMessage(), e);
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
