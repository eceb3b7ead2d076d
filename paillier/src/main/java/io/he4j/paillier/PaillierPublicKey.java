package io.he4j.paillier;

import io.he4j.paillier.math.ModExp;
import io.he4j.paillier.math.ModExps;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Paillier public key: the modulus n = pq with generator g = n + 1 (Paillier, EUROCRYPT 1999; the choice
 * g = n + 1 of Damgård-Jurik, PKC 2001, makes g^m = 1 + mn mod n^2). Immutable and thread-safe.
 * Encryption: c = (1 + m n) * r^n mod n^2 with r uniform in Z_n^*.
 */
public final class PaillierPublicKey {
    /** Smallest modulus accepted from outside (tests use 1024). */
    public static final int MIN_BITS = 1024;
    /** Largest modulus accepted from outside. */
    public static final int MAX_BITS = 8192;

    private final BigInteger n;
    private final BigInteger nSquared;
    private final String id;

    private PaillierPublicKey(BigInteger n) {
        this.n = n;
        this.nSquared = n.multiply(n);
        this.id = fingerprint(n);
    }

    /**
     * The public key with modulus n, after the checks possible without the factors: odd, MIN_BITS..MAX_BITS
     * bits, and no small factor.
     */
    public static PaillierPublicKey of(BigInteger n) {
        if (n.signum() <= 0 || !n.testBit(0)) {
            throw new MalformedInputException("a Paillier modulus must be a positive odd integer");
        }
        if (n.bitLength() < MIN_BITS || n.bitLength() > MAX_BITS) {
            throw new MalformedInputException("a Paillier modulus must have " + MIN_BITS + ".." + MAX_BITS
                    + " bits, got " + n.bitLength());
        }
        for (int p : new int[]{3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47}) {
            if (n.mod(BigInteger.valueOf(p)).signum() == 0) {
                throw new MalformedInputException("not a Paillier modulus: divisible by " + p);
            }
        }
        return new PaillierPublicKey(n);
    }

    public BigInteger n() {
        return n;
    }

    public BigInteger nSquared() {
        return nSquared;
    }

    /** g = n + 1. */
    public BigInteger g() {
        return n.add(BigInteger.ONE);
    }

    public int bits() {
        return n.bitLength();
    }

    /** Bytes of a ciphertext in fixed-length big-endian form: ceil(bitLength(n^2) / 8). */
    public int ciphertextBytes() {
        return (nSquared.bitLength() + 7) / 8;
    }

    /** Short public identifier: the first 16 hex digits of SHA-256 over the decimal modulus. */
    public String id() {
        return id;
    }

    /** Encrypts x with the default fixed-point encoding. */
    public EncryptedNumber encrypt(double x) {
        return encrypt(x, FixedPointEncoding.DEFAULT);
    }

    public EncryptedNumber encrypt(double x, FixedPointEncoding encoding) {
        return encryptSigned(encoding.encode(x), encoding.fractionBits());
    }

    /** Encrypts the signed integer m (scaled by 2^fractionBits) with a fresh randomizer. */
    public EncryptedNumber encryptSigned(BigInteger m, int fractionBits) {
        return encryptSigned(m, fractionBits, randomizer());
    }

    /**
     * Encrypts with a given randomizer, which must be a fresh r^n mod n^2 used only once (e.g. from
     * {@link RandomizerPool#take()}).
     */
    public EncryptedNumber encryptSigned(BigInteger m, int fractionBits, BigInteger randomizer) {
        BigInteger c = rawEncrypt(FixedPointEncoding.toResidue(m, n), randomizer);
        return new EncryptedNumber(this, c, fractionBits, true);
    }

    /** (1 + m n) * randomizer mod n^2 for a residue m in [0, n). */
    BigInteger rawEncrypt(BigInteger m, BigInteger randomizer) {
        return m.multiply(n).add(BigInteger.ONE).multiply(randomizer).mod(nSquared);
    }

    /** A fresh r^n mod n^2, r uniform in Z_n^* (secret base: constant-time exponentiation). */
    public BigInteger randomizer() {
        return modExp().powSecret(Csprng.unit(n, Csprng.get()), n, nSquared);
    }

    /** {@code count} independent {@link #randomizer()}s in one batch ({@link ModExp#powSecretAll}). */
    public BigInteger[] randomizers(int count) {
        var rnd = Csprng.get();
        BigInteger[] bases = new BigInteger[count];
        BigInteger[] exps = new BigInteger[count];
        BigInteger[] mods = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            bases[i] = Csprng.unit(n, rnd);
            exps[i] = n;
            mods[i] = nSquared;
        }
        return modExp().powSecretAll(bases, exps, mods);
    }

    ModExp modExp() {
        return ModExps.best();
    }

    /**
     * Checks a ciphertext from outside: 0 < c < n^2 and gcd(c, n) = 1 (every valid ciphertext is a unit).
     *
     * @return c
     */
    public BigInteger checkCiphertext(BigInteger c) {
        if (c.signum() <= 0 || c.compareTo(nSquared) >= 0) {
            throw new MalformedInputException("ciphertext out of range: must be in (0, n^2) for key " + id
                    + ", got a " + c.bitLength() + "-bit " + (c.signum() <= 0 ? "non-positive " : "") + "number");
        }
        if (!c.gcd(n).equals(BigInteger.ONE)) {
            throw new MalformedInputException("not a ciphertext of key " + id + ": not coprime to n");
        }
        return c;
    }

    /** Throws KeyMismatchException if {@code other} is not this key. */
    void requireSame(PaillierPublicKey other, String what) {
        if (!equals(other)) {
            throw new KeyMismatchException(what + " was made under public key " + other.id
                    + " but is used with key " + id);
        }
    }

    private static String fingerprint(BigInteger n) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(n.toString().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaillierPublicKey k && k.n.equals(n);
    }

    @Override
    public int hashCode() {
        return n.hashCode();
    }

    @Override
    public String toString() {
        return "PaillierPublicKey[" + bits() + " bits, id " + id + "]";
    }
}
