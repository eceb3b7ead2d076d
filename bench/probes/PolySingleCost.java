import io.he4j.ckks.PublicContext;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelClient;
import io.he4j.ml.he.ModelServer;
import io.he4j.ml.he.ServerReply;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.MessageKind;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Cost of one private single query (model privacy on: ModelServer.create, masks made ahead by its background
 * thread) for the digits MLP 64-32-10 and the Cleveland MLP 13-8-4-1, whatever protocol the build compiles them
 * to (SLOT before issue 15, QUADRATIC_FORM in several products and QUARTIC_FORM after). Run against a build
 * of the tree to measure (the same file for the old and the new state):
 *   java --enable-native-access=ALL-UNNAMED -cp CLASSPATH PolySingleCost.java DATA_DIR ROUNDS
 * Prints per model: kind, preset, reply ciphertexts, upload / reply / key-set bytes, median thread CPU of client
 * encryption and decryption, median server compute (ServerReply.computeNanos) and server call (thread CPU,
 * validation and serialization included), median wall time end to end in process (encrypt, server, decrypt),
 * the mask made off line (full cost), max |dscore| against the plaintext network over the rounds' test rows.
 */
public class PolySingleCost {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Split digits = Splits.trainTest(Datasets.digits(data), 0.2, 42);
        Split cleveland = Splits.trainTest(Datasets.heartDisease(data, Datasets.Institution.CLEVELAND,
                MissingValues.Policy.DROP_ROWS), 0.25, 42);
        TrainedModel digitsMlp = Trainer.train(digits.train(), TrainOptions.mlp(List.of(32), "square", 1)
                .withMaxIterations(300));
        TrainedModel deep = Trainer.train(cleveland.train(), TrainOptions.mlp(List.of(8, 4), "relu", 2)
                .withL2(0.05).withMaxIterations(200));
        for (int pass = 0; pass < 2; pass++) {
            run("digits MLP 64-32-10", digitsMlp, digits.test(), rounds);
            run("cleveland MLP 13-8-4-1", deep, cleveland.test(), rounds);
        }
    }

    private static void run(String what, TrainedModel m, Dataset test, int rounds) {
        CompiledModel compiled = CompiledModel.compile(m, "m", "1");
        try (ModelServer server = ModelServer.create(compiled);
             ModelClient client = ModelClient.create(compiled.manifest());
             PublicContext keys = PublicContext.fromBytes(client.keySet().orElseThrow())) {
            long[] enc = new long[rounds];
            long[] srv = new long[rounds];
            long[] call = new long[rounds];
            long[] dec = new long[rounds];
            long[] e2e = new long[rounds];
            long up = 0;
            long down = 0;
            int parts = 0;
            double worst = 0;
            for (int r = -10; r < rounds; r++) {   // ten warm-up rounds (JIT, native allocations, mask pools)
                double[] x = m.imputer().apply(test.x()[Math.floorMod(r, test.rows())]);
                long w0 = System.nanoTime();
                long c0 = CPU.getCurrentThreadCpuTime();
                byte[] q = client.encryptQuery(x);
                long c1 = CPU.getCurrentThreadCpuTime();
                ServerReply reply = server.evaluate(false, List.of(q), Optional.of(keys));
                byte[] sent = reply.parts().size() == 1 ? reply.parts().getFirst()    // as ModelServer.predict sends it
                        : new Envelope(MessageKind.REPLY, reply.parts()).toBytes();
                long c2 = CPU.getCurrentThreadCpuTime();
                double[] scores = client.decryptScores(sent);
                long c3 = CPU.getCurrentThreadCpuTime();
                long w1 = System.nanoTime();
                if (r >= 0) {
                    enc[r] = c1 - c0;
                    call[r] = c2 - c1;
                    srv[r] = reply.computeNanos();
                    dec[r] = c3 - c2;
                    e2e[r] = w1 - w0;
                    double[] plain = m.scores(x);
                    for (int k = 0; k < plain.length; k++) {
                        worst = Math.max(worst, Math.abs(plain[k] - scores[k]));
                    }
                }
                up = q.length;
                down = sent.length;
                parts = reply.parts().size();
                Thread.onSpinWait();
            }
            System.out.printf("%s: %s %s, %d reply ciphertext(s); upload %d B, reply %d B, key set %d B; "
                            + "client encrypt %.3f ms, decrypt %.3f ms CPU; server compute %.3f ms, server call %.3f ms "
                            + "CPU; end to end %.3f ms wall; mask off line %.3f ms; max |dscore| %.3g over %d rows%n  %s%n  %s%n",
                    what, compiled.manifest().single().kind(), compiled.manifest().single().preset(), parts, up, down,
                    client.keySet().orElseThrow().length, median(enc), median(dec), median(srv), median(call),
                    median(e2e), server.singleMaskNanos(keys) / 1e6, worst, rounds, server.description(false),
                    server.privacyDescription(false));
        }
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }
}
