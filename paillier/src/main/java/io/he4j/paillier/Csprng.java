package io.he4j.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;

/** The one source of randomness of this module: the JDK's default SecureRandom (thread-safe). */
final class Csprng {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csprng() {
    }

    static SecureRandom get() {
        return RANDOM;
    }

    /** Uniform in [1, m) and coprime to m (rejection sampling). */
    static BigInteger unit(BigInteger m, SecureRandom rnd) {
        while (true) {
            BigInteger r = new BigInteger(m.bitLength(), rnd);
            if (r.signum() > 0 && r.compareTo(m) < 0 && r.gcd(m).equals(BigInteger.ONE)) {
                return r;
            }
        }
    }
}
