package io.he4j.server;

import io.he4j.server.db.Database;
import io.he4j.server.db.Dialect;
import io.he4j.server.db.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stores' statement helper on SQLite and PostgreSQL: each parameter binds with its own type, nulls too. */
class SqlTest {
    @Test
    void sqlite(@TempDir Path dir) {
        try (Database db = Database.openSqlite(dir)) {
            contract(db);
            // SQLite reports the storage class each value was bound as
            assertEquals(List.of("integer", "integer", "real", "text", "blob", "null", "null"),
                    db.read(c -> Sql.one(c, "SELECT typeof(?), typeof(?), typeof(?), typeof(?), typeof(?),"
                            + " typeof(?), typeof(?)", rs -> columns(rs, 7),
                            5, 5L, 0.5, "s", new byte[] {1}, Sql.bytes(null), Sql.string(null))));
        }
    }

    @Test
    void postgresql() {
        try (ThrowawayPostgres pg = new ThrowawayPostgres(); Database db = Database.open(pg.url, "he4j", "")) {
            contract(db);
            // the type the driver declared for each parameter: int stays int4, long int8, a null byte[] bytea
            assertEquals(List.of("integer", "bigint", "double precision", "boolean", "bytea", "bytea"),
                    db.read(c -> Sql.one(c, "SELECT pg_typeof(?)::text, pg_typeof(?)::text, pg_typeof(?)::text,"
                            + " pg_typeof(?)::text, pg_typeof(?)::text, pg_typeof(?)::text", rs -> columns(rs, 6),
                            5, 5L, 0.5, true, new byte[] {1}, Sql.bytes(null))));
        }
    }

    /** What every dialect must do: round trips, counts, empty results, typed nulls, refused parameters. */
    private static void contract(Database db) {
        String blob = db.dialect() == Dialect.POSTGRESQL ? "BYTEA" : "BLOB";
        db.write(c -> Sql.update(c, "CREATE TABLE sql_probe (id INTEGER NOT NULL, name VARCHAR(40), n BIGINT,"
                + " x DOUBLE PRECISION, flag BOOLEAN, content " + blob + ")"));
        byte[] bytes = {0, 1, (byte) 0xff};
        int inserted = db.write(c -> Sql.update(c, "INSERT INTO sql_probe VALUES (?, ?, ?, ?, ?, ?)",
                1, "one", Long.MAX_VALUE, 2.5, true, bytes)
                + Sql.update(c, "INSERT INTO sql_probe VALUES (?, ?, ?, ?, ?, ?)",
                2, Sql.string(null), 7L, -1.0, false, Sql.bytes(null)));
        assertEquals(2, inserted);

        record Probe(int id, String name, long n, double x, boolean flag, byte[] content) {
        }
        List<Probe> rows = db.read(c -> Sql.list(c, "SELECT id, name, n, x, flag, content FROM sql_probe"
                + " ORDER BY id", rs -> new Probe(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getDouble(4),
                rs.getBoolean(5), rs.getBytes(6))));
        assertEquals(2, rows.size());
        assertEquals("one", rows.get(0).name());
        assertEquals(Long.MAX_VALUE, rows.get(0).n());
        assertEquals(2.5, rows.get(0).x());
        assertTrue(rows.get(0).flag());
        assertArrayEquals(bytes, rows.get(0).content());
        assertNull(rows.get(1).name());
        assertFalse(rows.get(1).flag());
        assertNull(rows.get(1).content());

        // a typed null keeps the column in COALESCE (the federation's collective key is written this way)
        db.write(c -> Sql.update(c, "UPDATE sql_probe SET content = COALESCE(?, content) WHERE id = ?",
                Sql.bytes(null), 1));
        assertArrayEquals(bytes, db.read(c -> Sql.one(c, "SELECT content FROM sql_probe WHERE id = ?",
                rs -> rs.getBytes(1), 1)));

        int updated = db.write(c -> Sql.update(c, "UPDATE sql_probe SET x = ? WHERE n > ?", 0.0, 0L));
        assertEquals(2, updated);
        assertEquals(Optional.of("one"), db.read(c -> Sql.first(c, "SELECT name FROM sql_probe WHERE id = ?",
                rs -> rs.getString(1), 1)));
        assertTrue(db.read(c -> Sql.first(c, "SELECT name FROM sql_probe WHERE id = ?", rs -> rs.getString(1), 3))
                .isEmpty());
        boolean seven = db.read(c -> Sql.exists(c, "SELECT 1 FROM sql_probe WHERE n = ?", 7L));
        boolean eight = db.read(c -> Sql.exists(c, "SELECT 1 FROM sql_probe WHERE n = ?", 8L));
        assertTrue(seven);
        assertFalse(eight);
        assertTrue(db.read(c -> Sql.list(c, "SELECT id FROM sql_probe WHERE id > ?", rs -> rs.getInt(1), 9))
                .isEmpty());

        RuntimeException noRow = assertThrows(RuntimeException.class, () -> db.read(c -> Sql.one(c,
                "SELECT id FROM sql_probe WHERE id = ?", rs -> rs.getInt(1), 3)));
        assertTrue(noRow.getMessage().contains("no row"), noRow.getMessage());
        IllegalArgumentException untyped = assertThrows(IllegalArgumentException.class, () -> db.write(c ->
                Sql.update(c, "UPDATE sql_probe SET name = ? WHERE id = ?", null, 1)));
        assertTrue(untyped.getMessage().contains("parameter 1 is an untyped null"), untyped.getMessage());
        IllegalArgumentException unsupported = assertThrows(IllegalArgumentException.class, () -> db.write(c ->
                Sql.update(c, "UPDATE sql_probe SET name = ? WHERE id = ?", "x", new Object())));
        assertTrue(unsupported.getMessage().contains("parameter 2 has an unsupported type"),
                unsupported.getMessage());
        // the refused statements rolled back and changed nothing
        assertEquals(Optional.of("one"), db.read(c -> Sql.first(c, "SELECT name FROM sql_probe WHERE id = ?",
                rs -> rs.getString(1), 1)));
    }

    private static List<String> columns(java.sql.ResultSet rs, int n) throws SQLException {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = rs.getString(i + 1);
        }
        return List.of(out);
    }
}
