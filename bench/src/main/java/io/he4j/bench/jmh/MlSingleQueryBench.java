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
    /** An {@code MlCase} id; the runner passes {@code MlCase.jmhSingle}. */
    @Param({"cleveland_lr"})
    public String model;

    private MlWorkload w;
    private HeProtocols.SingleQuery protocol;
    private byte[] query;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        w = MlWorkload.load(model);
        protocol = HeProtocols.singleQuery(w.model);
        query = protocol.encryptQuery(w.queries[0]);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        protocol.close();
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
        return protocol.decryptScores(protocol.evaluate(protocol.encryptQuery(nextRow())));
    }

    @Benchmark
    public byte[] encryptedServer() {
        return protocol.evaluate(query);
    }
}
