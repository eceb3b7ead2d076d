package io.he4j.bench.jmh;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.GaloisKeys;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.RelinKey;
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
 * CKKS primitives through the Java API, one method per {@link CkksOp} (the same operations, presets and
 * operands as {@code ckks_<op>/<preset>} in he4j_native_bench), outputs into preallocated objects so that
 * what is timed is the downcall and the native work. Java-over-native overhead = this vs the native figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CkksPrimitivesBench {
    @Param({"P8K", "P16K"})
    public String preset;

    private CkksSession s;
    private Plaintext ptOut;
    private Ciphertext ctOut;
    private Ciphertext product;
    private Ciphertext[] hoistedOut;
    private double[] decoded;

    @Setup(Level.Trial)
    public void setUp() {
        s = new CkksSession(preset);
        ptOut = new Plaintext(s.context);
        ctOut = new Ciphertext(s.context);
        product = s.evaluator.mulRelin(s.a, s.b);
        hoistedOut = new Ciphertext[CkksSession.HOISTED_STEPS.length];
        for (int i = 0; i < hoistedOut.length; i++) {
            hoistedOut[i] = new Ciphertext(s.context);
        }
        decoded = new double[s.context.slotCount()];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Ciphertext c : hoistedOut) {
            c.close();
        }
        product.close();
        ctOut.close();
        ptOut.close();
        s.close();
    }

    @Benchmark
    public Plaintext encode() {
        return s.encoder.encode(s.values, s.context.defaultScale(), io.he4j.ckks.Encoder.TOP_LEVEL, ptOut);
    }

    @Benchmark
    public Ciphertext encryptPk() {
        return s.encryptor.encrypt(s.plain, ctOut);
    }

    @Benchmark
    public Ciphertext encryptSk() {
        return s.symmetricEncryptor.encrypt(s.plain, ctOut);
    }

    @Benchmark
    public Plaintext decrypt() {
        return s.decryptor.decrypt(s.a, ptOut);
    }

    @Benchmark
    public double[] decode() {
        return s.encoder.decode(s.plain, decoded);
    }

    @Benchmark
    public Ciphertext add() {
        return s.evaluator.add(s.a, s.b, ctOut);
    }

    @Benchmark
    public Ciphertext multiplyPlain() {
        return s.evaluator.mulPlain(s.a, s.plain, ctOut);
    }

    @Benchmark
    public Ciphertext multiplyRelin() {
        return s.evaluator.mulRelin(s.a, s.b, ctOut);
    }

    @Benchmark
    public Ciphertext rescale() {
        return s.evaluator.rescale(product, ctOut);
    }

    @Benchmark
    public Ciphertext rotate1() {
        return s.evaluator.rotate(s.a, 1, ctOut);
    }

    @Benchmark
    public Ciphertext[] rotateHoisted8() {
        return s.evaluator.rotateHoisted(s.a, CkksSession.HOISTED_STEPS, hoistedOut);
    }

    @Benchmark
    public long relinKeygen() {
        try (RelinKey k = s.keyGenerator.relinKey(s.secretKey)) {
            return k.hashCode();
        }
    }

    @Benchmark
    public long galoisKeygen1step() {
        try (GaloisKeys k = s.keyGenerator.galoisKeys(s.secretKey, 1)) {
            return k.hashCode();
        }
    }
}
