package io.he4j.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A tiny ordered-migrations runner: each migration is a SQL resource applied once, in order, recorded in
 * {@code schema_version}; all pending ones run in one transaction (both SQLite and PostgreSQL have
 * transactional DDL), so a failure leaves the schema as it was. On PostgreSQL the version table is locked
 * first so that replicas starting together apply each migration once. Add a migration by adding its file
 * and appending its name to {@link #MIGRATIONS}; never edit one that has shipped.
 */
final class Migrations {
    static final List<String> MIGRATIONS = List.of("V1__tenants_tokens_key_sets_audit.sql",
            "V2__records_jobs.sql",
            "V3__federations.sql",
            "V4__studies.sql",
            "V5__federation_invitations.sql");

    private Migrations() {
    }

    static void apply(Database db) {
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                        + "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
                if (db.dialect() == Dialect.POSTGRESQL) {
                    s.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
                }
            }
            int current = currentVersion(c);
            for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
                String name = MIGRATIONS.get(v - 1);
                for (String stmt : db.dialect().expand(resource(name)).split(";")) {
                    if (!stmt.isBlank()) {
                        try (Statement s = c.createStatement()) {
                            s.execute(stmt);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, name);
                    ps.setLong(3, System.currentTimeMillis());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            int v = rs.getInt(1);
            if (v > MIGRATIONS.size()) {
                throw new IllegalStateException("the database has schema version " + v + " but this build knows "
                        + MIGRATIONS.size() + "; run a newer he4j");
            }
            return v;
        }
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) {
                throw new IllegalStateException("migration resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
