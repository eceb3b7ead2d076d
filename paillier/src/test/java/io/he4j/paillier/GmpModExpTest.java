package io.he4j.paillier;

import io.he4j.paillier.math.GmpModExp;
import io.he4j.paillier.math.ModExps;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GMP through FFM agrees with BigInteger.modPow. libgmp10 is a CI requirement: failing to load it fails here
 * (the library itself falls back to BigInteger with a warning).
 */
class GmpModExpTest {
    @Test
    void agreesWithBigInteger() {
        GmpModExp gmp = GmpModExp.load();
        SecureRandom r = new SecureRandom();
        for (int bits : new int[]{64, 1024, 2048, 4096}) {
            for (int i = 0; i < 5; i++) {
                BigInteger m = new BigInteger(bits, r).setBit(bits - 1).setBit(0);
                BigInteger b = new BigInteger(bits + 8, r);
                BigInteger e = new BigInteger(bits / 2 + i, r);
                assertEquals(b.modPow(e, m), gmp.powSecret(b, e, m));
                assertEquals(b.modPow(e, m), gmp.powPublic(b, e, m));
                if (b.gcd(m).equals(BigInteger.ONE)) {
                    assertEquals(b.modInverse(m), gmp.inversePublic(b, m));
                }
            }
            BigInteger m = BigInteger.ONE.shiftLeft(bits).add(BigInteger.ONE.shiftLeft(7)).add(BigInteger.ONE);
            assertEquals(BigInteger.ONE, gmp.powSecret(BigInteger.TEN, BigInteger.ZERO, m));
            assertEquals(BigInteger.ZERO, gmp.powSecret(BigInteger.ZERO, BigInteger.TWO, m));
        }
        assertTrue(ModExps.best().constantTime(), "the shipped engine must be GMP's constant-time one");
        assertTrue(gmp.version().matches("\\d+\\.\\d+.*"), gmp.version());
    }
}
