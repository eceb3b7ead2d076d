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

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One patient per request, one thread: plaintext prediction, encrypted end to end (client encrypt +
 * serialize, server evaluate on bytes, client decrypt), and the server's part alone. Queries cycle through
 * the test split. Sample time: every call is timed, the figure is the median call (robust to the
 * preemptions of a shared machine, like evaluate's p50).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MlSingleQueryBench {
    @Param({"cleveland_lr", "cleveland_mlp", "digits_mlp"})
    public String model;

    private MlWorkload w;
    private ModelServer server;
    private ModelClient client;
    private Optional<PublicContext> keys;
    private byte[] query;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        w = MlWorkload.load(MlWorkload.Case.of(model));
        CompiledModel compiled = CompiledModel.compile(w.model, model, "bench");
        server = ModelServer.create(compiled);
        client = ModelClient.create(compiled.manifest());
        keys = client.keySet().map(PublicContext::fromBytes);
        query = client.encryptQuery(w.queries[0]);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        keys.ifPresent(PublicContext::close);
        client.close();
        server.close();
    }

    private double[] nextRow() {
        double[] r = w.queries[next];
        next = (next + 1) % w.queries.length;
        return r;
    }

    @Benchmark
    public double[] plaintext() {
        return w.model.scores(nextRow());
    }

    @Benchmark
    public double[] encryptedEndToEnd() {
        return client.decryptScores(server.predict(client.encryptQuery(nextRow()), keys));
    }

    @Benchmark
    public byte[] encryptedServer() {
        return server.predict(query, keys);
    }
}
