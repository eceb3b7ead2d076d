package io.he4j.cli;

import io.he4j.server.He4jServer;
import io.he4j.server.ServerConfig;
import io.he4j.server.auth.Role;
import io.he4j.server.db.TenantStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** records upload (encrypted here) -> score (on a real server) -> results (decrypted here) prints what predict prints. */
class RecordsCommandTest {
    @Test
    void uploadScoreResultsPrintsThePredictCsv(@TempDir Path dir) throws Exception {
        Path data = MlCommandsTest.csv(dir);
        Path models = Files.createDirectories(dir.resolve("models"));
        assertEquals(0, CliRun.of("train", "--data", data.toString(), "--target", "label", "--out",
                models.resolve("m.json").toString()).exit());
        try (He4jServer s = He4jServer.start(ServerConfig.load(Optional.empty(), Map.of(), Map.of("port", "0",
                "data-dir", dir.resolve("data").toString(), "models-dir", models.toString())))) {
            String token = new TenantStore(s.database()).create("hospital", Role.CLIENT).token();
            String url = s.uri().toString();
            Path keys = dir.resolve("k").resolve("m.keys");
            Path passphrase = Files.writeString(dir.resolve("passphrase.txt"), "a long passphrase\n");
            String[] common = {"--server", url, "--token", token, "--model", "m", "--keys", keys.toString(),
                    "--key-passphrase-file", passphrase.toString()};

            CliRun up = CliRun.of(concat(new String[] {"records", "upload", "--data", data.toString(), "--target",
                    "label", "--batch"}, common));
            assertEquals(0, up.exit(), up.err());
            assertTrue(up.err().contains("300 rows in"), up.err());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
            assertTrue(io.he4j.client.KeyFile.isSealed(Files.readAllBytes(keys)), "key file sealed");
            CliRun locked = CliRun.of("records", "results", "--server", url, "--token", token, "--model", "m",
                    "--keys", keys.toString());
            assertTrue(locked.exit() != 0 && locked.err().contains("protected by a passphrase"), locked.err());

            CliRun score = CliRun.of(concat(new String[] {"records", "score"}, common));
            assertEquals(0, score.exit(), score.err());
            assertTrue(score.out().strip().startsWith("job_"), score.out());

            CliRun results = CliRun.of(concat(new String[] {"records", "results"}, common));
            assertEquals(0, results.exit(), results.err());
            CliRun plain = CliRun.of("predict", "--model", models.resolve("m.json").toString(), "--data",
                    data.toString(), "--target", "label");
            String[] a = plain.out().split("\n");
            String[] b = results.out().split("\n");
            assertEquals(301, b.length, results.out());
            assertEquals(a[0], b[0]);
            for (int i = 1; i < a.length; i++) {
                String[] pa = a[i].split(",");
                String[] pb = b[i].split(",");
                assertEquals(pa[0], pb[0], "row number");
                assertEquals(pa[1], pb[1], "row " + i);
                assertEquals(Double.parseDouble(pa[2]), Double.parseDouble(pb[2]), 1e-3, "row " + i);
            }

            // single-patient records travel 64 to a request; re-encrypted rows are conflicts, left as they were
            String[] singles = {"--server", url, "--token", token, "--model", "m", "--keys",
                    dir.resolve("k").resolve("singles.keys").toString()};
            CliRun one = CliRun.of(concat(new String[] {"records", "upload", "--data", data.toString(), "--target",
                    "label"}, singles));
            assertEquals(0, one.exit(), one.err());
            assertTrue(one.err().contains("300 rows in 300 records: 300 created"), one.err());
            CliRun twice = CliRun.of(concat(new String[] {"records", "upload", "--data", data.toString(), "--target",
                    "label"}, singles));
            assertEquals(1, twice.exit());
            assertTrue(twice.err().contains("300 records exist with other content"), twice.err());

            // without the key file nothing decrypts: refused, not garbage
            CliRun noKeys = CliRun.of("records", "results", "--server", url, "--token", token, "--model", "m",
                    "--keys", dir.resolve("missing.keys").toString());
            assertEquals(1, noKeys.exit());
            assertTrue(noKeys.err().contains("no key file"), noKeys.err());
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
