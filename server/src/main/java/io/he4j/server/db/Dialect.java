package io.he4j.server.db;

import java.util.Map;

/** The SQL dialects the service runs on; migrations differ only in these column types. */
public enum Dialect {
    SQLITE(Map.of("BLOB", "BLOB", "SERIAL_ID", "INTEGER PRIMARY KEY AUTOINCREMENT")),
    POSTGRESQL(Map.of("BLOB", "BYTEA", "SERIAL_ID", "BIGSERIAL PRIMARY KEY"));

    private final Map<String, String> types;

    Dialect(Map<String, String> types) {
        this.types = types;
    }

    /** Replaces each {@code ${NAME}} placeholder of a migration with this dialect's type. */
    String expand(String sql) {
        String out = sql;
        for (var e : types.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    static Dialect ofUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (jdbc:sqlite: or jdbc:postgresql: expected): "
                + jdbcUrl.replaceAll("\\?.*", "?..."));
    }
}
