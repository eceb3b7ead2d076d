package io.he4j.bench.jmh;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.Plaintext;
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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * CKKS primitives through the Java API, one method per {@link CkksOp}: the calls of {@link CkksWorkload}
 * (the same operations, presets and in/out shapes as {@code ckks_<op>/<preset>} in he4j_native_bench).
 * The Java overhead itself is measured paired, in one process, by {@link CkksOverheadProbe}; comparing this
 * suite with the native one crosses processes and only serves as a reference.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CkksPrimitivesBench {
    @Param({"P8K", "P16K"})
    public String preset;

    private CkksWorkload w;

    /** JMH's time-bounded warmup leaves the glue of a slow op uncompiled; {@link JitWarmup} compiles it first. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Throwable {
        String benchmark = params.getBenchmark();
        Optional<CkksOp> op = CkksOp.ofJavaMethod(benchmark.substring(benchmark.lastIndexOf('.') + 1));
        if (op.isPresent()) {
            JitWarmup.run(List.of(op.get()), false);
        }
        w = new CkksWorkload(preset);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        w.close();
    }

    @Benchmark
    public Plaintext encode() {
        return w.encode();
    }

    @Benchmark
    public Ciphertext encryptPk() {
        return w.encryptPk();
    }

    @Benchmark
    public Ciphertext encryptSk() {
        return w.encryptSk();
    }

    @Benchmark
    public Plaintext decrypt() {
        return w.decrypt();
    }

    @Benchmark
    public double[] decode() {
        return w.decode();
    }

    @Benchmark
    public Ciphertext add() {
        return w.add();
    }

    @Benchmark
    public Ciphertext multiplyPlain() {
        return w.multiplyPlain();
    }

    @Benchmark
    public Ciphertext multiplyRelin() {
        return w.multiplyRelin();
    }

    @Benchmark
    public Ciphertext rescale() {
        return w.rescale();
    }

    @Benchmark
    public Ciphertext rotate1() {
        return w.rotate1();
    }

    @Benchmark
    public Ciphertext[] rotateHoisted8() {
        return w.rotateHoisted8();
    }

    @Benchmark
    public int relinKeygen() {
        return w.relinKeygen();
    }

    @Benchmark
    public int galoisKeygen1step() {
        return w.galoisKeygen1step();
    }
}
