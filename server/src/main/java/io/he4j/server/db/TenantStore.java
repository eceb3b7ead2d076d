package io.he4j.server.db;

import io.he4j.server.auth.Role;
import io.he4j.server.auth.Tenant;
import io.he4j.server.auth.Tokens;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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
            Sql.update(c, "INSERT INTO tenants (name, role, created_at) VALUES (?, ?, ?)",
                    name, role.dbName(), System.currentTimeMillis());
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
        return db.read(c -> Sql.first(c, "SELECT t.id, t.name, t.role FROM tokens k "
                + "JOIN tenants t ON t.id = k.tenant_id WHERE k.token_hash = ?", TenantStore::tenant, hash));
    }

    public Optional<Tenant> byName(String name) {
        return db.read(c -> find(c, name));
    }

    public List<Tenant> list() {
        return db.read(c -> Sql.list(c, "SELECT id, name, role FROM tenants ORDER BY id", TenantStore::tenant));
    }

    private static String insertToken(Connection c, long tenantId) throws SQLException {
        String token = Tokens.newToken();
        Sql.update(c, "INSERT INTO tokens (token_hash, tenant_id, created_at) VALUES (?, ?, ?)",
                Tokens.hash(token), tenantId, System.currentTimeMillis());
        return token;
    }

    private static Optional<Tenant> find(Connection c, String name) throws SQLException {
        return Sql.first(c, "SELECT id, name, role FROM tenants WHERE name = ?", TenantStore::tenant, name);
    }

    private static Tenant tenant(ResultSet rs) throws SQLException {
        return new Tenant(rs.getLong(1), rs.getString(2), Role.ofDbName(rs.getString(3)));
    }
}
