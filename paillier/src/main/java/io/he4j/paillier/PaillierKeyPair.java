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
     * Two distinct random primes of half the modulus size each (probable primes, error below 2^-100) with
     * their two top bits set, so n always has exactly the requested bits; redrawn unless gcd(n, phi(n)) = 1
     * and |p - q| > 2^(bits/2 - 100) (so Fermat factoring is hopeless).
     */
    public static PaillierKeyPair generate(PaillierKeySize size, SecureRandom random) {
        int half = size.bits() / 2;
        while (true) {
            BigInteger p = prime(half, random);
            BigInteger q = prime(half, random);
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

    /** The first probable prime after a random odd start in [2^(bits-1) + 2^(bits-2), 2^bits). */
    private static BigInteger prime(int bits, SecureRandom random) {
        while (true) {
            BigInteger start = new BigInteger(bits, random).setBit(bits - 1).setBit(bits - 2).setBit(0);
            BigInteger p = start.nextProbablePrime();
            if (p.bitLength() == bits) {
                return p;
            }
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
