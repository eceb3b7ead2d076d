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

    /** True if {@link #powSecret} is constant-time. */
    boolean constantTime();

    /** A short name for logs and benchmark reports. */
    String name();
}
