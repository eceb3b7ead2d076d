package io.he4j.paillier;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed range limits, overflow detection, and every kind of bad input. */
class EncodingAndValidationTest {
    @Test
    void signedRangeLimitsRoundTrip() {
        PaillierKeyPair kp = Keys.small();
        BigInteger n = kp.publicKey().n();
        BigInteger max = n.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3));
        assertEquals(max, FixedPointEncoding.maxMagnitude(n));
        for (BigInteger m : new BigInteger[]{max, max.negate(), BigInteger.ZERO, BigInteger.ONE.negate()}) {
            assertEquals(m, kp.privateKey().decryptSigned(kp.publicKey().encryptSigned(m, 0)));
        }
        assertThrows(OverflowException.class, () -> kp.publicKey().encryptSigned(max.add(BigInteger.ONE), 0));
        assertThrows(OverflowException.class,
                () -> kp.publicKey().encryptSigned(max.add(BigInteger.ONE).negate(), 0));
    }

    @Test
    void wrappedResultsAreDetectedOnDecoding() {
        PaillierKeyPair kp = Keys.small();
        BigInteger max = FixedPointEncoding.maxMagnitude(kp.publicKey().n());
        EncryptedNumber big = kp.publicKey().encryptSigned(max, 0);
        OverflowException e = assertThrows(OverflowException.class, () -> kp.privateKey().decryptSigned(big.add(big)));
        assertTrue(e.getMessage().contains("overflow band"), e.getMessage());
        EncryptedNumber neg = kp.publicKey().encryptSigned(max.negate(), 0);
        assertThrows(OverflowException.class, () -> kp.privateKey().decryptSigned(neg.add(neg)));
        assertThrows(OverflowException.class, () -> kp.privateKey().decrypt(big.multiplySigned(BigInteger.TWO, 0)));
    }

    @Test
    void encodingIsFixedAndRejectsNonFinite() {
        assertEquals(BigInteger.valueOf(-3L << 47), FixedPointEncoding.DEFAULT.encode(-1.5));
        assertEquals(BigInteger.ZERO, FixedPointEncoding.DEFAULT.encode(-0.0));
        assertEquals(48, Keys.small().publicKey().encrypt(123456.0).fractionBits());
        assertEquals(48, Keys.small().publicKey().encrypt(1e-9).fractionBits());
        assertThrows(PaillierException.class, () -> FixedPointEncoding.DEFAULT.encode(Double.NaN));
        assertThrows(PaillierException.class, () -> FixedPointEncoding.DEFAULT.encode(Double.POSITIVE_INFINITY));
        assertThrows(PaillierException.class, () -> new FixedPointEncoding(-1));
        // a real too large for the key
        assertThrows(OverflowException.class, () -> Keys.small().publicKey().encrypt(0x1p1000));
    }

    @Test
    void ciphertextsFromOutsideAreValidated() {
        PaillierKeyPair kp = Keys.small();
        PaillierPublicKey pk = kp.publicKey();
        BigInteger p = kp.privateKey().primes()[0];
        var e1 = assertThrows(MalformedInputException.class, () -> EncryptedNumber.of(pk, pk.nSquared(), 0));
        assertTrue(e1.getMessage().contains("out of range"), e1.getMessage());
        assertThrows(MalformedInputException.class, () -> EncryptedNumber.of(pk, pk.nSquared().add(BigInteger.TEN), 0));
        assertThrows(MalformedInputException.class, () -> EncryptedNumber.of(pk, BigInteger.ZERO, 0));
        assertThrows(MalformedInputException.class, () -> EncryptedNumber.of(pk, BigInteger.ONE.negate(), 0));
        var e2 = assertThrows(MalformedInputException.class, () -> EncryptedNumber.of(pk, p.multiply(BigInteger.TWO), 0));
        assertTrue(e2.getMessage().contains("coprime"), e2.getMessage());
        assertThrows(MalformedInputException.class, () -> kp.privateKey().decryptResidue(pk.nSquared()));
        assertThrows(MalformedInputException.class, () -> PaillierPublicKey.of(BigInteger.valueOf(15)));
        assertThrows(MalformedInputException.class, () -> PaillierPublicKey.of(pk.n().add(BigInteger.ONE)));
    }

    @Test
    void anotherKeysCiphertextIsRejected() {
        PaillierKeyPair a = Keys.small();
        try (PaillierKeyPair b = PaillierKeyPair.generate(PaillierKeySize.INSECURE_1024)) {
            EncryptedNumber x = a.publicKey().encrypt(1.0);
            EncryptedNumber y = b.publicKey().encrypt(1.0);
            assertThrows(KeyMismatchException.class, () -> b.privateKey().decrypt(x));
            assertThrows(KeyMismatchException.class, () -> x.add(y));
            assertThrows(KeyMismatchException.class, () -> new PaillierKeyPair(a.publicKey(), b.privateKey()));
        }
    }

    @Test
    void privateKeyIsZeroizedOnCloseAndNeverPrinted() {
        PaillierKeyPair kp = PaillierKeyPair.generate(PaillierKeySize.INSECURE_1024);
        BigInteger[] pq = kp.privateKey().primes();
        EncryptedNumber e = kp.publicKey().encrypt(4.0);
        String s = kp.privateKey().toString() + kp;
        assertFalse(s.contains(pq[0].toString()) || s.contains(pq[0].toString(16)), s);
        assertFalse(s.contains(pq[1].toString()) || s.contains(pq[1].toString(16)), s);
        kp.close();
        assertThrows(IllegalStateException.class, () -> kp.privateKey().decrypt(e));
        assertThrows(IllegalStateException.class, () -> kp.privateKey().primes());
        assertTrue(kp.privateKey().toString().contains("closed"));
        kp.close(); // idempotent
    }

    @Test
    void invalidPrimesAreRejected() {
        BigInteger[] pq = Keys.small().privateKey().primes();
        assertThrows(MalformedInputException.class, () -> PaillierPrivateKey.fromPrimes(pq[0], pq[0]));
        assertThrows(MalformedInputException.class,
                () -> PaillierPrivateKey.fromPrimes(pq[0], pq[1].add(BigInteger.TWO)));
        assertEquals(Keys.small().publicKey(), PaillierPrivateKey.fromPrimes(pq[1], pq[0]).publicKey());
    }

    @Test
    void keySizeByName() {
        assertEquals(3072, PaillierKeySize.DEFAULT.bits());
        assertEquals(PaillierKeySize.BITS_2048, PaillierKeySize.ofBits(2048));
        assertThrows(PaillierException.class, () -> PaillierKeySize.ofBits(1536));
    }
}
