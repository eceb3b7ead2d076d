package io.he4j.bench.jmh;

import io.he4j.bench.ml.HeProtocols;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many patients per request (feature-major SIMD batch): time per batch of {@code batch} patients for the
 * plaintext model, the encrypted round trip, and the server alone. Batches larger than the protocol's
 * capacity are refused (the suite picks sizes up to the smallest capacity). Sample time: the figure is the
 * median call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MlBatchBench {
    /** An {@code MlCase} id; the runner passes {@code MlCase.jmhBatch}. */
    @Param({"cleveland_lr"})
    public String model;

    @Param({"1", "64", "2048"})
    public int batch;

    private MlWorkload w;
    private HeProtocols.Batch protocol;
    private double[][] rows;
    private List<byte[]> encrypted;

    @Setup(Level.Trial)
    public void setUp() {
        w = MlWorkload.load(model);
        protocol = HeProtocols.batch(w.model);
        if (batch > protocol.capacity()) {
            throw new IllegalArgumentException("batch " + batch + " exceeds the protocol's capacity "
                    + protocol.capacity());
        }
        rows = new double[batch][];
        for (int i = 0; i < batch; i++) {
            rows[i] = w.queries[i % w.queries.length];
        }
        encrypted = protocol.encrypt(rows);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        protocol.close();
    }

    @Benchmark
    public double plaintext() {
        double s = 0;
        for (double[] r : rows) {
            s += w.model.scores(r)[0];
        }
        return s;
    }

    @Benchmark
    public double[][] encryptedEndToEnd() {
        return protocol.decryptScores(protocol.evaluate(protocol.encrypt(rows)), batch);
    }

    @Benchmark
    public List<byte[]> encryptedServer() {
        return protocol.evaluate(encrypted);
    }

}
