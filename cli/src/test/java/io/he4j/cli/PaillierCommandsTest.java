package io.he4j.cli;

import io.he4j.ml.data.Dataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * keygen -> encrypt -> predict (server, no private key) -> decrypt prints exactly what ./he4j predict prints,
 * for a logistic and a linear regression trained by ./he4j train.
 */
class PaillierCommandsTest {
    @AfterEach
    void restoreEnvironment() {
        PaillierPassphrase.environment = () -> System.getenv(PaillierPassphrase.ENV);
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** The synthetic 13-feature data of 'he4j demo', with a binary label and a real-valued target column. */
    private static Path csv(Path dir) throws Exception {
        Dataset d = DemoCommand.synthetic(11);
        StringBuilder sb = new StringBuilder(String.join(",", d.featureNames())).append(",label,score\n");
        for (int i = 0; i < d.rows(); i++) {
            double s = 0;
            for (int j = 0; j < d.features(); j++) {
                double v = d.x()[i][j];
                sb.append(i == 5 && j == 2 ? "?" : Double.toString(v)).append(',');
                s += (j + 1) * (Double.isNaN(v) ? 0 : v);
            }
            sb.append((int) d.y()[i]).append(',').append(s / 7).append('\n');
        }
        Path f = dir.resolve("patients.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    private static Path noColumn(Path csv, String drop, Path dir) throws Exception {
        // a copy of the CSV without one target column, so each model sees its 13 features
        var lines = Files.readAllLines(csv);
        int idx = java.util.List.of(lines.getFirst().split(",")).indexOf(drop);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            var cells = new java.util.ArrayList<>(java.util.List.of(l.split(",", -1)));
            cells.remove(idx);
            sb.append(String.join(",", cells)).append('\n');
        }
        Path f = dir.resolve("without-" + drop + ".csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void decryptPrintsWhatPredictPrints(@TempDir Path dir) throws Exception {
        PaillierPassphrase.environment = () -> "test passphrase";
        Path all = csv(dir);
        Path keys = dir.resolve("keys");
        CliRun k = run("paillier", "keygen", "--out", keys.toString(), "--bits", "1024");
        assertEquals(0, k.exit(), k.err());
        for (String[] task : new String[][]{{"label", "score"}, {"score", "label"}}) {
            Path data = noColumn(all, task[1], dir);
            Path model = dir.resolve(task[0] + "-model.json");
            CliRun t = run("train", "--data", data.toString(), "--target", task[0], "--out", model.toString());
            assertEquals(0, t.exit(), t.err());
            CliRun plain = run("predict", "--model", model.toString(), "--data", data.toString(), "--target", task[0]);
            assertEquals(0, plain.exit(), plain.err());

            Path query = dir.resolve("data.json");
            Path answer = dir.resolve("answer.json");
            CliRun e = run("paillier", "encrypt", "--key", keys.toString(), "--data", data.toString(), "--target",
                    task[0], "--out", query.toString());
            assertEquals(0, e.exit(), e.err());
            // the server's step runs without any passphrase or private key
            PaillierPassphrase.environment = () -> null;
            CliRun p = run("paillier", "predict", "--model", model.toString(), "--in", query.toString(), "--out",
                    answer.toString());
            assertEquals(0, p.exit(), p.err());
            PaillierPassphrase.environment = () -> "test passphrase";
            CliRun d = run("paillier", "decrypt", "--key", keys.toString(), "--in", answer.toString());
            assertEquals(0, d.exit(), d.err());
            assertEquals(301, plain.out().split("\n").length);
            assertEquals(plain.out(), d.out(), task[0]);
        }
    }

    @Test
    void wrongPassphraseAndBrokenInputFailClearly(@TempDir Path dir) throws Exception {
        PaillierPassphrase.environment = () -> "right";
        Path keys = dir.resolve("keys");
        assertEquals(0, run("paillier", "keygen", "--out", keys.toString(), "--bits", "1024").exit());
        PaillierPassphrase.environment = () -> "wrong";
        CliRun r = run("paillier", "encrypt", "--key", keys.toString(), "--data", csv(dir).toString(), "--target",
                "label", "--out", dir.resolve("d.json").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("wrong passphrase"), r.err());
        Path broken = dir.resolve("answer.json");
        Files.writeString(broken, "{\"format\": \"he4j-paillier-answer\", ");
        PaillierPassphrase.environment = () -> "right";
        CliRun d = run("paillier", "decrypt", "--key", keys.toString(), "--in", broken.toString());
        assertEquals(1, d.exit());
        assertTrue(d.err().contains("not valid JSON"), d.err());
        CliRun bits = run("paillier", "keygen", "--out", dir.resolve("k2").toString(), "--bits", "1536");
        assertEquals(1, bits.exit());
        assertTrue(bits.err().contains("allowed"), bits.err());
        assertFalse(Files.exists(dir.resolve("k2")));
    }
}
