package io.he4j.bench.ml;

import io.he4j.ml.Progress;
import io.he4j.ml.eval.Evaluation;
import io.he4j.ml.eval.EvaluationReport;
import io.he4j.ckks.PublicContext;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.HeParams;
import io.he4j.ml.he.ModelClient;
import io.he4j.ml.he.ModelServer;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.data.Dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only class of the benchmarks that touches the encrypted-inference API ({@code io.he4j.ml.he}): the
 * benchmarks see a client-server round trip as the few operations below, so a change of that API is made here.
 */
public final class HeProtocols {
    private HeProtocols() {
    }

    /** One encrypted query per patient: the client's encryption, the server's evaluation, the client's decryption. */
    public interface SingleQuery extends AutoCloseable {
        byte[] encryptQuery(double[] row);

        byte[] evaluate(byte[] query);

        double[] decryptScores(byte[] reply);

        @Override
        void close();
    }

    /** Feature-major batches of up to {@link #capacity()} patients. */
    public interface Batch extends AutoCloseable {
        int capacity();

        List<byte[]> encrypt(double[][] rows);

        List<byte[]> evaluate(List<byte[]> batch);

        double[][] decryptScores(List<byte[]> reply, int rows);

        @Override
        void close();
    }

    /** The client and the server side of a compiled model, the client's key set registered as a service would. */
    private record Pair(ModelServer server, ModelClient client, Optional<PublicContext> keys) {
        static Pair of(TrainedModel m, boolean batch) {
            CompiledModel compiled = CompiledModel.compile(m, "bench", "bench");
            ModelServer server = ModelServer.fromBytes(compiled.toBytes());
            ModelClient client = ModelClient.create(compiled.manifest());
            return new Pair(server, client, (batch ? client.batchKeySet() : client.keySet())
                    .map(PublicContext::fromBytes));
        }

        void close() {
            keys.ifPresent(PublicContext::close);
            client.close();
            server.close();
        }
    }

