package io.he4j.server.db;

import io.he4j.server.auth.Role;
import io.he4j.server.auth.Tenant;
import io.he4j.server.auth.Tokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tenants and their tokens (stored as SHA-256 hashes). */
public final class TenantStore {
    private final Database db;

    public TenantStore(Database db) {
        this.db = db;
    }

    /** A tenant and its first token; the token is returned once and never stored. */
    public record Created(Tenant tenant, String token) {
        @Override
        public String toString() {
            return "Created[tenant=" + tenant + ", token=***]";
        }
    }

    /** Creates the tenant; refuses a name already taken. */
    public Created create(String name, Role role) {
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("tenant name must be 1..200 characters");
        }
        return db.write(c -> {
            if (find(c, name).isPresent()) {
                throw new IllegalArgumentException("tenant '" + name + "' already exists");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tenants (name, role, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, role.dbName());
                ps.setLong(3, System.currentTimeMillis());
                ps.executeUpdate();
            }
            Tenant t = find(c, name).orElseThrow();
            return new Created(t, insertToken(c, t.id()));
        });
    }

    /** A new token for an existing tenant (tokens are never shown again). */
    public String addToken(String tenantName) {
        return db.write(c -> {
            Tenant t = find(c, tenantName).orElseThrow(
                    () -> new IllegalArgumentException("no tenant named '" + tenantName + "'"));
            return insertToken(c, t.id());
        });
    }

    /** The tenant holding this token, if any. */
    public Optional<Tenant> byToken(String token) {
        String hash = Tokens.hash(token);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT t.id, t.name, t.role FROM tokens k "
                    + "JOIN tenants t ON t.id = k.tenant_id WHERE k.token_hash = ?")) {
                ps.setString(1, hash);
                return one(ps);
            }
        });
    }

    public Optional<Tenant> byName(String name) {
        return db.read(c -> find(c, name));
    }

    public List<Tenant> list() {
        return db.read(c -> {
            List<Tenant> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, role FROM tenants ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(tenant(rs));
                }
            }
            return out;
        });
    }

    private static String insertToken(Connection c, long tenantId) throws SQLException {
        String token = Tokens.newToken();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tokens (token_hash, tenant_id, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, Tokens.hash(token));
            ps.setLong(2, tenantId);
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        }
        return token;
    }

    private static Optional<Tenant> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, role FROM tenants WHERE name = ?")) {
            ps.setString(1, name);
            return one(ps);
        }
    }

    private static Optional<Tenant> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(tenant(rs)) : Optional.empty();
        }
    }

    private static Tenant tenant(ResultSet rs) throws SQLException {
        return new Tenant(rs.getLong(1), rs.getString(2), Role.ofDbName(rs.getString(3)));
    }
}
