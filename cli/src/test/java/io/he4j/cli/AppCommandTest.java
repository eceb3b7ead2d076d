package io.he4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `./he4j app`: its checks before starting (the app itself is tested in a browser in the app module). */
class AppCommandTest {
    @Test
    void appNeedsAServer() {
        CliRun r = CliRun.of("app", "--token", "x");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--server URL is required"), r.err());
    }

    @Test
    void userAddWithoutPasswordSourceStoresNothing(@TempDir Path dir) {
        if (System.getenv("HE4J_PASSWORD") != null) {
            throw new AssertionError("unset HE4J_PASSWORD for this test: it checks the path without one");
        }
        CliRun r = CliRun.of("app", "user", "add", "carol", "--data-dir", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("HE4J_PASSWORD"), r.err());
        assertFalse(Files.exists(dir.resolve("users")));
    }
}
