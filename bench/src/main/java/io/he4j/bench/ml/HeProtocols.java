package io.he4j.bench.ml;

import io.he4j.ml.Progress;
import io.he4j.ml.eval.Evaluation;
import io.he4j.ml.eval.EvaluationReport;
import io.he4j.ml.he.BatchProtocol;
import io.he4j.ml.he.HeCompiler;
import io.he4j.ml.he.HeParams;
import io.he4j.ml.he.SingleQueryProtocol;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.data.Dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public static SingleQuery singleQuery(TrainedModel m) {
        SingleQueryProtocol p = HeCompiler.singleQuery(m);
        return new SingleQuery() {
            @Override
            public byte[] encryptQuery(double[] row) {
                return p.encryptQuery(row);
            }

            @Override
            public byte[] evaluate(byte[] query) {
                return p.evaluate(query);
            }

            @Override
            public double[] decryptScores(byte[] reply) {
                return p.decryptScores(reply);
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }

    public static Batch batch(TrainedModel m) {
        BatchProtocol p = HeCompiler.batch(m);
        return new Batch() {
            @Override
            public int capacity() {
                return p.capacity();
            }

            @Override
            public List<byte[]> encrypt(double[][] rows) {
                return p.encryptBatch(rows);
            }

            @Override
            public List<byte[]> evaluate(List<byte[]> batch) {
                return p.evaluate(batch);
            }

            @Override
            public double[][] decryptScores(List<byte[]> reply, int rows) {
                return p.decryptScores(reply, rows);
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }

    /** Plaintext vs encrypted on the test split, timed (the ML module's evaluation). */
    public static EvaluationReport evaluate(TrainedModel m, Dataset test, boolean batch, int timedQueries) {
        return Evaluation.run(m, test, batch ? HeCompiler.Mode.BATCH : HeCompiler.Mode.SINGLE,
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
