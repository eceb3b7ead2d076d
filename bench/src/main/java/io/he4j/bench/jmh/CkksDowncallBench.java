package io.he4j.bench.jmh;

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
 * The bare-downcall twin of {@link CkksPrimitivesBench} ({@link CkksDowncalls} on a {@link CkksWorkload}),
 * for focused JMH runs: {@code op} names a {@link CkksOp} method ({@code multiplyPlain}, ...), plus the empty
 * downcall. JMH forks per benchmark, so API vs bare across these two classes still crosses processes;
 * {@link CkksOverheadProbe} pairs them in one. Not part of {@code ./he4j bench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CkksDowncallBench {
    @Param({"P8K", "P16K"})
    public String preset;

    @Param({"add", "multiplyPlain"})
    public String op;

    private CkksWorkload w;
    private CkksDowncalls d;
    private CkksWorkload.Call bare;

    @Setup(Level.Trial)
    public void setUp() {
        w = new CkksWorkload(preset);
        d = new CkksDowncalls(w);
        bare = d.bare(CkksOp.ofJavaMethod(op).orElseThrow(() -> new IllegalArgumentException("unknown op " + op)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        d.close();
        w.close();
    }

    @Benchmark
    public void bareDowncall() throws Throwable {
        bare.run();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int emptyDowncall() throws Throwable {
        return CkksDowncalls.emptyDowncall();
    }
}
