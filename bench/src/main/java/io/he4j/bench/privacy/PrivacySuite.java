package io.he4j.bench.privacy;

import io.he4j.bench.BenchContext;
import io.he4j.bench.SuiteResult;
import io.he4j.bench.ml.HeProtocols;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;
import io.he4j.bench.model.SuiteRun;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Model privacy's cost, side by side in one run: the same compiled model served with model privacy (replies
 * re-randomized and flooded, masks from the background pool) and without ({@link HeProtocols#privacyPair}).
 * Per model: end to end in process (encrypt, serialize, server, decrypt), the server's online compute, the
 * off-line mask (encryption of zero + flood encodings; full cost = online + mask), reply and query bytes.
 * Models: Cleveland logistic regression (coefficient kind) and the heart-disease 13-8-1 MLP (quadratic form).
 */
public final class PrivacySuite {
    public static final String SUITE = "privacy";

    private PrivacySuite() {
    }

    public static SuiteResult run(BenchContext ctx) {
        long t0 = System.nanoTime();
        String command = "./he4j bench --only privacy";
        try {
            Path data = ctx.dataDir().orElseThrow(() -> new IllegalStateException("datasets not found (../shared/data)"));
            Split s = Splits.trainTest(Datasets.heartDisease(data, Datasets.Institution.CLEVELAND,
                    MissingValues.Policy.DROP_ROWS), 0.25, 42);
            int n = ctx.quick() ? 300 : 3000;
            List<Figure> figures = new ArrayList<>();
            figures.addAll(measure("cleveland_lr", Trainer.train(s.train(), TrainOptions.linear(1)), s.test(), n,
                    command));
            figures.addAll(measure("heart_mlp_13_8_1", Trainer.train(s.train(), TrainOptions.mlp(List.of(8), "gelu", 5)
                    .withL2(0.05)), s.test(), n, command));
            return new SuiteResult(new SuiteRun(SUITE, SuiteRun.Status.RAN, "model privacy on vs off: Cleveland LR, "
                    + "heart-disease MLP", (System.nanoTime() - t0) / 1e9, command), figures);
        } catch (RuntimeException e) {
            return SuiteResult.failed(SUITE, e.toString(), (System.nanoTime() - t0) / 1e9, command);
        }
    }

    private static List<Figure> measure(String name, TrainedModel m, Dataset test, int n, String command) {
        List<Figure> out = new ArrayList<>();
        try (HeProtocols.PrivacyPair pair = HeProtocols.privacyPair(m, name)) {
            Map<String, Object> params = pair.parameters();
            // private: a mask is ready when the query arrives (the pool keeps up: the server has spare capacity);
            // trusted: the same pacing (a pause before each query), no masks; private_saturated: queries back to
            // back, faster than one background thread makes masks
            record Mode(String name, boolean privateServer, boolean paced) {
            }
            for (Mode mode : List.of(new Mode("private", true, true), new Mode("trusted", false, true),
                    new Mode("private_saturated", true, false), new Mode("trusted_back_to_back", false, false))) {
                long[] e2e = new long[n];
                long[] online = new long[n];
                int replyBytes = 0;
                int queryBytes = 0;
                for (int i = -n / 5; i < n; i++) {   // the first fifth warms up (JIT, mask pool)
                    double[] x = m.imputer().apply(test.x()[Math.floorMod(i, test.rows())]);
                    if (mode.paced()) {
                        awaitMask(pair, mode.privateServer());
                    }
                    HeProtocols.Round r = pair.round(x, mode.privateServer());
                    if (i >= 0) {
                        e2e[i] = r.endToEndNanos();
                        online[i] = r.onlineNanos();
                        replyBytes = r.replyBytes();
                        queryBytes = r.queryBytes();
                    }
                    if (!(Math.abs(r.scores()[0] - m.scores(x)[0]) < 1e-3)) {
                        throw new IllegalStateException(name + ": encrypted score " + r.scores()[0] + " vs plaintext "
                                + m.scores(x)[0]);
                    }
                }
                out.add(timing(name + "/" + mode.name() + "/end_to_end", e2e, params, command));
                out.add(timing(name + "/" + mode.name() + "/server_online", online, params, command));
                out.add(exact(name + "/" + mode.name() + "/reply_bytes", "bytes", replyBytes, params, command));
                out.add(exact(name + "/" + mode.name() + "/query_bytes", "bytes", queryBytes, params, command));
            }
            long[] mask = new long[Math.max(20, n / 10)];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = pair.maskNanos();
            }
            out.add(timing(name + "/private/mask_offline", mask, params, command));
            out.add(exact(name + "/key_set_bytes", "bytes", pair.keySetBytes(), params, command));
        }
        return out;
    }

    /**
     * Waits (outside any timing) until the server's background thread has masks ready for these keys and has
     * stopped making more (the count holds for 1 ms), so the measured query does not share the CPU with it.
     */
    private static void awaitMask(HeProtocols.PrivacyPair pair, boolean privateServer) {
        if (!privateServer) {
            pause();
            return;
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        int last = -1;
        while (System.nanoTime() < deadline) {
            int now = pair.readyMasks();
            if (now > 0 && now == last) {
                return;
            }
            last = now;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Figure timing(String name, long[] nanos, Map<String, Object> params, String command) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double[] us = Arrays.stream(s).mapToDouble(v -> v / 1e3).toArray();
        int k = us.length;
        return new Figure(Figure.idOf(SUITE, name, "he4j"), SUITE, name, "us", us[k / 2],
                new Spread(us[0], us[k - 1], us[k / 4], us[(3 * k) / 4], k), params, "he4j", "n/a", command);
    }

    private static Figure exact(String name, String unit, double value, Map<String, Object> params, String command) {
        return new Figure(Figure.idOf(SUITE, name, "he4j"), SUITE, name, unit, value, Spread.exact(value), params,
                "he4j", "n/a", command);
    }
}
