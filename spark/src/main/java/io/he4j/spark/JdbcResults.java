package io.he4j.spark;

import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Writes a scoring job's results ({@link RecordColumns#RESULTS}) to a database table by upsert keyed by
 * (job id, record id), one transaction per partition: a task Spark retries after it wrote part of its rows
 * writes the same keys again, so each record keeps exactly one result. The statement is the same on SQLite
 * (3.24 and later) and PostgreSQL. The table needs a unique key on (job_id, record_id).
 */
public final class JdbcResults {
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final int BATCH = 512;

    private JdbcResults() {
    }

    /** Creates the results table if it does not exist (for a database the service does not manage). */
    public static void createTable(String url, Properties connection, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, connection)) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS " + checked(table) + " (job_id VARCHAR(64) NOT NULL, "
                    + "record_id VARCHAR(256) NOT NULL, reply " + binaryType(url) + ", error VARCHAR(1024), "
                    + "PRIMARY KEY (job_id, record_id))");
        }
    }

    public static void write(Dataset<Row> results, String url, Properties connection, String table) {
        String sql = "INSERT INTO " + checked(table) + " (job_id, record_id, reply, error) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (job_id, record_id) DO UPDATE SET reply = excluded.reply, error = excluded.error";
        ForeachPartitionFunction<Row> upsert = rows -> upsertPartition(rows, url, connection, sql);
        results.foreachPartition(upsert);
    }

    private static void upsertPartition(Iterator<Row> rows, String url, Properties connection, String sql)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(url, connection)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int pending = 0;
                while (rows.hasNext()) {
                    Row r = rows.next();
                    // by position: rows handed to foreachPartition carry no schema
                    ps.setString(1, r.getString(RecordColumns.RESULTS.fieldIndex(RecordColumns.JOB_ID)));
                    ps.setString(2, r.getString(RecordColumns.RESULTS.fieldIndex(RecordColumns.RECORD_ID)));
                    ps.setBytes(3, r.<byte[]>getAs(RecordColumns.RESULTS.fieldIndex(RecordColumns.REPLY)));
                    ps.setString(4, r.getString(RecordColumns.RESULTS.fieldIndex(RecordColumns.ERROR)));
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
            c.commit();
        }
    }

    private static String binaryType(String url) {
        return url.startsWith("jdbc:postgresql:") ? "BYTEA" : "BLOB";
    }

    /** Table names go into SQL text: only plain identifiers are accepted. */
    static String checked(String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + table);
        }
        return table;
    }
}
