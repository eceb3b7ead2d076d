package io.he4j.paillier.math;

import java.math.BigInteger;

/**
 * Modular exponentiation base^exp mod m for an odd modulus m and exp >= 0. Implementations are thread-safe.
 */
public interface ModExp {
    /** For a secret exponent or a secret base: runs in time independent of their values (given their sizes). */
    BigInteger powSecret(BigInteger base, BigInteger exp, BigInteger mod);

    /** For public base and exponent only (e.g. a ciphertext to a public power): may be variable-time. */
    BigInteger powPublic(BigInteger base, BigInteger exp, BigInteger mod);

    /** a^-1 mod m for PUBLIC a and m (e.g. a ciphertext): may be variable-time. */
    BigInteger inversePublic(BigInteger a, BigInteger mod);

    /**
     * bases[i]^exps[i] mod mods[i] for every i, each lane as {@link #powSecret}. Engines that compute several
     * exponentiations at once (the AVX-512 IFMA kernel: 8 per pass) make a batch cost less than its calls one
     * by one; the default makes them one by one.
     */
    default BigInteger[] powSecretAll(BigInteger[] bases, BigInteger[] exps, BigInteger[] mods) {
        if (bases.length != exps.length || bases.length != mods.length) {
            throw new IllegalArgumentException("powSecretAll: " + bases.length + " bases, " + exps.length
                    + " exponents and " + mods.length + " moduli");
        }
        BigInteger[] out = new BigInteger[bases.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = powSecret(bases[i], exps[i], mods[i]);
        }
        return out;
    }

    /** Exponentiations that one pass of {@link #powSecretAll} computes for the price of one (1: no batching). */
    default int lanes() {
        return 1;
    }

    /** True if {@link #powSecret} is constant-time. */
    boolean constantTime();

    /** A short name for logs and benchmark reports. */
    String name();
}
