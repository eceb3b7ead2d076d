package io.he4j.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one shape of a store's statement: prepare, bind the parameters in order, execute, map the rows. Each
 * parameter is bound by its runtime type with the setter a hand-written statement would call (String, Long,
 * Integer, Double, Boolean, byte[]), so {@code 5} binds as an int and {@code 5L} as a bigint: cast where the
 * column is a bigint. A value that may be null goes through {@link #bytes} or {@link #string}, which keep the
 * setter (pgjdbc needs the type to bind a null bytea); an untyped null is refused. Runs on the caller's
 * connection, inside its {@link Database#read}/{@link Database#write} transaction.
 */
public final class Sql {
    /** Maps the current row of a result set (do not advance it). */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A null that remembers which setter binds it. */
    private enum TypedNull { BYTES, STRING }

    private Sql() {
    }

    /** {@code value}, or a null bound with {@code setBytes} (bytea on PostgreSQL). */
    public static Object bytes(byte[] value) {
        return value != null ? value : TypedNull.BYTES;
    }

    /** {@code value}, or a null bound with {@code setString}. */
    public static Object string(String value) {
        return value != null ? value : TypedNull.STRING;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Every row of a query, mapped, in the order the query returns them. */
    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    /** The first row of a query, mapped (the mapper must not return null), or empty if there is none. */
    public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... params)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
            }
        }
    }

    /** Whether a query returns any row. */
    public static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        return first(c, sql, rs -> Boolean.TRUE, params).isPresent();
    }

    /** The first row of a query that always returns one (an aggregate such as {@code COUNT(*)}). */
    public static <T> T one(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        return first(c, sql, row, params).orElseThrow(() -> new SQLException("no row from: " + sql));
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            int at = i + 1;
            switch (params[i]) {
                case String s -> ps.setString(at, s);
                case Long l -> ps.setLong(at, l);
                case Integer n -> ps.setInt(at, n);
                case Double d -> ps.setDouble(at, d);
                case Boolean b -> ps.setBoolean(at, b);
                case byte[] b -> ps.setBytes(at, b);
                case TypedNull.BYTES -> ps.setBytes(at, null);
                case TypedNull.STRING -> ps.setString(at, null);
                case null -> throw new IllegalArgumentException("parameter " + at
                        + " is an untyped null; pass Sql.bytes(...) or Sql.string(...)");
                default -> throw new IllegalArgumentException("parameter " + at + " has an unsupported type "
                        + params[i].getClass().getName());
            }
        }
    }
}
