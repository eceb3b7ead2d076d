package io.he4j.bench.paillier;

import io.he4j.paillier.PaillierKeyPair;
import io.he4j.paillier.PaillierKeySize;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Key generation (random primes: high variance, so many single shots; the report takes the median). */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PaillierKeygenBench {
    @Param({"2048", "3072"})
    public int bits;

    @Benchmark
    public PaillierKeyPair keygen() {
        return PaillierKeyPair.generate(PaillierKeySize.ofBits(bits));
    }

    @Benchmark
    public com.n1analytics.paillier.PaillierPrivateKey javallierKeygen() {
        return com.n1analytics.paillier.PaillierPrivateKey.create(bits);
    }
}
