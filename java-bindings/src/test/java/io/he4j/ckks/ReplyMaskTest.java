package io.he4j.ckks;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused reply mask ({@link Encryptor#encryptZeroFlooded}) through the Java API at P4K-IFMA: decrypted, it is
 * the public-key noise everywhere but at the flooded positions, which spread over [-2^b, 2^b); masks are fresh;
 * bad arguments are refused. On the SEAL backend it must report itself unsupported.
 */
class ReplyMaskTest {
    private static final boolean SEAL = BackendUnderTest.NAME.equals("seal");

    private static CkksContext ctx;
    private static SecretKey sk;
    private static PublicKey pk;
    private static double noise;

    @BeforeAll
    static void setUp() {
        ctx = CkksContext.create("P4K-IFMA");
        KeyGenerator kg = new KeyGenerator(ctx);
        sk = kg.secretKey();
        pk = kg.publicKey(sk);
        noise = 21.0 * (2.0 * ctx.polyDegree() + 1);   // CBD(21) errors, ternary u and s
    }

    @AfterAll
    static void tearDown() {
        pk.close();
        sk.close();
        ctx.close();
    }

    private static double[] decrypt(Ciphertext mask) {
        try (Plaintext pt = new Decryptor(ctx, sk).decrypt(mask)) {
            return new Encoder(ctx).decodeCoefficients(pt, new double[ctx.polyDegree()]);
        }
    }

    @Test
    void floodsOnlyThePositions() {
        Encryptor enc = new Encryptor(ctx, pk);
        int[] positions = {3, 100};
        int bits = 40;
        double width = Math.scalb(1.0, bits);
        double widest = 0;
        try (Ciphertext mask = new Ciphertext(ctx)) {
            if (SEAL) {
                assertThrows(UnsupportedByBackendException.class,
                        () -> enc.encryptZeroFlooded(1, 1.0, positions, bits, mask));
                return;
            }
            for (int rep = 0; rep < 50; rep++) {
                enc.encryptZeroFlooded(1, 1.0, positions, bits, mask);
                assertEquals(1, mask.level());
                double[] v = decrypt(mask);
                for (int k = 0; k < v.length; k++) {
                    boolean flooded = k == 3 || k == 100;
                    assertTrue(Math.abs(v[k]) <= (flooded ? width + noise : noise), "coefficient " + k + ": " + v[k]);
                    if (flooded) {
                        widest = Math.max(widest, Math.abs(v[k]));
                    }
                }
            }
        }
        assertTrue(widest > 0.9 * width, "100 uniform values on [-2^40, 2^40) reach 0.9 * 2^40: " + widest);
    }

    @Test
    void everywhereAndFresh() {
        if (SEAL) {
            return;   // floodsOnlyThePositions checked the refusal
        }
        Encryptor enc = new Encryptor(ctx, pk);
        try (Ciphertext a = new Ciphertext(ctx); Ciphertext b = new Ciphertext(ctx)) {
            enc.encryptZeroFloodedEverywhere(0, 1.0, 20, a);
            enc.encryptZeroFloodedEverywhere(0, 1.0, 20, b);
            double[] va = decrypt(a);
            double[] vb = decrypt(b);
            int wide = 0;
            for (int k = 0; k < va.length; k++) {
                assertTrue(Math.abs(va[k]) <= Math.scalb(1.0, 20) + noise);
                wide += Math.abs(va[k]) > Math.scalb(1.0, 19) ? 1 : 0;
            }
            assertTrue(wide > va.length / 3, "every coefficient flooded: " + wide + " beyond 2^19");
            assertFalse(java.util.Arrays.equals(va, vb), "two masks are independent");
        }
    }

    @Test
    void refusesBadArguments() {
        if (SEAL) {
            return;
        }
        Encryptor enc = new Encryptor(ctx, pk);
        try (Ciphertext out = new Ciphertext(ctx)) {
            assertThrows(InvalidArgumentException.class, () -> enc.encryptZeroFlooded(1, 1.0, new int[]{-1}, 10, out));
            assertThrows(InvalidArgumentException.class, () -> enc.encryptZeroFlooded(1, 1.0, new int[]{4, 4}, 10, out));
            assertThrows(InvalidArgumentException.class, () -> enc.encryptZeroFlooded(1, 1.0, new int[]{1 << 12}, 10, out));
            assertThrows(InvalidArgumentException.class, () -> enc.encryptZeroFlooded(1, 1.0, new int[0], 10, out));
            assertThrows(InvalidArgumentException.class, () -> enc.encryptZeroFlooded(1, 1.0, new int[]{0}, -1, out));
            assertThrows(InvalidArgumentException.class,
                    () -> enc.encryptZeroFlooded(1, 1.0, new int[]{0}, Encryptor.MAX_FLOOD_BITS + 1, out));
            assertThrows(InvalidArgumentException.class, () -> enc.encryptZeroFlooded(0, 1.0, new int[]{0}, 46, out));
            assertThrows(InvalidArgumentException.class, () -> enc.encryptZeroFlooded(5, 1.0, new int[]{0}, 10, out));
            assertThrows(InvalidArgumentException.class, () -> enc.encryptZeroFloodedEverywhere(1, 0.0, 10, out));
        }
    }
}
