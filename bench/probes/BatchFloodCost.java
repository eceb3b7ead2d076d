import io.he4j.ckks.PublicContext;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelClient;
import io.he4j.ml.he.ModelServer;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Cost of a full linear feature-major batch (Cleveland LR, every slot a patient: test rows repeated), with model
 * privacy (ModelServer.forBatchJobs: masks made on the scoring thread, as the record store and Spark do) and
 * without. Run against a build of the tree to measure (the same file for the old and the new state):
 *   java --enable-native-access=ALL-UNNAMED -cp CLASSPATH BatchFloodCost.java DATA_DIR ROUNDS
 * Prints one line per mode: preset, patients per batch, median ms per batch for encrypt / server / decrypt,
 * patients per second of server time, upload and reply bytes, max |dscore| and the privacy description.
 */
public class BatchFloodCost {
    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Split s = Splits.trainTest(Datasets.heartDisease(data, Datasets.Institution.CLEVELAND,
                MissingValues.Policy.DROP_ROWS), 0.25, 42);
        TrainedModel m = Trainer.train(s.train(), TrainOptions.linear(1));
        CompiledModel compiled = CompiledModel.compile(m, "cleveland", "1");
        for (boolean privacy : List.of(false, true, false, true)) {   // each mode twice, interleaved
            try (ModelServer server = privacy ? ModelServer.forBatchJobs(compiled)
                    : ModelServer.withoutModelPrivacy(compiled);
                 ModelClient client = ModelClient.create(compiled.manifest());
                 PublicContext keys = PublicContext.fromBytes(client.batchKeySet().orElseThrow())) {
                int cap = client.batchCapacity();
                double[][] rows = new double[cap][];
                for (int i = 0; i < cap; i++) {
                    rows[i] = m.imputer().apply(s.test().x()[i % s.test().rows()]);
                }
                long[] enc = new long[rounds];
                long[] srv = new long[rounds];
                long[] dec = new long[rounds];
                long up = 0;
                long down = 0;
                double worst = 0;
                for (int r = -10; r < rounds; r++) {   // ten warm-up rounds (JIT, native allocations)
                    long t0 = System.nanoTime();
                    List<byte[]> q = client.encryptBatch(rows);
                    long t1 = System.nanoTime();
                    List<byte[]> reply = server.predictBatch(q, privacy ? Optional.of(keys) : Optional.empty());
                    long t2 = System.nanoTime();
                    double[][] out = client.decryptBatch(reply, cap);
                    long t3 = System.nanoTime();
                    if (r >= 0) {
                        enc[r] = t1 - t0;
                        srv[r] = t2 - t1;
                        dec[r] = t3 - t2;
                    }
                    up = q.stream().mapToLong(b -> b.length).sum();
                    down = reply.stream().mapToLong(b -> b.length).sum();
                    for (int i = 0; i < cap; i++) {
                        worst = Math.max(worst, Math.abs(out[i][0] - m.scores(rows[i])[0]));
                    }
                }
                double serverMs = median(srv);
                System.out.printf("%s: %s level %d, %d patients/batch; median ms per batch: encrypt %.1f, server %.1f, "
                                + "decrypt %.1f; server %.0f patients/s; upload %d B (%.1f B/patient), reply %d B; "
                                + "max |dscore| %.2g; %s%n", privacy ? "private" : "trusted",
                        compiled.manifest().batch().preset(), compiled.manifest().batch().level(), cap, median(enc),
                        serverMs, median(dec), cap / (serverMs / 1e3), up, (double) up / cap, down, worst,
                        privacy ? server.privacyDescription(true) : "no mask");
            }
        }
    }

    private static double median(long[] nanos) {
        long[] c = nanos.clone();
        Arrays.sort(c);
        return c[c.length / 2] / 1e6;
    }
}
