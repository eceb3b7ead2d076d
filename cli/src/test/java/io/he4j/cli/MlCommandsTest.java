package io.he4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.he4j.ml.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train / predict / evaluate end to end through picocli, on a synthetic CSV written to a temp dir. */
class MlCommandsTest {
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static Path csv(Path dir) throws Exception {
        Dataset d = DemoCommand.synthetic(7);
        StringBuilder sb = new StringBuilder(String.join(",", d.featureNames())).append(",label\n");
        for (int i = 0; i < d.rows(); i++) {
            for (double v : d.x()[i]) {
                sb.append(v).append(',');
            }
            sb.append((int) d.y()[i]).append('\n');
        }
        Path f = dir.resolve("patients.csv");
        Files.writeString(f, sb.toString());
        return f;
    }


    @Test
    void badCsvNamesLineAndColumnAndFailsWithExitCode1(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "a,b,y\n1,2,0\n3,abc,1\n");
        CliRun r = run("train", "--data", f.toString(), "--target", "y", "--out", dir.resolve("m.json").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("line 3, column 2") && r.err().contains("'abc'"), r.err());
    }

    @Test
    void trainPredictPlainAndEncryptedAgree(@TempDir Path dir) throws Exception {
        Path data = csv(dir);
        Path model = dir.resolve("model.json");
        CliRun t = run("train", "--data", data.toString(), "--target", "label", "--out", model.toString());
        assertEquals(0, t.exit(), t.err());
        assertTrue(Files.readString(model).contains("\"format\" : \"he4j-model\""));
        CliRun plain = run("predict", "--model", model.toString(), "--data", data.toString(), "--target", "label");
        CliRun enc = run("predict", "--model", model.toString(), "--data", data.toString(), "--target", "label",
                "--encrypted");
        assertEquals(0, plain.exit(), plain.err());
        assertEquals(0, enc.exit(), enc.err());
        String[] a = plain.out().split("\n");
        String[] b = enc.out().split("\n");
        assertEquals(301, a.length);
        assertEquals(a.length, b.length);
        for (int i = 1; i < a.length; i++) {
            String[] pa = a[i].split(",");
            String[] pb = b[i].split(",");
            assertEquals(pa[1], pb[1], "row " + i);
            assertEquals(Double.parseDouble(pa[2]), Double.parseDouble(pb[2]), 1e-3, "row " + i);
        }
        // the same model on a file with the wrong number of columns
        CliRun wrong = run("predict", "--model", model.toString(), "--data", data.toString());
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().contains("takes 13 features") && wrong.err().contains("--target"), wrong.err());
    }

    @Test
    void evaluateJsonHasTheAgreedKeys(@TempDir Path dir) throws Exception {
        Path data = csv(dir);
        for (String mode : new String[]{"single", "batch"}) {
            CliRun r = run("evaluate", "--data", data.toString(), "--target", "label", "--mode", mode, "--queries", "20",
                    "--json");
            assertEquals(0, r.exit(), r.err());
            JsonNode j = new ObjectMapper().readTree(r.out());
            for (String k : new String[]{"accuracy_plain", "accuracy_encrypted", "label_agreement",
                    "max_abs_score_diff", "e2e_ms_p50", "server_ms_p50", "params"}) {
                assertTrue(j.has(k), k + " missing in " + r.out());
            }
            assertEquals(1.0, j.get("label_agreement").asDouble());
            assertEquals(j.get("accuracy_plain").asDouble(), j.get("accuracy_encrypted").asDouble());
            assertTrue(j.get("max_abs_score_diff").asDouble() < 1e-3);
            assertTrue(j.get("params").get("N").asInt() >= 2048);  // P2K-IFMA: the smallest 128-bit ring
            assertEquals(128, j.get("params").get("security_bits").asInt());
            assertTrue(j.get("params").get("primes").isArray());
        }
    }
}
