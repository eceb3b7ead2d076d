package io.he4j.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * A public key and its private key. Closing the pair closes (zeroizes) the private key.
 */
public record PaillierKeyPair(PaillierPublicKey publicKey, PaillierPrivateKey privateKey) implements AutoCloseable {
    public PaillierKeyPair {
        if (!privateKey.publicKey().equals(publicKey)) {
            throw new KeyMismatchException("the private key belongs to " + privateKey.publicKey() + ", not to "
                    + publicKey);
        }
    }

    /** A new key pair of the default size, 3072 bits. */
    public static PaillierKeyPair generate() {
        return generate(PaillierKeySize.DEFAULT);
    }

    public static PaillierKeyPair generate(PaillierKeySize size) {
        return generate(size, Csprng.get());
    }

    /**
     * Two distinct random primes of half the modulus size each (probable primes, error below 2^-100), drawn
     * until n has exactly the requested bits, gcd(n, phi(n)) = 1 and |p - q| > 2^(bits/2 - 100) (so Fermat
     * factoring is hopeless).
     */
    public static PaillierKeyPair generate(PaillierKeySize size, SecureRandom random) {
        int half = size.bits() / 2;
        while (true) {
            BigInteger p = BigInteger.probablePrime(half, random);
            BigInteger q = BigInteger.probablePrime(half, random);
            if (p.equals(q) || p.subtract(q).abs().bitLength() <= half - 100
                    || p.multiply(q).bitLength() != size.bits()) {
                continue;
            }
            BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
            if (!p.multiply(q).gcd(phi).equals(BigInteger.ONE)) {
                continue;
            }
            PaillierPrivateKey sk = PaillierPrivateKey.ofCheckedPrimes(p, q);
            return new PaillierKeyPair(sk.publicKey(), sk);
        }
    }

    @Override
    public void close() {
        privateKey.close();
    }

    @Override
    public String toString() {
        return "PaillierKeyPair[" + publicKey + "]";
    }
}
