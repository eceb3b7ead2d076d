package io.he4j.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The reference: Paillier's scheme from the 1999 paper with plain BigInteger arithmetic and nothing shared
 * with the implementation (no CRT, g^m computed by exponentiation, lambda = lcm(p-1, q-1)).
 */
record TextbookPaillier(BigInteger p, BigInteger q) {
    BigInteger n() {
        return p.multiply(q);
    }

    BigInteger n2() {
        return n().multiply(n());
    }

    BigInteger g() {
        return n().add(BigInteger.ONE);
    }

    BigInteger encrypt(BigInteger m, SecureRandom rnd) {
        BigInteger r;
        do {
            r = new BigInteger(n().bitLength(), rnd).mod(n());
        } while (r.signum() == 0 || !r.gcd(n()).equals(BigInteger.ONE));
        return g().modPow(m, n2()).multiply(r.modPow(n(), n2())).mod(n2());
    }

    BigInteger decrypt(BigInteger c) {
        BigInteger pm1 = p.subtract(BigInteger.ONE);
        BigInteger qm1 = q.subtract(BigInteger.ONE);
        BigInteger lambda = pm1.multiply(qm1).divide(pm1.gcd(qm1));
        BigInteger mu = l(g().modPow(lambda, n2())).modInverse(n());
        return l(c.modPow(lambda, n2())).multiply(mu).mod(n());
    }

    private BigInteger l(BigInteger x) {
        return x.subtract(BigInteger.ONE).divide(n());
    }

    /** The signed integer a residue represents (reference for the encoding). */
    BigInteger signed(BigInteger residue) {
        return residue.compareTo(n().divide(BigInteger.TWO)) > 0 ? residue.subtract(n()) : residue;
    }
}
