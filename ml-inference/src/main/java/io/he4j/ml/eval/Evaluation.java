package io.he4j.ml.eval;

import io.he4j.ml.Progress;
import io.he4j.ml.data.Dataset;
import io.he4j.ckks.PublicContext;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.HeParams;
import io.he4j.ml.he.ModelClient;
import io.he4j.ml.he.ModelServer;
import io.he4j.ml.he.ServerReply;
import io.he4j.ml.metrics.ClassificationMetrics;
import io.he4j.ml.metrics.RegressionMetrics;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.TrainedModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the same model in plaintext and under encryption on a test split and compares: metrics of both,
 * label agreement, max |score difference|, latencies (single mode) or throughput (batch mode). The client
 * ({@link ModelClient}, from the manifest) and the server ({@link ModelServer}, from the compiled model's
 * bytes) share no object: only bytes pass between them, as over a network.
 * Timing here is measurement for reports and benchmarks, never a pass/fail criterion.
 */
public final class Evaluation {
    /** One patient per query, or feature-major batches. */
    public enum Mode { SINGLE, BATCH }

    /**
     * @param minTimedQueries single mode: at least this many timed queries (test rows are cycled)
     * @param warmup          untimed queries / batches first (JIT, caches)
     * @param batchRepeats    batch mode: timed server runs of one full batch
     */
    public record Options(int minTimedQueries, int warmup, int batchRepeats, Progress progress) {
        public static Options defaults() {
            return new Options(300, 30, 5, Progress.none());
        }

        public Options withProgress(Progress p) {
            return new Options(minTimedQueries, warmup, batchRepeats, p);
        }
    }

    private Evaluation() {
    }

