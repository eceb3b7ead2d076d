package io.he4j.ckks;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Untrusted bytes: random, truncated, bit-flipped, and other-parameter arrays give MalformedInputException,
 * never a crash, a hang or another exception type. A flip inside a coefficient can leave a valid object
 * (nothing authenticates the payload), so payload flips must either load or throw MalformedInputException;
 * flips in the 24-byte header must always be refused.
 */
class MalformedInputTest {
    private static final int HEADER = 24;
    private static CkksContext ctx;
    private static CkksContext other;
    private static final List<AutoCloseable> OPEN = new ArrayList<>();

    record Kind(String name, byte[] valid, byte[] foreign, Function<byte[], AutoCloseable> load) {
    }

    private static List<Kind> kinds;

    @BeforeAll
    static void setUp() {
        ctx = Fixture.context();
        other = CkksContext.create(CkksParameters.builder().logPolyDegree(12).dataPrimeBits(50, 40)
                .specialPrimeBits(50).defaultScale(Math.scalb(1.0, 40)).allowInsecure().build());
        OPEN.add(other);
        kinds = List.of(
                kind("Ciphertext", c -> new Encryptor(c, keys(c).pk).encrypt(new Encoder(c).encode(new double[] {1})).toBytes(),
                        b -> Ciphertext.fromBytes(ctx, b)),
                kind("seeded Ciphertext", c -> new SymmetricEncryptor(c, keys(c).sk).encrypt(new Encoder(c).encode(new double[] {1})).toBytes(),
                        b -> Ciphertext.fromBytes(ctx, b)),
                kind("Plaintext", c -> new Encoder(c).encode(new double[] {1}).toBytes(), b -> Plaintext.fromBytes(ctx, b)),
                kind("PublicKey", c -> keys(c).pk.toBytes(), b -> PublicKey.fromBytes(ctx, b)),
                kind("RelinKey", c -> new KeyGenerator(c).relinKey(keys(c).sk).toBytes(), b -> RelinKey.fromBytes(ctx, b)),
                kind("GaloisKeys", c -> new KeyGenerator(c).galoisKeys(keys(c).sk, 1).toBytes(), b -> GaloisKeys.fromBytes(ctx, b)),
                kind("SecretKey", c -> keys(c).sk.toBytes(SecretKeyAccess.insecureExport()),
                        b -> SecretKey.fromBytes(ctx, b, SecretKeyAccess.insecureExport())),
                kind("CkksContext", CkksContext::toBytes, b -> CkksContext.fromBytes(b, true)),
                kind("PublicContext", c -> PublicContext.of(c, keys(c).pk).toBytes(), b -> PublicContext.fromBytes(b, true)));
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (AutoCloseable c : OPEN) {
            c.close();
        }
    }

    private record Keys(SecretKey sk, PublicKey pk) {
    }

    private static final java.util.Map<CkksContext, Keys> KEYS = new java.util.HashMap<>();

    private static Keys keys(CkksContext c) {
        return KEYS.computeIfAbsent(c, x -> {
            SecretKey sk = new KeyGenerator(x).secretKey();
            return new Keys(sk, new KeyGenerator(x).publicKey(sk));
        });
    }

    private static Kind kind(String name, Function<CkksContext, byte[]> save, Function<byte[], AutoCloseable> load) {
        return new Kind(name, save.apply(ctx), save.apply(other), load);
    }

    @TestFactory
    Stream<DynamicTest> everyKind() {
        return kinds.stream().map(k -> DynamicTest.dynamicTest(k.name, () -> check(k)));
    }

    private static void check(Kind k) throws Exception {
        // The valid bytes load.
        k.load.apply(k.valid).close();
        Random rnd = new Random(k.name.hashCode());
        // Random arrays, including ones that start with a plausible header.
        for (int i = 0; i < 40; i++) {
            byte[] b = new byte[i < 20 ? rnd.nextInt(64) : rnd.nextInt(k.valid.length + 64)];
            rnd.nextBytes(b);
            if (i % 2 == 1 && b.length >= HEADER) {
                System.arraycopy(k.valid, 0, b, 0, HEADER);
            }
            refused(k, b, "random bytes #" + i);
        }
        // Truncations: every length through the header, then a sample.
        for (int len = 0; len <= Math.min(HEADER + 16, k.valid.length - 1); len++) {
            refused(k, Arrays.copyOf(k.valid, len), "truncated to " + len);
        }
        for (int i = 0; i < 30; i++) {
            int len = rnd.nextInt(k.valid.length);
            refused(k, Arrays.copyOf(k.valid, len), "truncated to " + len);
        }
        refused(k, Arrays.copyOf(k.valid, k.valid.length + 1), "one byte appended");
        // Bit flips: every header bit must be refused; payload flips load or are refused.
        int headerBits = k.name.equals("PublicContext") ? 16 * 8 : HEADER * 8;
        for (int bit = 0; bit < Math.min(headerBits, k.valid.length * 8); bit++) {
            refused(k, flip(k.valid, bit), "header bit " + bit + " flipped");
        }
        for (int i = 0; i < 60; i++) {
            int bit = headerBits + rnd.nextInt(k.valid.length * 8 - headerBits);
            loadsOrRefused(k, flip(k.valid, bit), "bit " + bit + " flipped");
        }
        // The same kind of object for other parameters.
        refused(k, k.foreign, "bytes for other parameters");
    }

    private static byte[] flip(byte[] b, int bit) {
        byte[] c = b.clone();
        c[bit / 8] ^= (byte) (1 << (bit % 8));
        return c;
    }

    private static void refused(Kind k, byte[] bytes, String what) {
        if ((k.name.equals("CkksContext") || k.name.equals("PublicContext")) && Arrays.equals(bytes, k.foreign)) {
            // Self-contained: other parameters are valid parameters (objects of the two then refuse to mix).
            try (AutoCloseable c = k.load.apply(bytes)) {
                return;
            } catch (Exception e) {
                fail(e);
            }
        }
        assertThrows(MalformedInputException.class, () -> k.load.apply(bytes).close(), k.name + ": " + what);
    }

    private static void loadsOrRefused(Kind k, byte[] bytes, String what) {
        try {
            k.load.apply(bytes).close();
        } catch (MalformedInputException expected) {
            // refused: fine
        } catch (Throwable t) {
            throw new AssertionError(k.name + ": " + what + " gave " + t, t);
        }
    }
}
