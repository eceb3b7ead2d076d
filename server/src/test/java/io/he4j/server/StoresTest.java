package io.he4j.server;

import io.he4j.client.He4jClient;
import io.he4j.client.RemoteModel;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.model.ModelFile;
import io.he4j.server.auth.Role;
import io.he4j.server.db.AuditLog;
import io.he4j.server.db.Database;
import io.he4j.server.db.KeySetStore;
import io.he4j.server.db.TenantStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same DAO contract on SQLite and on a throwaway PostgreSQL cluster, and the whole service on PostgreSQL. */
class StoresTest {
    static ThrowawayPostgres pg;

    @BeforeAll
    static void startPostgres() {
        pg = new ThrowawayPostgres();
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    /** Tenants, tokens, key sets with quotas and isolation, the audit chain: what every dialect must do. */
    static void contract(Database db, String prefix) {
        TenantStore tenants = new TenantStore(db);
        TenantStore.Created a = tenants.create(prefix + "a", Role.CLIENT);
        TenantStore.Created b = tenants.create(prefix + "b", Role.ADMIN);
        assertThrows(IllegalArgumentException.class, () -> tenants.create(prefix + "a", Role.CLIENT));
        assertEquals(a.tenant(), tenants.byToken(a.token()).orElseThrow());
        assertEquals(Role.ADMIN, tenants.byToken(b.token()).orElseThrow().role());
        String second = tenants.addToken(prefix + "a");
        assertEquals(a.tenant(), tenants.byToken(second).orElseThrow());
        assertTrue(tenants.byToken("he4j_unknown").isEmpty());

        KeySetStore keys = new KeySetStore(db);
        KeySetStore.Quota quota = new KeySetStore.Quota(2, 1000, Duration.ofDays(1));
        byte[] k1 = {1, 2, 3};
        assertTrue(keys.put(a.tenant().id(), "ks-1", k1, quota));
        assertFalse(keys.put(a.tenant().id(), "ks-1", k1, quota), "same id again is a no-op");
        assertTrue(keys.put(b.tenant().id(), "ks-1", k1, quota), "another tenant owns its own copy");
        assertArrayEquals(k1, keys.content(a.tenant().id(), "ks-1").orElseThrow());
        assertTrue(keys.put(a.tenant().id(), "ks-2", new byte[10], quota));
        assertThrows(KeySetStore.QuotaExceededException.class,
                () -> keys.put(a.tenant().id(), "ks-3", new byte[10], quota));
        assertThrows(KeySetStore.QuotaExceededException.class,
                () -> keys.put(b.tenant().id(), "ks-big", new byte[1000], quota));
        assertTrue(keys.delete(a.tenant().id(), "ks-1"));
        assertFalse(keys.delete(a.tenant().id(), "ks-1"));
        assertTrue(keys.content(b.tenant().id(), "ks-1").isPresent(), "b's copy is untouched");
        assertEquals(1, keys.list(a.tenant().id()).size());
        // eviction by age: with a zero age every key set is stale
        assertTrue(keys.put(a.tenant().id(), "ks-4", new byte[5],
                new KeySetStore.Quota(2, 1000, Duration.ZERO.minusMillis(1))));
        assertEquals(1, keys.list(a.tenant().id()).size(), "the stale ks-2 was evicted to make room");

        AuditLog audit = new AuditLog(db);
        long before = audit.verify().rows();
        for (int i = 0; i < 4; i++) {
            audit.append(prefix + "a", "keyset.upload", "ks-" + i, "created");
        }
        assertTrue(audit.verify().intact());
        assertEquals(before + 4, audit.verify().rows());
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = " + (before + 2));
            }
        });
        assertEquals(before + 2, audit.verify().firstBadSeq().orElseThrow());
    }

    @Test
    void sqlite(@TempDir Path dir) {
        try (Database db = Database.openSqlite(dir)) {
            // every pooled connection runs with the durability and erasure settings
            for (int i = 0; i < 6; i++) {
                assertEquals("wal|2|1|1", db.read(c -> {
                    StringBuilder sb = new StringBuilder();
                    try (Statement st = c.createStatement()) {
                        for (String p : new String[] {"journal_mode", "synchronous", "secure_delete", "foreign_keys"}) {
                            try (var rs = st.executeQuery("PRAGMA " + p)) {
                                rs.next();
                                sb.append(sb.isEmpty() ? "" : "|").append(rs.getString(1));
                            }
                        }
                    }
                    return sb.toString();
                }));
            }
            contract(db, "");
        }
        try (Database again = Database.openSqlite(dir)) { // migrations are applied once
            assertEquals(2, new TenantStore(again).list().size());
        }
    }

    @Test
    void postgresql() {
        try (Database db = Database.open(pg.url, "he4j", "")) {
            contract(db, "pg-");
        }
        try (Database again = Database.open(pg.url, "he4j", "")) {
            assertTrue(new TenantStore(again).byName("pg-a").isPresent());
        }
    }

    @Test
    void serviceOnPostgresql(@TempDir Path dir) {
        Path models = TestServer.modelsDir();
        Map<String, String> onPg = Map.of("database.url", pg.url,
                "database.user", "he4j");
        Dataset test = TestServer.cleveland().test();
        String token;
        try (TestServer s = TestServer.start(dir, models, onPg)) {
            token = s.tenant("pg-hospital", Role.CLIENT);
            try (He4jClient c = He4jClient.builder(s.server.uri().toString()).token(token).build();
                 RemoteModel m = c.model(TestServer.MODEL)) {
                var plain = ModelFile.read(models.resolve(TestServer.MODEL + ".json"));
                for (int i = 0; i < 10; i++) {
                    assertEquals(plain.predictLabel(test.x()[i]), m.predict(test.x()[i]).label());
                }
            }
            assertEquals(201, s.post("/v1/keysets", token, TestServer.newKeySet("P2K-IFMA"), Map.of()).statusCode());
        }
        // a second replica on the same database sees the tenant and its key set
        try (TestServer replica = TestServer.start(dir.resolve("other"), models, onPg)) {
            var r = replica.get("/v1/keysets", token);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"id\":\"ks-"), r.body());
        }
    }
}
