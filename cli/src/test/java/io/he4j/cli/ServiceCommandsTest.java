package io.he4j.cli;

import io.he4j.server.db.AuditLog;
import io.he4j.server.db.Database;
import io.he4j.server.db.TenantStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tenant add / audit verify against a data directory. */
class ServiceCommandsTest {
    record Run(int exit, String out) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    private static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = Main.commandLine().execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void tenantAddPrintsAWorkingTokenLastAndAuditVerifies(@TempDir Path dir) throws Exception {
        Run a = run("tenant", "add", "hospital-a", "--data-dir", dir.toString());
        assertEquals(0, a.exit(), a.out());
        Run b = run("tenant", "add", "provider", "--admin", "--data-dir", dir.toString());
        assertEquals(0, b.exit(), b.out());
        assertTrue(a.lastLine().startsWith("he4j_"), a.out());
        assertEquals(1, run("tenant", "add", "hospital-a", "--data-dir", dir.toString()).exit(), "name taken");
        try (Database db = Database.openSqlite(dir)) {
            TenantStore tenants = new TenantStore(db);
            assertEquals("hospital-a", tenants.byToken(a.lastLine()).orElseThrow().name());
            assertEquals("ADMIN", tenants.byToken(b.lastLine()).orElseThrow().role().name());
        }
        Run list = run("tenant", "list", "--data-dir", dir.toString());
        assertTrue(list.out().contains("hospital-a\tclient") && list.out().contains("provider\tadmin"), list.out());
        Run ok = run("audit", "verify", "--data-dir", dir.toString());
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().contains("intact: 2 rows"), ok.out());
        try (Database db = Database.openSqlite(dir)) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE audit_log SET target = 'someone-else' WHERE seq = 1");
                }
            });
            assertTrue(new AuditLog(db).verify().firstBadSeq().isPresent());
        }
        Run broken = run("audit", "verify", "--data-dir", dir.toString());
        assertEquals(1, broken.exit(), broken.out());
        assertTrue(broken.out().contains("BROKEN at row 1"), broken.out());
    }
}
