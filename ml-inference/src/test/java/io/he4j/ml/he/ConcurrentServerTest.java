package io.he4j.ml.he;

import io.he4j.ckks.PublicContext;
import io.he4j.ml.model.ModelFileTest;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.ProtocolKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One server instance, 8 threads, 8 clients with keys of their own: every reply decrypts (under its own
 * client's key) to the plaintext scores of that client's query, so no query state leaks between threads.
 */
class ConcurrentServerTest {
    private static final int THREADS = 8;

    private static void hammer(TrainedModel model, ProtocolKind expected, int queriesPerThread) throws Exception {
        hammer(model, CompiledModel.compile(model, "m", "1"), expected, queriesPerThread);
    }

    private static void hammer(TrainedModel model, CompiledModel compiled, ProtocolKind expected, int queriesPerThread)
            throws Exception {
        assertEquals(expected, compiled.manifest().single().kind());
        try (ModelServer server = ModelServer.fromBytes(compiled.toBytes())) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Double>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int seed = t;
                    Callable<Double> client = () -> {
                        double worst = 0;
                        try (ModelClient c = ModelClient.create(compiled.manifest())) {
                            Optional<PublicContext> keys = c.keySet().map(PublicContext::fromBytes);
                            SplittableRandom r = new SplittableRandom(seed);
                            for (int q = 0; q < queriesPerThread; q++) {
                                double[] x = {r.nextGaussian() * 2, 10 + r.nextGaussian() * 2, 20 + r.nextGaussian() * 3};
                                double[] enc = c.decryptScores(server.predict(c.encryptQuery(x), keys));
                                double[] plain = model.scores(x);
                                for (int k = 0; k < plain.length; k++) {
                                    worst = Math.max(worst, Math.abs(plain[k] - enc[k]));
                                }
                            }
                            keys.ifPresent(PublicContext::close);
                        }
                        return worst;
                    };
                    results.add(pool.submit(client));
                }
                for (Future<Double> f : results) {
                    double worst = f.get();
                    assertEquals(0, worst, 1e-3, "a client's scores differ from plaintext by " + worst);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void keylessCoefficientServerUnderEightThreads() throws Exception {
        hammer(Trainer.train(ModelFileTest.toyData(), TrainOptions.linear(1)), ProtocolKind.COEFFICIENT, 200);
    }

    @Test
    void keyedSlotServerUnderEightThreadsWithEightKeySets() throws Exception {
        TrainedModel m = Trainer.train(ModelFileTest.toyData(), TrainOptions.mlp(List.of(3, 3), "square", 1)
                .withMaxIterations(30));
        hammer(m, EncryptedErrorsTest.onSlots(m), ProtocolKind.SLOT, 6);
    }

    @Test
    void keylessQuarticFormServerUnderEightThreads() throws Exception {
        hammer(Trainer.train(ModelFileTest.toyData(), TrainOptions.mlp(List.of(3, 3), "square", 1)
                .withMaxIterations(30)), ProtocolKind.QUARTIC_FORM, 20);
    }
}
