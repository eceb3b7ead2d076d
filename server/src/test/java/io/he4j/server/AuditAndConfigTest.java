package io.he4j.server;

import io.he4j.server.auth.Role;
import io.he4j.server.db.AuditLog;
import io.he4j.server.db.Database;
import io.he4j.server.db.TenantStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit chain detects edits and removals; configuration precedence; per-tenant rate limit. */
class AuditAndConfigTest {
    @Test
    void auditChainDetectsAnEditedOrRemovedRow(@TempDir Path dir) throws Exception {
        try (Database db = Database.openSqlite(dir)) {
            AuditLog audit = new AuditLog(db);
            for (int i = 0; i < 5; i++) {
                audit.append("tenant-" + i, "keyset.upload", "id-" + i, "created");
            }
            assertTrue(audit.verify().intact());
            assertEquals(5, audit.verify().rows());
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE audit_log SET outcome = 'rejected' WHERE seq = 3");
                }
            });
            assertEquals(Optional.of(3L), audit.verify().firstBadSeq());
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE audit_log SET outcome = 'created' WHERE seq = 3");
                    return s.executeUpdate("DELETE FROM audit_log WHERE seq = 2");
                }
            });
            assertEquals(Optional.of(3L), audit.verify().firstBadSeq(), "row 2 removed: row 3 no longer links");
        }
    }

    @Test
    void tokensAreStoredOnlyAsHashes(@TempDir Path dir) throws Exception {
        String token;
        try (Database db = Database.openSqlite(dir)) {
            token = new TenantStore(db).create("hospital", Role.CLIENT).token();
            assertTrue(new TenantStore(db).byToken(token).isPresent());
            assertFalse(new TenantStore(db).byToken(token + "x").isPresent());
        }
        for (Path f : Files.list(dir).toList()) {
            String content = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(content.contains(token.substring(5)), f + " holds the token");
        }
    }

    @Test
    void configurationPrecedence(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("he4j.properties");
        Files.writeString(file, "port=9000\nlimits.body-bytes=1000\nlimits.keyset-max-age=2h\n"
                + "database.password=s3cret\n");
        ServerConfig c = ServerConfig.load(Optional.of(file), Map.of("HE4J_LIMITS_BODY_BYTES", "2000",
                "HE4J_PORT", "9100"), Map.of("port", "9200"));
        assertEquals(9200, c.port(), "command line beats environment and file");
        assertEquals(2000, c.maxBodyBytes(), "environment beats file");
        assertEquals(Duration.ofHours(2), c.keySetMaxAge(), "file beats default");
        assertFalse(c.predictPlainEnabled(), "default");
        assertFalse(c.toString().contains("s3cret"), c.toString());
        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.load(Optional.empty(), Map.of(), Map.of("limits.bodybytes", "5")));
        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.load(Optional.empty(), Map.of(), Map.of("limits.body-bytes", "-5")));
        assertEquals("HE4J_LIMITS_KEYSET_BYTES", ServerConfig.envName("limits.keyset-bytes"));
    }

    @Test
    void perTenantRateLimit(@TempDir Path dir) throws Exception {
        try (TestServer s = TestServer.start(dir, Map.of("limits.rate-per-second", "0.5",
                "limits.rate-burst", "3"))) {
            String a = s.tenant("a", Role.CLIENT);
            String b = s.tenant("b", Role.CLIENT);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, s.get("/v1/models", a).statusCode());
            }
            HttpResponse<String> over = s.get("/v1/models", a);
            assertEquals(429, over.statusCode(), over.body());
            assertTrue(over.body().contains("\"code\":\"rate-limited\""), over.body());
            assertTrue(over.headers().firstValue("retry-after").isPresent());
            assertEquals(200, s.get("/v1/models", b).statusCode(), "another tenant has its own bucket");
        }
    }
}
