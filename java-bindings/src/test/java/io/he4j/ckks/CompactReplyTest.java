package io.he4j.ckks;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compact coefficient replies through the Java API: the coefficient protocol (encrypt features as
 * coefficients, multiply by the weight polynomial, add the bias) at P2K-IFMA, compacted at several widths and
 * decrypted, against the full decryption; malformed replies refused. On the SEAL backend every entry point
 * must report itself unsupported.
 */
class CompactReplyTest {
    private static final boolean SEAL = BackendUnderTest.NAME.equals("seal");
    private static final double X_SCALE = Math.scalb(1.0, 24);
    private static final double W_SCALE = Math.scalb(1.0, 18);

    private static CkksContext ctx;
    private static SecretKey sk;
    private static PublicKey pk;

    @BeforeAll
    static void setUp() {
        ctx = CkksContext.create("P2K-IFMA");
        KeyGenerator kg = new KeyGenerator(ctx);
        sk = kg.secretKey();
        pk = kg.publicKey(sk);
    }

    @AfterAll
    static void tearDown() {
        pk.close();
        sk.close();
        ctx.close();
    }

    /** Features x (coefficients), weights placed so that coefficient d-1 of x*w is the inner product. */
    private static Ciphertext reply(boolean symmetric, double[] x, double[] weights, double bias) {
        int d = x.length;
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[d - 1 - j] = weights[j];
        }
        double[] b = new double[d];
        b[d - 1] = bias;
        Encoder enc = new Encoder(ctx);
        Evaluator eval = new Evaluator(ctx);
        try (Plaintext px = enc.encodeCoefficients(x, X_SCALE, -1);
             Plaintext pw = enc.encodeCoefficients(w, W_SCALE, -1);
             Plaintext pb = enc.encodeCoefficients(b, X_SCALE * W_SCALE, -1)) {
            Ciphertext ct = symmetric ? new SymmetricEncryptor(ctx, sk).encrypt(px) : new Encryptor(ctx, pk).encrypt(px);
            eval.mulPlain(ct, pw, ct);
            eval.addPlain(ct, pb, ct);
            return ct;
        }
    }

    /** (1 + ||s||_1) / 2 / Δ' with ||s||_1 <= N: the documented bound, loosened to the worst secret. */
    private static double bound(Ciphertext ct, int bits) {
        double deltaPrime = ct.scale() * Math.scalb(1.0, bits) / ctx.moduli()[0];
        return (1.0 + ctx.polyDegree()) / 2 / deltaPrime;
    }

    @Test
    void roundTripMatchesFullDecryption() {
        if (SEAL) {
            return;  // see sealReportsUnsupported
        }
        double[] x = Fixture.random(1, 16);
        double[] weights = Fixture.random(2, 16);
        double score = 0.25;
        for (int j = 0; j < x.length; j++) {
            score += x[j] * weights[j];
        }
        Decryptor dec = new Decryptor(ctx, sk);
        Encoder enc = new Encoder(ctx);
        int[][] positionSets = {{15}, {0, 2047, 15, 7}};
        for (boolean symmetric : new boolean[] {false, true}) {
            try (Ciphertext ct = reply(symmetric, x, weights, 0.25); Plaintext pt = dec.decrypt(ct)) {
                double[] full = enc.decodeCoefficients(pt);
                assertEquals(score, full[15], 1e-3);
                for (int bits : new int[] {32, 36, 40}) {
                    for (int[] positions : positionSets) {
                        byte[] bytes = ct.toCompactReply(positions, bits);
                        assertTrue(bytes.length < ctx.polyDegree() * bits / 8 + 100, "size " + bytes.length);
                        assertArrayEquals(positions, CompactReply.positions(ctx, bytes));
                        double[] values = dec.decryptCompactReply(bytes);
                        assertEquals(positions.length, values.length);
                        for (int k = 0; k < positions.length; k++) {
                            assertEquals(full[positions[k]], values[k], bound(ct, bits),
                                    "bits " + bits + " position " + positions[k]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void compactReplyIsSmallerThanTheFullCiphertext() {
        if (SEAL) {
            return;
        }
        try (Ciphertext ct = reply(false, Fixture.random(3, 4), Fixture.random(4, 4), 0)) {
            byte[] full = ct.toBytes();
            byte[] compact = ct.toCompactReply(new int[] {3}, 36);
            assertEquals(24 + 20 + 4 + 5 + 2048 * 36 / 8, compact.length);
            assertTrue(compact.length * 2.5 < full.length, compact.length + " vs " + full.length);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        if (SEAL) {
            return;
        }
        try (Ciphertext ct = reply(true, Fixture.random(5, 4), Fixture.random(6, 4), 0)) {
            assertThrows(InvalidArgumentException.class, () -> ct.toCompactReply(new int[] {1}, 19));
            assertThrows(InvalidArgumentException.class, () -> ct.toCompactReply(new int[] {1}, 63));
            assertThrows(InvalidArgumentException.class, () -> ct.toCompactReply(new int[0], 36));
            assertThrows(InvalidArgumentException.class, () -> ct.toCompactReply(new int[] {2048}, 36));
            assertThrows(InvalidArgumentException.class, () -> ct.toCompactReply(new int[] {-1}, 36));
            InvalidArgumentException dup = assertThrows(InvalidArgumentException.class,
                    () -> ct.toCompactReply(new int[] {4, 4}, 36));
            assertTrue(dup.getMessage().contains("twice"), dup.getMessage());
            assertThrows(NullPointerException.class, () -> ct.toCompactReply(null, 36));
        }
    }

    @Test
    void malformedRepliesAreRefused() {
        if (SEAL) {
            return;
        }
        Decryptor dec = new Decryptor(ctx, sk);
        byte[] valid;
        try (Ciphertext ct = reply(true, Fixture.random(7, 4), Fixture.random(8, 4), 0)) {
            valid = ct.toCompactReply(new int[] {3, 9}, 36);
        }
        for (int len = 0; len < valid.length; len += 97) {  // truncations (every one is in the native suite)
            refused(dec, Arrays.copyOf(valid, len), "truncated to " + len);
        }
        byte[] kind = valid.clone();
        kind[6] = 3;
        MalformedInputException e = refused(dec, kind, "kind");
        assertTrue(e.getMessage().contains("kind"), e.getMessage());
        byte[] bits = valid.clone();
        bits[28] = 63;
        refused(dec, bits, "bits");
        byte[] far = valid.clone();
        far[44 + 4] = 0;
        far[44 + 5] = 8;  // second position = 2048
        assertTrue(refused(dec, far, "position").getMessage().contains("not below N"));
        byte[] dup = valid.clone();
        dup[44 + 4] = 3;  // second position = 3, as the first
        assertTrue(refused(dec, dup, "duplicate").getMessage().contains("twice"));
        try (CkksContext other = CkksContext.create("P4K-IFMA")) {
            assertThrows(MalformedInputException.class, () -> CompactReply.positions(other, valid));
        }
    }

    private static MalformedInputException refused(Decryptor dec, byte[] bytes, String what) {
        assertThrows(MalformedInputException.class, () -> CompactReply.positions(ctx, bytes), what);
        return assertThrows(MalformedInputException.class, () -> dec.decryptCompactReply(bytes), what);
    }

    @Test
    void sealReportsUnsupported() {
        if (!SEAL) {
            return;
        }
        try (Ciphertext ct = reply(true, Fixture.random(9, 4), Fixture.random(10, 4), 0)) {
            assertThrows(UnsupportedByBackendException.class, () -> ct.toCompactReply(new int[] {1}, 36));
        }
        assertThrows(UnsupportedByBackendException.class, () -> CompactReply.positions(ctx, new byte[64]));
        assertThrows(UnsupportedByBackendException.class, () -> new Decryptor(ctx, sk).decryptCompactReply(new byte[64]));
    }
}
