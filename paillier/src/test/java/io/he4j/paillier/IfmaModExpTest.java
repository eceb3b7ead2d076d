package io.he4j.paillier;

import io.he4j.ckks.He4j;
import io.he4j.paillier.math.GmpModExp;
import io.he4j.paillier.math.IfmaModExp;
import io.he4j.paillier.math.ModExp;
import io.he4j.paillier.math.ModExps;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AVX-512 IFMA batches agree with BigInteger.modPow and GMP, lane by lane, over mixed modulus sizes,
 * exponent lengths and edge values; the Paillier operations built on batches agree with the one-by-one ones.
 * On a CPU with IFMA (the CI machine) the process-wide engine must be the IFMA one: no silent fallback.
 */
class IfmaModExpTest {
    private static final SecureRandom R = new SecureRandom();

    private static boolean cpuHasIfma() {
        return He4j.info().cpuFeatures().contains("avx512ifma=1")
                && System.getenv("HE4J_DISABLE_AVX512") == null && System.getenv("HE4J_DISABLE_IFMA") == null;
    }

    @Test
    void theBestEngineBatchesOnIfmaWhenTheCpuHasIt() {
        ModExp best = ModExps.best();
        if (cpuHasIfma()) {
            assertInstanceOf(IfmaModExp.class, best, best.name());
            assertEquals(8, best.lanes());
        } else {
            assertFalse(best instanceof IfmaModExp, best.name());
        }
        assertTrue(best.constantTime());
    }

    @Test
    void batchesAgreeWithBigIntegerAndGmp() {
        if (!cpuHasIfma()) {
            assertThrows(UnsupportedOperationException.class, () -> IfmaModExp.load(GmpModExp.load()));
            return;
        }
        ModExp ifma = IfmaModExp.load(JavaModExpNever.INSTANCE); // single calls would throw: all lanes native
        GmpModExp gmp = GmpModExp.load();
        List<BigInteger> b = new ArrayList<>();
        List<BigInteger> e = new ArrayList<>();
        List<BigInteger> m = new ArrayList<>();
        for (int bits : new int[]{1024, 2047, 2048, 3072, 4096}) {
            for (int i = 0; i < 9; i++) { // 9 per size: a full pass of 8 and one more
                BigInteger mod = new BigInteger(bits, R).setBit(bits - 1).setBit(0);
                b.add(new BigInteger(bits - 1, R));
                e.add(new BigInteger(bits / 2 + 13 * i, R));
                m.add(mod);
            }
            BigInteger mod = m.getLast();
            b.addAll(List.of(BigInteger.ZERO, BigInteger.ONE, mod.subtract(BigInteger.ONE), new BigInteger(bits - 1, R),
                    mod.add(BigInteger.TWO))); // a base above the modulus is reduced first
            e.addAll(List.of(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE), BigInteger.TEN,
                    BigInteger.ONE.shiftLeft(bits / 2).subtract(BigInteger.ONE), BigInteger.ZERO, BigInteger.ONE));
            for (int i = 0; i < 5; i++) {
                m.add(mod);
            }
        }
        BigInteger[] got = ifma.powSecretAll(b.toArray(BigInteger[]::new), e.toArray(BigInteger[]::new),
                m.toArray(BigInteger[]::new));
        for (int i = 0; i < got.length; i++) {
            BigInteger want = b.get(i).modPow(e.get(i), m.get(i));
            assertEquals(want, got[i], "lane " + i + " (" + m.get(i).bitLength() + "-bit modulus)");
            assertEquals(want, gmp.powSecret(b.get(i), e.get(i), m.get(i)), "GMP, lane " + i);
        }
    }

    @Test
    void paillierBatchesAgreeWithSingleOperations() {
        PaillierKeyPair keys = Keys.of(PaillierKeySize.BITS_2048);
        PaillierPrivateKey sk = keys.privateKey();
        TextbookPaillier ref = Keys.reference(keys);
        double[] xs = {1.5, -2.25, 0, 1e6, -7.125, 3, 4, 5, 6};
        List<EncryptedNumber> enc = sk.encryptAll(xs);
        double[] dec = sk.decryptAll(enc);
        assertArrayEquals(xs, dec);
        for (int i = 0; i < xs.length; i++) {
            assertEquals(xs[i], sk.decrypt(enc.get(i)));
            assertEquals(sk.decryptResidue(enc.get(i).ciphertext()), ref.decrypt(enc.get(i).ciphertext()));
        }
        List<EncryptedNumber> products = EncryptedNumber.multiplySignedAll(enc,
                List.of(BigInteger.TWO, BigInteger.valueOf(-3), BigInteger.ONE, BigInteger.ZERO, BigInteger.TEN,
                        BigInteger.valueOf(-1), BigInteger.valueOf(7), BigInteger.ONE, BigInteger.ONE), 0);
        assertArrayEquals(new double[]{3, 6.75, 0, 0, -71.25, -3, 28, 5, 6}, sk.decryptAll(products));
        List<EncryptedNumber> fresh = EncryptedNumber.fresherAll(products);
        for (int i = 0; i < fresh.size(); i++) {
            assertTrue(fresh.get(i).fresh());
            assertFalse(fresh.get(i).ciphertext().equals(products.get(i).ciphertext()));
        }
        assertArrayEquals(sk.decryptAll(products), sk.decryptAll(fresh));
        for (BigInteger r : keys.publicKey().randomizers(3)) { // an n-th residue mod n^2: decrypts to 0
            assertEquals(BigInteger.ZERO, ref.decrypt(r));
        }
        for (BigInteger r : sk.randomizers(3)) {
            assertEquals(BigInteger.ZERO, ref.decrypt(r));
        }
    }

    /** A single-call engine that must not be used: proves powSecretAll sends every lane to the kernel. */
    private static final class JavaModExpNever implements ModExp {
        static final JavaModExpNever INSTANCE = new JavaModExpNever();

        @Override
        public BigInteger powSecret(BigInteger base, BigInteger exp, BigInteger mod) {
            throw new AssertionError("a lane left the IFMA kernel");
        }

        @Override
        public BigInteger powPublic(BigInteger base, BigInteger exp, BigInteger mod) {
            throw new AssertionError("unused");
        }

        @Override
        public BigInteger inversePublic(BigInteger a, BigInteger mod) {
            throw new AssertionError("unused");
        }

        @Override
        public boolean constantTime() {
            return true;
        }

        @Override
        public String name() {
            return "never";
        }
    }
}
