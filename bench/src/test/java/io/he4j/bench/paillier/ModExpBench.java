package io.he4j.bench.paillier;

import io.he4j.paillier.math.GmpModExp;
import io.he4j.paillier.math.JavaModExp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.he4j.paillier.math.IfmaModExp;
import io.he4j.paillier.math.ModExp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * The modular exponentiations Paillier spends its time in, by engine: BigInteger.modPow (variable-time),
 * GMP mpz_powm (variable-time) and mpz_powm_sec (constant-time) through FFM, the engine's AVX-512 IFMA
 * kernel (constant-time, 8 per pass). Shapes: "decrypt" = exponent of
 * |n|/2 bits modulo p^2 (|n| bits); "encrypt" = exponent n modulo n^2 (the public-key randomizer).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ModExpBench {
    @Param({"2048", "3072"})
    public int bits;

    @Param({"decrypt", "encrypt"})
    public String shape;

    private BigInteger base;
    private BigInteger exp;
    private BigInteger mod;
    private GmpModExp gmp;
    private ModExp ifma;
    private BigInteger[] bases8;
    private BigInteger[] exps8;
    private BigInteger[] mods8;

    @Setup
    public void setUp() {
        SecureRandom r = new SecureRandom();
        BigInteger p = BigInteger.probablePrime(bits / 2, r);
        BigInteger q = BigInteger.probablePrime(bits / 2, r);
        BigInteger n = p.multiply(q);
        if (shape.equals("decrypt")) {
            mod = p.multiply(p);
            exp = p.subtract(BigInteger.ONE);
        } else {
            mod = n.multiply(n);
            exp = n;
        }
        base = new BigInteger(mod.bitLength() - 1, r);
        gmp = GmpModExp.load();
        ifma = IfmaModExp.load(gmp);
        bases8 = new BigInteger[8];
        exps8 = new BigInteger[8];
        mods8 = new BigInteger[8];
        for (int i = 0; i < 8; i++) {
            bases8[i] = new BigInteger(mod.bitLength() - 1, r);
            exps8[i] = exp;
            mods8[i] = mod;
        }
    }

    /** 8 exponentiations in one pass of the AVX-512 IFMA kernel (time per call of 8; a call of 2 costs the same). */
    @Benchmark
    public BigInteger[] ifmaBatch8() {
        return ifma.powSecretAll(bases8, exps8, mods8);
    }

    @Benchmark
    public BigInteger javaModPow() {
        return JavaModExp.INSTANCE.powSecret(base, exp, mod);
    }

    @Benchmark
    public BigInteger gmpPowm() {
        return gmp.powPublic(base, exp, mod);
    }

    @Benchmark
    public BigInteger gmpPowmSec() {
        return gmp.powSecret(base, exp, mod);
    }
}