    public static EvaluationReport run(TrainedModel m, Dataset test, Mode mode, Options o) {
        m.checkCompatible(test);
        double[][] rows = new double[test.rows()][];
        double[][] plain = new double[test.rows()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = m.imputer().apply(test.x()[i]);
            plain[i] = m.scores(rows[i]);
        }
        double[][] enc = new double[rows.length][];
        Optional<EvaluationReport.SingleTimings> single = Optional.empty();
        Optional<EvaluationReport.BatchTimings> batch = Optional.empty();
        boolean batchMode = mode == Mode.BATCH;
        CompiledModel compiled = CompiledModel.compile(m, test.name(), "evaluation");
        HeParams params = HeParams.of(compiled.manifest().layout(batchMode).preset());
        String description;
        try (ModelServer server = ModelServer.fromBytes(compiled.toBytes());
             ModelClient client = ModelClient.create(compiled.manifest());
             Session session = new Session(client, server, batchMode)) {
            description = server.description(batchMode);
            if (batchMode) {
                batch = Optional.of(timeBatch(session, rows, enc, o));
            } else {
                single = Optional.of(timeSingle(session, rows, enc, o));
            }
        }
        double maxDiff = 0;
        int agree = 0;
        OutputLink link = m.network().output();
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < plain[i].length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(plain[i][k] - enc[i][k]));
            }
            if (m.isClassification() && link.label(plain[i]) == link.label(enc[i])) {
                agree++;
            }
        }
        if (m.isClassification()) {
            double[][] pp = new double[rows.length][];
            double[][] pe = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                pp[i] = link.probabilities(plain[i]);
                pe[i] = link.probabilities(enc[i]);
            }
            return new EvaluationReport(test.name(), m.type().jsonName(), modeName(mode), rows.length,
                    Optional.of(ClassificationMetrics.of(test.labels(), pp)),
                    Optional.of(ClassificationMetrics.of(test.labels(), pe)), Optional.empty(), Optional.empty(),
                    (double) agree / rows.length, maxDiff, params, description, single, batch);
        }
        double[] yp = new double[rows.length];
        double[] ye = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            yp[i] = plain[i][0];
            ye[i] = enc[i][0];
        }
        return new EvaluationReport(test.name(), m.type().jsonName(), modeName(mode), rows.length, Optional.empty(),
                Optional.empty(), Optional.of(RegressionMetrics.of(test.y(), yp)),
                Optional.of(RegressionMetrics.of(test.y(), ye)), Double.NaN, maxDiff, params, description, single,
                batch);
    }

    private static String modeName(Mode mode) {
        return mode == Mode.SINGLE ? "single" : "batch";
    }

    /** A client and a server exchanging bytes; the client's key set registered once, as a service would. */
    private static final class Session implements AutoCloseable {
        final ModelClient client;
        final ModelServer server;
        final Optional<PublicContext> keys;

        Session(ModelClient client, ModelServer server, boolean batch) {
            this.client = client;
            this.server = server;
            this.keys = (batch ? client.batchKeySet() : client.keySet()).map(PublicContext::fromBytes);
        }

        ServerReply evaluate(List<byte[]> query, boolean batch) {
            return server.evaluate(batch, query, keys);
        }

        @Override
        public void close() {
            keys.ifPresent(PublicContext::close);
        }
    }

    private static EvaluationReport.SingleTimings timeSingle(Session p, double[][] rows, double[][] enc, Options o) {
        int n = rows.length;
        for (int i = 0; i < Math.min(o.warmup(), Math.max(n, o.warmup())); i++) {
            p.client.decryptScores(p.evaluate(List.of(p.client.encryptQuery(rows[i % n])), false).parts().getFirst());
        }
        int total = Math.max(n, o.minTimedQueries());
        long[] e2e = new long[total];
        long[] server = new long[total];
        long[] compute = new long[total];
        long[] encT = new long[total];
        long[] decT = new long[total];
        int queryBytes = 0;
        int replyBytes = 0;
        for (int t = 0; t < total; t++) {
            int i = t % n;
            long t0 = System.nanoTime();
            byte[] q = p.client.encryptQuery(rows[i]);
            long t1 = System.nanoTime();
            ServerReply reply = p.evaluate(List.of(q), false);
            byte[] r = reply.parts().getFirst();
            long t2 = System.nanoTime();
            double[] s = p.client.decryptScores(r);
            long t3 = System.nanoTime();
            e2e[t] = t3 - t0;
            server[t] = t2 - t1;
            compute[t] = reply.computeNanos();
            encT[t] = t1 - t0;
            decT[t] = t3 - t2;
            if (t < n) {
                enc[i] = s;
            }
            queryBytes = q.length;
            replyBytes = r.length;
            if ((t & 15) == 0 || t == total - 1) {
                o.progress().update("encrypted queries", t + 1, total);
            }
        }
        return new EvaluationReport.SingleTimings(Latencies.ofNanos(e2e), Latencies.ofNanos(server),
                Latencies.ofNanos(compute), Latencies.ofNanos(encT), Latencies.ofNanos(decT), queryBytes, replyBytes);
    }

    private static EvaluationReport.BatchTimings timeBatch(Session p, double[][] rows, double[][] enc, Options o) {
        int cap = p.client.batchCapacity();
        int n = rows.length;
        // the test rows first (they are what is compared), then cycled to fill the batch for throughput
        double[][] full = new double[Math.max(cap, 1)][];
        for (int i = 0; i < full.length; i++) {
            full[i] = rows[i % n];
        }
        long encNanos = 0;
        long decNanos = 0;
        long upload = 0;
        List<Long> serverNanos = new ArrayList<>();
        List<Long> computeNanos = new ArrayList<>();
        int repeats = Math.max(1, o.batchRepeats());
        int runs = repeats + 1;
        for (int rep = 0; rep < runs; rep++) {
            long t0 = System.nanoTime();
            List<byte[]> q = p.client.encryptBatch(full);
            long t1 = System.nanoTime();
            ServerReply reply = p.evaluate(q, true);
            long t2 = System.nanoTime();
            double[][] s = p.client.decryptBatch(reply.parts(), Math.min(cap, n));
            long t3 = System.nanoTime();
            if (rep > 0) {
                serverNanos.add(t2 - t1);
                computeNanos.add(reply.computeNanos());
            }
            encNanos = t1 - t0;
            decNanos = t3 - t2;
            upload = q.stream().mapToLong(b -> b.length).sum();
            for (int i = 0; i < Math.min(cap, n); i++) {
                enc[i] = s[i];
            }
            o.progress().update("encrypted batches", rep + 1, runs);
        }
        // rows beyond one batch: further batches of real test rows (not timed)
        for (int start = cap; start < n; start += cap) {
            int len = Math.min(cap, n - start);
            double[][] chunk = java.util.Arrays.copyOfRange(rows, start, start + len);
            double[][] s = p.client.decryptBatch(p.evaluate(p.client.encryptBatch(chunk), true).parts(), len);
            System.arraycopy(s, 0, enc, start, len);
        }
        long[] sn = serverNanos.stream().mapToLong(Long::longValue).toArray();
        double serverMs = Latencies.ofNanos(sn).p50();
        double computeMs = Latencies.ofNanos(computeNanos.stream().mapToLong(Long::longValue).toArray()).p50();
        return new EvaluationReport.BatchTimings(cap, serverMs, cap / (serverMs / 1e3), computeMs,
                cap / (computeMs / 1e3), encNanos / 1e6, decNanos / 1e6, upload);
    }
}
