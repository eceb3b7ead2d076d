package io.he4j.bench.jmh;

import io.he4j.ckks.PublicContext;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelClient;
import io.he4j.ml.he.ModelServer;
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
import java.util.Optional;
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
    @Param({"cleveland_lr", "digits_mlp"})
    public String model;

    @Param({"1", "64", "2048"})
    public int batch;

    private MlWorkload w;
    private ModelServer server;
    private ModelClient client;
    private Optional<PublicContext> keys;
    private double[][] rows;
    private List<byte[]> encrypted;

    @Setup(Level.Trial)
    public void setUp() {
        w = MlWorkload.load(MlWorkload.Case.of(model));
        CompiledModel compiled = CompiledModel.compile(w.model, model, "bench");
        server = ModelServer.create(compiled);
        client = ModelClient.create(compiled.manifest());
        keys = client.batchKeySet().map(PublicContext::fromBytes);
        if (batch > client.batchCapacity()) {
            throw new IllegalArgumentException("batch " + batch + " exceeds the protocol's capacity "
                    + client.batchCapacity());
        }
        rows = new double[batch][];
        for (int i = 0; i < batch; i++) {
            rows[i] = w.queries[i % w.queries.length];
        }
        encrypted = client.encryptBatch(rows);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        keys.ifPresent(PublicContext::close);
        client.close();
        server.close();
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
        return client.decryptBatch(server.predictBatch(client.encryptBatch(rows), keys), batch);
    }

    @Benchmark
    public List<byte[]> encryptedServer() {
        return server.predictBatch(encrypted, keys);
    }

    /** For the runner: the capacity of the case's batch protocol. */
    public static int capacity(MlWorkload w) {
        return CompiledModel.compile(w.model, "capacity", "bench").manifest().batch().capacity();
    }
}
