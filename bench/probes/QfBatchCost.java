import io.he4j.ckks.PublicContext;
import io.he4j.ml.data.Dataset;
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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Cost of one full batch (every slot a patient: test rows repeated) of the heart-disease 13-8-1 and breast-cancer
 * 30-16-1 MLPs the way the tree being run compiles them (before: feature-major MLP batch; after: quadratic-form
 * batch), with model privacy as batch jobs run it (ModelServer.forBatchJobs: mask made on the scoring thread).
 * The same file against both builds:
 *   java --enable-native-access=ALL-UNNAMED -Xmx4g -cp CLASSPATH QfBatchCost.java DATA_DIR ROUNDS
 * Per model: kind, preset, level, patients per batch, ciphertexts up, upload and reply bytes (per patient), median
 * thread-CPU ms per batch for client encryption and server evaluation (and the wall medians), max |dscore|.
 */
public class QfBatchCost {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Split heart = Splits.trainTest(Datasets.heartDisease(data, Datasets.Institution.CLEVELAND,
                MissingValues.Policy.DROP_ROWS), 0.25, 42);
        Split breast = Splits.trainTest(Datasets.breastCancer(data), 0.25, 42);
        run("heart disease 13-8-1", Trainer.train(heart.train(), TrainOptions.mlp(List.of(8), "gelu", 5).withL2(0.05)),
                heart.test(), rounds);
        run("breast cancer 30-16-1", Trainer.train(breast.train(), TrainOptions.mlp(List.of(16), "gelu", 1)),
                breast.test(), rounds);
    }

    private static void run(String what, TrainedModel m, Dataset test, int rounds) {
        CompiledModel compiled = CompiledModel.compile(m, what, "1");
        try (ModelServer server = ModelServer.forBatchJobs(compiled);
             ModelClient client = ModelClient.create(compiled.manifest());
             PublicContext keys = PublicContext.fromBytes(client.batchKeySet().orElseThrow())) {
            int cap = client.batchCapacity();
            double[][] rows = new double[cap][];
            for (int i = 0; i < cap; i++) {
                rows[i] = m.imputer().apply(test.x()[i % test.rows()]);
            }
            long[] encCpu = new long[rounds];
            long[] srvCpu = new long[rounds];
            long[] encWall = new long[rounds];
            long[] srvWall = new long[rounds];
            long up = 0;
            long down = 0;
            int parts = 0;
            double worst = 0;
            for (int r = -2; r < rounds; r++) {   // two warm-up rounds
                long c0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                List<byte[]> q = client.encryptBatch(rows);
                long c1 = CPU.getCurrentThreadCpuTime();
                long t1 = System.nanoTime();
                List<byte[]> reply = server.predictBatch(q, Optional.of(keys));
                long c2 = CPU.getCurrentThreadCpuTime();
                long t2 = System.nanoTime();
                if (r >= 0) {
                    encCpu[r] = c1 - c0;
                    srvCpu[r] = c2 - c1;
                    encWall[r] = t1 - t0;
                    srvWall[r] = t2 - t1;
                }
                parts = q.size();
                up = q.stream().mapToLong(b -> b.length).sum();
                down = reply.stream().mapToLong(b -> b.length).sum();
                double[][] out = client.decryptBatch(reply, cap);
                for (int i = 0; i < cap; i++) {
                    worst = Math.max(worst, Math.abs(out[i][0] - m.scores(rows[i])[0]));
                }
            }
            System.out.printf("%s: %s %s level %d, %d patients/batch, %d ciphertexts up; upload %d B (%.0f B/patient), "
                            + "reply %d B; median CPU ms per batch: encrypt %.1f (%.1f us/patient), server %.1f "
                            + "(%.2f us/patient); wall: encrypt %.1f, server %.1f; max |dscore| %.2g; %s%n", what,
                    compiled.manifest().batch().kind(), compiled.manifest().batch().preset(),
                    compiled.manifest().batch().level(), cap, parts, up, (double) up / cap, down, median(encCpu),
                    median(encCpu) * 1e3 / cap, median(srvCpu), median(srvCpu) * 1e3 / cap, median(encWall),
                    median(srvWall), worst, server.privacyDescription(true));
        }
    }

    private static double median(long[] nanos) {
        long[] c = nanos.clone();
        Arrays.sort(c);
        return c[c.length / 2] / 1e6;
    }
}