    public static SingleQuery singleQuery(TrainedModel m) {
        Pair p = Pair.of(m, false);
        return new SingleQuery() {
            @Override
            public byte[] encryptQuery(double[] row) {
                return p.client().encryptQuery(row);
            }

            @Override
            public byte[] evaluate(byte[] query) {
                return p.server().predict(query, p.keys());
            }

            @Override
            public double[] decryptScores(byte[] reply) {
                return p.client().decryptScores(reply);
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }

    public static Batch batch(TrainedModel m) {
        Pair p = Pair.of(m, true);
        return new Batch() {
            @Override
            public int capacity() {
                return p.client().batchCapacity();
            }

            @Override
            public List<byte[]> encrypt(double[][] rows) {
                return p.client().encryptBatch(rows);
            }

            @Override
            public List<byte[]> evaluate(List<byte[]> batch) {
                return p.server().predictBatch(batch, p.keys());
            }

            @Override
            public double[][] decryptScores(List<byte[]> reply, int rows) {
                return p.client().decryptBatch(reply, rows);
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }

    /** One timed round trip: encrypt, the server's evaluation, decrypt. */
    public record Round(long endToEndNanos, long onlineNanos, int queryBytes, int replyBytes, double[] scores) {
    }

    /**
     * One compiled model served twice, with model privacy ({@code ModelServer.create}) and without
     * ({@code ModelServer.withoutModelPrivacy}), for one client whose key set both servers hold.
     */
    public interface PrivacyPair extends AutoCloseable {
        Map<String, Object> parameters();

        /** One single query through the private or the trusted server. */
        Round round(double[] row, boolean privateServer);

        /** Masks the private server has ready for this client. */
        int readyMasks();

        /** Nanoseconds to make one mask (off-line cost), after at least one private round. */
        long maskNanos();

        int keySetBytes();

        @Override
        void close();
    }

    public static PrivacyPair privacyPair(TrainedModel m, String name) {
        CompiledModel compiled = CompiledModel.compile(m, name, "1");
        ModelServer priv = ModelServer.create(compiled);
        ModelServer trusted = ModelServer.withoutModelPrivacy(compiled);
        ModelClient client = ModelClient.create(compiled.manifest());
        byte[] keySet = client.keySet().orElseThrow();
        PublicContext keys = PublicContext.fromBytes(keySet);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("kind", compiled.manifest().single().kind().toString());
        params.put("preset", compiled.manifest().single().preset());
        params.put("privacy", priv.privacyDescription(false));
        return new PrivacyPair() {
            @Override
            public Map<String, Object> parameters() {
                return params;
            }

            @Override
            public Round round(double[] row, boolean privateServer) {
                long t = System.nanoTime();
                byte[] q = client.encryptQuery(row);
                io.he4j.ml.he.ServerReply r = (privateServer ? priv : trusted).evaluate(false, List.of(q),
                        Optional.of(keys));
                double[] scores = client.decryptScores(r.parts());
                return new Round(System.nanoTime() - t, r.computeNanos(), q.length, r.singleReply().length,
                        scores);
            }

            @Override
            public int readyMasks() {
                return priv.readySingleMasks(keys);
            }

            @Override
            public long maskNanos() {
                return priv.singleMaskNanos(keys);
            }

            @Override
            public int keySetBytes() {
                return keySet.length;
            }

            @Override
            public void close() {
                keys.close();
                client.close();
                trusted.close();
                priv.close();
            }
        };
    }

    /** One encrypted query per row, as a client of {@code manifest} makes them (pre-encrypted load). */
    public static Encrypted encryptQueries(io.he4j.protocol.ModelManifest manifest, double[][] rows) {
        try (ModelClient client = ModelClient.create(manifest)) {
            List<byte[]> out = new java.util.ArrayList<>(rows.length);
            for (double[] row : rows) {
                out.add(client.encryptQuery(row));
            }
            return new Encrypted(client.keySet(), out);
        }
    }

    /** Request bodies encrypted under one client's keys, and that client's key set (if the protocol needs one). */
    public record Encrypted(java.util.Optional<byte[]> keySet, List<byte[]> bodies) {
    }

    /** {@code copies} BATCH_QUERY envelopes of the rows (at most the batch capacity), each encrypted afresh. */
    public static Encrypted encryptBatches(io.he4j.protocol.ModelManifest manifest, double[][] rows, int copies) {
        try (ModelClient client = ModelClient.create(manifest)) {
            List<byte[]> out = new java.util.ArrayList<>(copies);
            for (int i = 0; i < copies; i++) {
                out.add(new io.he4j.protocol.Envelope(io.he4j.protocol.MessageKind.BATCH_QUERY,
                        client.encryptBatch(rows)).toBytes());
            }
            return new Encrypted(client.batchKeySet(), out);
        }
    }

    /** A model compiled for deployment: the server side's bytes (weights, no key) and its public manifest. */
    public record Deployable(byte[] serverBytes, io.he4j.protocol.ModelManifest manifest) {
    }

    public static Deployable compile(TrainedModel m, String id, String version) {
        CompiledModel c = CompiledModel.compile(m, id, version);
        return new Deployable(c.toBytes(), c.manifest());
    }

    /** One timed pass: wall-clock seconds and the CPU seconds of the whole process (every thread) meanwhile. */
    public record Pass(double seconds, double cpuSeconds) {
    }

    /**
     * The single-machine batch path: one thread scoring every BATCH_QUERY envelope with the model's server side
     * built for batch jobs (masks made on that thread, nothing beside it), {@code passes} times.
     */
    public static Pass[] batchPasses(byte[] serverBytes, Optional<byte[]> keySet, List<byte[]> envelopes,
                                     int passes) {
        return batchPasses(serverBytes, keySet, envelopes, passes, 1);
    }

    /** How long {@link #batchPasses} runs the batches untimed first. */
    private static final long WARM_UP_NANOS = 10_000_000_000L;

    /**
     * The same on {@code threads} threads sharing one server side, each scoring an equal share of the envelopes:
     * what the machine's cores give the batch path, without Spark. The workers are one fixed pool, warmed up and
     * timed on the same threads (a fresh thread per pass starts with cold native allocator state).
     */
    public static Pass[] batchPasses(byte[] serverBytes, Optional<byte[]> keySet, List<byte[]> envelopes,
                                     int passes, int threads) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try (ModelServer server = ModelServer.forBatchJobs(CompiledModel.fromBytes(serverBytes))) {
            Optional<PublicContext> keys = keySet.map(PublicContext::fromBytes);
            // this path takes seconds to reach its pace (measured: Cleveland LR 0.5 -> 2.8 M/s over ~3 s); a
            // short first pass would flatter whatever is compared to it
            long warmUntil = System.nanoTime() + WARM_UP_NANOS;
            do {
                pass(pool, threads, server, keys, envelopes);
            } while (System.nanoTime() < warmUntil);
            Pass[] out = new Pass[passes];
            for (int r = 0; r < passes; r++) {
                long cpu0 = ProcessCpu.nanos();
                long t0 = System.nanoTime();
                pass(pool, threads, server, keys, envelopes);
                out[r] = new Pass((System.nanoTime() - t0) / 1e9, (ProcessCpu.nanos() - cpu0) / 1e9);
            }
            keys.ifPresent(PublicContext::close);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A batch job's scorer: a stored BATCH_QUERY envelope in, the BATCH_REPLY envelope the service sends out. */
    public interface BatchJobScorer extends AutoCloseable {
        byte[] score(byte[] batchQuery);

        @Override
        void close();
    }

    /**
     * The server side a batch job builds ({@code ModelServer.forBatchJobs}: masks made on the scoring thread), as
     * the record store's and the Spark job's scorer use it; thread-safe, as the server side is.
     */
    public static BatchJobScorer batchJobScorer(byte[] serverBytes, Optional<byte[]> keySet) {
        ModelServer server = ModelServer.forBatchJobs(CompiledModel.fromBytes(serverBytes));
        Optional<PublicContext> keys = keySet.map(PublicContext::fromBytes);
        return new BatchJobScorer() {
            @Override
            public byte[] score(byte[] batchQuery) {
                return server.predictBatch(batchQuery, keys);
            }

            @Override
            public void close() {
                keys.ifPresent(PublicContext::close);
                server.close();
            }
        };
    }

    /** Every envelope scored once, split in equal shares over the pool's threads. */
    private static void pass(java.util.concurrent.ExecutorService pool, int threads, ModelServer server,
                             Optional<PublicContext> keys, List<byte[]> envelopes) {
        List<java.util.concurrent.Future<?>> shares = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<byte[]> share = envelopes.subList(t * envelopes.size() / threads,
                    (t + 1) * envelopes.size() / threads);
            shares.add(pool.submit(() -> {
                for (byte[] q : share) {
                    server.predictBatch(q, keys);
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : shares) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Plaintext vs encrypted on the test split, timed (the ML module's evaluation). */
    public static EvaluationReport evaluate(TrainedModel m, Dataset test, boolean batch, int timedQueries) {
        return Evaluation.run(m, test, batch ? Evaluation.Mode.BATCH : Evaluation.Mode.SINGLE,
                new Evaluation.Options(timedQueries, 30, 5, Progress.none()));
    }

    /** The CKKS parameters an evaluation ran with, as figure parameters ({@code he_preset}, {@code he_N}, ...). */
    public static Map<String, Object> parameters(EvaluationReport r) {
        HeParams p = r.params();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("he_preset", p.preset());
        out.put("he_N", p.polyDegree());
        out.put("he_primes", p.dataPrimeBits().toString());
        out.put("he_special_primes", p.specialPrimeBits().toString());
        out.put("he_security_bits", p.securityBits());
        return out;
    }
}
