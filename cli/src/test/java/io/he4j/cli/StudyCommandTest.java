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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** study create (keys here) -> invite -> two institutions upload (encrypted here) -> aggregate (decrypted here). */
class StudyCommandTest {
    @Test
    void twoInstitutionsUploadAndTheAuthorityPrintsThePooledStatistics(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Files.writeString(a, "age,chol\n50,200\n60,240\n70,?\n");
        Files.writeString(b, "age,chol\n40,180\n45,220.5\n");
        try (He4jServer s = He4jServer.start(ServerConfig.load(Optional.empty(), Map.of(), Map.of("port", "0",
                "data-dir", dir.resolve("data").toString())))) {
            TenantStore tenants = new TenantStore(s.database());
            String authority = tenants.create("authority", Role.CLIENT).token();
            String h1 = tenants.create("hospital-1", Role.CLIENT).token();
            String h2 = tenants.create("hospital-2", Role.CLIENT).token();
            String url = s.uri().toString();
            Path keys = dir.resolve("k").resolve("study.keys");
            String pass = Files.writeString(dir.resolve("pass.txt"), "authority passphrase\n").toString();

            CliRun create = CliRun.of("study", "create", "--server", url, "--token", authority, "--name", "pilot",
                    "--features", "age,chol", "--mean", "50,200", "--std", "10,20", "--keys", keys.toString(),
                    "--key-passphrase-file", pass);
            assertEquals(0, create.exit(), create.err());
            assertTrue(io.he4j.client.KeyFile.isSealed(Files.readAllBytes(keys)), "authority key file sealed");
            CliRun again = CliRun.of("study", "create", "--server", url, "--token", authority, "--name", "pilot-2",
                    "--features", "age", "--keys", keys.toString());
            assertEquals(1, again.exit());
            assertTrue(again.err().contains("exists"), again.err());   // another study's key is never overwritten
            String study = line(create.out(), "study ");
            String sha = line(create.out(), "key-sha256 ");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
            for (String inst : List.of("hospital-1", "hospital-2")) {
                CliRun inv = CliRun.of("study", "invite", "--server", url, "--token", authority, "--study", study,
                        "--institution", inst);
                assertEquals(0, inv.exit(), inv.err());
            }
            CliRun refused = CliRun.of("study", "upload", "--server", url, "--token", h1, "--study", study,
                    "--data", a.toString(), "--key-sha256", sha);
            assertEquals(1, refused.exit());
            assertTrue(refused.err().contains("finite"), refused.err());  // a missing value is not uploaded
            for (String[] up : List.of(new String[] {h1, a.toString()}, new String[] {h2, b.toString()})) {
                CliRun r = CliRun.of("study", "upload", "--server", url, "--token", up[0], "--study", study,
                        "--data", up[1], "--key-sha256", sha, "--drop-missing");
                assertEquals(0, r.exit(), r.err());
            }
            CliRun early = CliRun.of("study", "aggregate", "--server", url, "--token", authority, "--study", study,
                    "--keys", keys.toString(), "--key-passphrase-file", pass);
            assertEquals(1, early.exit());
            assertTrue(early.err().contains("study-open"), early.err());
            CliRun close = CliRun.of("study", "close", "--server", url, "--token", authority, "--study", study);
            assertEquals(0, close.exit(), close.err());
            CliRun locked = CliRun.of("study", "aggregate", "--server", url, "--token", authority, "--study", study,
                    "--keys", keys.toString());
            assertEquals(1, locked.exit());
            assertTrue(locked.err().contains("protected by a passphrase"), locked.err());
            CliRun agg = CliRun.of("study", "aggregate", "--server", url, "--token", authority, "--study", study,
                    "--keys", keys.toString(), "--key-passphrase-file", pass);
            assertEquals(0, agg.exit(), agg.err());
            assertTrue(agg.err().contains("released to multiples of 0.001"), agg.err());
            String[] lines = agg.out().strip().split("\n");
            assertEquals("feature,n,sum,mean,std,sum_of_squares,standardized_sum", lines[0]);
            double[][] cols = {{50, 60, 40, 45}, {200, 240, 180, 220.5}};
            double[] mu = {50, 200};
            double[] sd = {10, 20};
            for (int j = 0; j < 2; j++) {
                String[] v = lines[1 + j].split(",");
                double sum = 0;
                double sq = 0;
                double z = 0;
                double zTerms = 0;  // the precision is relative to the terms' magnitude: z itself may be near 0
                for (double x : cols[j]) {
                    sum += x;
                    sq += x * x;
                    z += (x - mu[j]) / sd[j];
                    zTerms += Math.abs(x / sd[j]) + Math.abs(mu[j] / sd[j]);
                }
                assertEquals(4, Integer.parseInt(v[1]));
                // released to multiples of 1e-3 (safe decryption), then printed with 9 significant digits
                double p = 1e-3;
                assertEquals(sum, Double.parseDouble(v[2]), p + 1e-6 * sum);
                assertEquals(sum / 4, Double.parseDouble(v[3]), p + 1e-6 * sum / 4);
                assertEquals(Math.sqrt(sq / 4 - sum * sum / 16), Double.parseDouble(v[4]), 0.02);  // from rounded values
                assertEquals(sq, Double.parseDouble(v[5]), p + 1e-6 * sq);
                assertEquals(z, Double.parseDouble(v[6]), p + 1e-6 * zTerms);
            }
            // another tenant has nothing to aggregate: 404 (the study does not exist for it)
            CliRun other = CliRun.of("study", "aggregate", "--server", url, "--token", h1, "--study", study,
                    "--keys", keys.toString(), "--key-passphrase-file", pass);
            assertEquals(1, other.exit());
            assertTrue(other.err().contains("403") && other.err().contains("not-the-authority"), other.err());
        }
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }
}
