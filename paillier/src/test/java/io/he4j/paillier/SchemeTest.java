package io.he4j.paillier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every operation against the textbook reference, at every key size. */
class SchemeTest {
    private static final SecureRandom RND = new SecureRandom();

    @ParameterizedTest
    @EnumSource(value = PaillierKeySize.class, names = {"INSECURE_1024", "BITS_2048", "BITS_3072"})
    void keyGenerationAndRoundTripsAgreeWithTheTextbook(PaillierKeySize size) {
        PaillierKeyPair kp = Keys.of(size);
        TextbookPaillier ref = Keys.reference(kp);
        assertEquals(size.bits(), kp.publicKey().bits());
        assertEquals(size.bits() / 2, ref.p().bitLength());
        assertEquals(size.bits() / 2, ref.q().bitLength());
        assertNotEquals(ref.p(), ref.q());
        assertTrue(ref.p().isProbablePrime(50) && ref.q().isProbablePrime(50));
        assertEquals(ref.n(), kp.publicKey().n());
        assertEquals(ref.g(), kp.publicKey().g());

        BigInteger m = new BigInteger(size.bits() - 2, RND);
        // textbook ciphertext -> our decryption
        assertEquals(m, kp.privateKey().decryptResidue(ref.encrypt(m, RND)));
        // our public-key encryption and our key-owner encryption -> textbook decryption
        BigInteger c1 = kp.publicKey().rawEncrypt(m, kp.publicKey().randomizer());
        BigInteger c2 = kp.publicKey().rawEncrypt(m, kp.privateKey().randomizer());
        assertEquals(m, ref.decrypt(c1));
        assertEquals(m, ref.decrypt(c2));
        assertNotEquals(c1, c2);
    }

    @Test
    void randomizersAreNthResiduesAndDiffer() {
        PaillierKeyPair kp = Keys.small();
        TextbookPaillier ref = Keys.reference(kp);
        for (int i = 0; i < 5; i++) {
            BigInteger a = kp.privateKey().randomizer();
            BigInteger b = kp.publicKey().randomizer();
            assertNotEquals(a, b);
            // an n-th residue encrypts 0
            assertEquals(BigInteger.ZERO, ref.decrypt(a));
            assertEquals(BigInteger.ZERO, ref.decrypt(b));
        }
    }

    @Test
    void homomorphicOperationsMatchTheReference() {
        PaillierKeyPair kp = Keys.small();
        TextbookPaillier ref = Keys.reference(kp);
        PaillierPublicKey pk = kp.publicKey();
        BigInteger n = pk.n();
        for (int i = 0; i < 20; i++) {
            BigInteger a = new BigInteger(200, RND).subtract(BigInteger.ONE.shiftLeft(199));
            BigInteger b = new BigInteger(200, RND).subtract(BigInteger.ONE.shiftLeft(199));
            BigInteger k = new BigInteger(64, RND).subtract(BigInteger.ONE.shiftLeft(63));
            EncryptedNumber ea = pk.encryptSigned(a, 0);
            EncryptedNumber eb = pk.encryptSigned(b, 0);
            assertEquals(a.mod(n), ref.decrypt(ea.ciphertext()));
            assertEquals(a.add(b).mod(n), ref.decrypt(ea.add(eb).ciphertext()));
            assertEquals(a.add(b).mod(n), ref.decrypt(ea.addSigned(b).ciphertext()));
            assertEquals(a.multiply(k).mod(n), ref.decrypt(ea.multiplySigned(k, 0).ciphertext()));
            assertEquals(a.multiply(k), kp.privateKey().decryptSigned(ea.multiplySigned(k, 0)));
            assertEquals(a.add(b), kp.privateKey().decryptSigned(ea.add(eb)));
        }
    }

    @Test
    void operationsAreNotFreshAndRerandomizationKeepsThePlaintext() {
        PaillierKeyPair kp = Keys.small();
        EncryptedNumber e = kp.publicKey().encrypt(2.5);
        assertTrue(e.fresh());
        EncryptedNumber sum = e.add(e);
        assertFalse(sum.fresh());
        EncryptedNumber r = sum.fresher();
        assertTrue(r.fresh());
        assertNotEquals(sum.ciphertext(), r.ciphertext());
        assertEquals(5.0, kp.privateKey().decrypt(r));
        assertEquals(BigInteger.ZERO, Keys.reference(kp).decrypt(kp.publicKey().randomizer()));
    }

    @Test
    void scalarZeroOneAndMinusOne() {
        PaillierKeyPair kp = Keys.small();
        EncryptedNumber e = kp.privateKey().encrypt(-7.25);
        assertEquals(0.0, kp.privateKey().decrypt(e.multiplySigned(BigInteger.ZERO, 0)));
        assertEquals(-7.25, kp.privateKey().decrypt(e.multiplySigned(BigInteger.ONE, 0)));
        assertEquals(7.25, kp.privateKey().decrypt(e.multiplySigned(BigInteger.ONE.negate(), 0)));
    }

    @Test
    void fixedPointArithmeticOnReals() {
        PaillierKeyPair kp = Keys.small();
        PaillierPrivateKey sk = kp.privateKey();
        EncryptedNumber x = kp.publicKey().encrypt(3.75);
        EncryptedNumber y = sk.encrypt(-1.5);
        assertEquals(2.25, sk.decrypt(x.add(y)));
        assertEquals(-5.625, sk.decrypt(x.multiply(-1.5)));
        assertEquals(2 * 48, x.multiply(-1.5).fractionBits());
        // mixed fraction bits are aligned before adding
        assertEquals(-5.625 + 3.75, sk.decrypt(x.multiply(-1.5).add(x)));
        assertEquals(4.0, sk.decrypt(x.add(0.25)));
        assertEquals(0.0, sk.decrypt(kp.publicKey().encrypt(0.0)));
        double v = 0.1;
        assertEquals(v, sk.decrypt(kp.publicKey().encrypt(v)), 0x1p-49);
    }
}
