package io.he4j.spark;

import io.he4j.protocol.KeySetId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * An institution's stored records of one model, read from the record store's database (SQLite or PostgreSQL,
 * the {@code records} table of the service's migrations) as a {@link RecordColumns#RECORDS} table, and the key
 * sets they name: what {@link ScoringJob} takes. The read is partitioned by upload time into concurrent JDBC
 * queries. Only ciphertexts and public keys leave the database; the store holds nothing else.
 *
 * <p>This reads the database directly, as an operator does: the service's audit trail does not see it (access
 * to the database itself must be controlled; docs/spark.md).
 */
public final class StoreExport {
    private StoreExport() {
    }

    /** What the store holds for (institution, model): how many records, their upload-time range. */
    public record Extent(long tenantId, long records, long firstCreated, long lastCreated) {
    }

    /** Looks the institution up by name and measures its records of {@code modelId}. */
    public static Extent extent(String url, Properties connection, String institution, String modelId)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(url, connection)) {
            long tenant;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tenants WHERE name = ?")) {
                ps.setString(1, institution);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no institution named '" + institution + "' in " + url);
                    }
                    tenant = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MIN(created_at), MAX(created_at) "
                    + "FROM records WHERE tenant_id = ? AND model_id = ?")) {
                ps.setLong(1, tenant);
                ps.setString(2, modelId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Extent(tenant, rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        }
    }

    /** The records of {@code extent}'s institution and {@code modelId}, in {@code partitions} concurrent reads. */
    public static Dataset<Row> records(SparkSession spark, String url, Properties connection, Extent extent,
                                       String modelId, int partitions) {
        // Spark's JDBC source takes no bound parameters: the tenant is a number, the model id a quoted literal.
        // Plain columns only: SQLite types an expression's result by guessing, and Spark maps that type.
        String query = "SELECT id AS " + RecordColumns.RECORD_ID + ", key_set_id AS " + RecordColumns.KEY_SET_ID
                + ", content AS " + RecordColumns.QUERY + ", created_at FROM records WHERE tenant_id = "
                + extent.tenantId() + " AND model_id = " + sqlLiteral(modelId);
        Column keySet = functions.col(RecordColumns.KEY_SET_ID);
        return JdbcRecords.read(spark, url, connection, query, "created_at", extent.firstCreated(),
                        extent.lastCreated() + 1, Math.max(1, partitions))
                .select(functions.col(RecordColumns.RECORD_ID),
                        functions.when(keySet.equalTo(""), functions.lit(null)).otherwise(keySet)
                                .as(RecordColumns.KEY_SET_ID), // the store writes '' for "no key set"
                        functions.col(RecordColumns.QUERY));
    }

    /** The key sets (public contexts) the institution registered, by id: the ones its records may name. */
    public static Map<String, byte[]> keySets(String url, Properties connection, Extent extent) throws SQLException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, connection);
             PreparedStatement ps = c.prepareStatement("SELECT id, content FROM key_sets WHERE tenant_id = ? "
                     + "AND id IN (SELECT DISTINCT key_set_id FROM records WHERE tenant_id = ?) ORDER BY id")) {
            ps.setLong(1, extent.tenantId());
            ps.setLong(2, extent.tenantId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] content = rs.getBytes(2);
                    if (!KeySetId.isWellFormed(rs.getString(1)) || !KeySetId.of(content).equals(rs.getString(1))) {
                        throw new IllegalStateException("key set '" + rs.getString(1) + "' in the store does not "
                                + "match its content-derived id: the database was altered");
                    }
                    out.put(rs.getString(1), content);
                }
            }
        }
        return out;
    }

    /** A standard SQL string literal (quotes doubled; SQLite and PostgreSQL read backslashes as is). */
    static String sqlLiteral(String s) {
        if (s.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new IllegalArgumentException("control character in '" + s.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return "'" + s.replace("'", "''") + "'";
    }
}
