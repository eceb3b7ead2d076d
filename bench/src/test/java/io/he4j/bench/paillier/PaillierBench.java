package io.he4j.bench.paillier;

import com.n1analytics.paillier.PaillierContext;
import io.he4j.paillier.EncryptedNumber;
import io.he4j.paillier.PaillierKeyPair;
import io.he4j.paillier.ml.EncryptedRow;
import io.he4j.paillier.ml.PaillierLinearModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * he4j-paillier and javallier 0.6.0 side by side, same JVM, same modulus ({@link BenchKeys}), one thread.
 * Sample time: every call is timed; the report takes the median and p99.
 * <ul>
 * <li>he4j encryption: {@code encryptPublic} (public key only, r^n mod n^2), {@code encryptOwner} (the key
 * owner's CRT randomizer, same distribution), {@code encryptOnline} (a precomputed randomizer: the online
 * cost when a {@code RandomizerPool} keeps up; the full cost is encryptOwner/encryptPublic). javallier's
 * {@code encrypt} is not randomized until {@code obfuscate()}: {@code javallierEncrypt} = encrypt + obfuscate,
 * {@code javallierEncryptNoObfuscation} for reference only (deterministic, not semantically secure).</li>
 * <li>{@code lr*}: one 13-feature prediction end to end: client encrypts 13 features (randomized), server
 * multiplies by the 13 weights, adds, adds the bias and re-randomizes the result, client decrypts.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PaillierBench {
    @Param({"2048", "3072"})
    public int bits;

    // he4j
    private PaillierKeyPair keys;
    private EncryptedNumber a;
    private EncryptedNumber b;
    private BigInteger randomizer;
    private List<EncryptedNumber> batch4;
    private List<EncryptedNumber> batch8;
    private PaillierLinearModel model;
    // javallier
    private com.n1analytics.paillier.PaillierPrivateKey jKey;
    private PaillierContext jCtx;
    private com.n1analytics.paillier.EncryptedNumber ja;
    private com.n1analytics.paillier.EncryptedNumber jb;

    private ClevelandLr lr;
    private int next;
    private double value;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        keys = BenchKeys.he4j(bits);
        a = keys.publicKey().encrypt(12.75);
        b = keys.publicKey().encrypt(-3.5);
        randomizer = keys.publicKey().randomizer();
        batch4 = keys.privateKey().encryptAll(new double[]{1.5, -2.5, 3.25, 12.75});
        batch8 = keys.privateKey().encryptAll(new double[]{1, 2, 3, 4, 5, 6, 7, 8});
        jKey = BenchKeys.javallier(bits);
        jCtx = jKey.getPublicKey().createSignedContext();
        ja = jCtx.encrypt(12.75).obfuscate();
        jb = jCtx.encrypt(-3.5).obfuscate();
        lr = new ClevelandLr();
        model = new PaillierLinearModel(lr.model);
        // which GMP each library runs on: javallier loads jnagmp's bundled copy, he4j the system's libgmp
        System.err.println("[paillier-bench] javallier USE_GMP=" + com.n1analytics.paillier.util.BigIntegerUtil.USE_GMP
                + " (jnagmp's GMP " + com.squareup.jnagmp.LibGmp.__gmp_version + "), he4j: "
                + io.he4j.paillier.math.ModExps.best().name());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        keys.close();
    }

    private double nextValue() {
        value = value * 1.0001 + 0.37;
        return value;
    }

    private double[] nextRow() {
        double[] r = lr.queries[next];
        next = (next + 1) % lr.queries.length;
        return r;
    }

    // ---- he4j --------------------------------------------------------------------------------------------

    @Benchmark
    public EncryptedNumber encryptPublic() {
        return keys.publicKey().encrypt(nextValue());
    }

    @Benchmark
    public EncryptedNumber encryptOwner() {
        return keys.privateKey().encrypt(nextValue());
    }

    /** Online cost only: reuses one randomizer (insecure; measures the work left after precomputation). */
    @Benchmark
    public EncryptedNumber encryptOnline() {
        return keys.publicKey().encryptSigned(BigInteger.valueOf((long) nextValue()), 0, randomizer);
    }

    @Benchmark
    public double decrypt() {
        return keys.privateKey().decrypt(a);
    }

    /** Four ciphertexts in one call (8 exponentiations: one pass of the IFMA kernel); time per call of 4. */
    @Benchmark
    public double[] decryptBatch4() {
        return keys.privateKey().decryptAll(batch4);
    }

    /** Four values in one call (the randomizers batched); time per call of 4. */
    @Benchmark
    public List<EncryptedNumber> encryptOwnerBatch4() {
        return keys.privateKey().encryptAll(new double[]{nextValue(), nextValue(), nextValue(), nextValue()});
    }

    /** Eight ciphertexts re-randomized in one call (public-key randomizers r^n mod n^2); time per call of 8. */
    @Benchmark
    public List<EncryptedNumber> rerandomizeBatch8() {
        return EncryptedNumber.rerandomizeAll(batch8);
    }

    @Benchmark
    public EncryptedNumber add() {
        return a.add(b);
    }

    @Benchmark
    public EncryptedNumber multiplyScalar() {
        return a.multiply(-0.0421875);
    }

    @Benchmark
    public EncryptedNumber rerandomize() {
        return a.rerandomize();
    }

    @Benchmark
    public double lrEndToEnd() {
        EncryptedRow row = EncryptedRow.encrypt(nextRow(), keys.privateKey()); // the batched owner's encryption
        EncryptedNumber score = model.scores(keys.publicKey(), row).getFirst().rerandomize();
        return keys.privateKey().decrypt(score);
    }

    // ---- javallier ---------------------------------------------------------------------------------------

    @Benchmark
    public com.n1analytics.paillier.EncryptedNumber javallierEncrypt() {
        return jCtx.encrypt(nextValue()).obfuscate();
    }

    @Benchmark
    public com.n1analytics.paillier.EncryptedNumber javallierEncryptNoObfuscation() {
        return jCtx.encrypt(nextValue());
    }

    @Benchmark
    public double javallierDecrypt() {
        return jKey.decrypt(ja).decodeDouble();
    }

    @Benchmark
    public com.n1analytics.paillier.EncryptedNumber javallierAdd() {
        return ja.add(jb);
    }

    @Benchmark
    public com.n1analytics.paillier.EncryptedNumber javallierMultiplyScalar() {
        return ja.multiply(-0.0421875);
    }

    @Benchmark
    public com.n1analytics.paillier.EncryptedNumber javallierObfuscate() {
        return ja.obfuscate();
    }

    @Benchmark
    public double javallierLrEndToEnd() {
        double[] x = nextRow();
        com.n1analytics.paillier.EncryptedNumber acc = null;
        for (int j = 0; j < x.length; j++) {
            com.n1analytics.paillier.EncryptedNumber xj = jCtx.encrypt(x[j]).obfuscate(); // client
            com.n1analytics.paillier.EncryptedNumber t = xj.multiply(lr.weights[j]); // server
            acc = acc == null ? t : acc.add(t);
        }
        acc = acc.add(lr.bias).obfuscate();
        return jKey.decrypt(acc).decodeDouble(); // client
    }
}
