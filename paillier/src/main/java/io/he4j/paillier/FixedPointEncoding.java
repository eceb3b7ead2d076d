package io.he4j.paillier;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Signed fixed-point encoding of reals: x is carried as the integer round(x * 2^f) for a public number f of
 * fraction bits fixed by the application (never chosen from the data, so the ciphertext's metadata reveals
 * nothing about the value). Negative integers are represented as n - |m|.
 * <p>
 * The signed range is |m| <= (n - 1) / 3: residues above it and below n - (n - 1) / 3 form the overflow band,
 * so a result that wrapped around is detected on decoding instead of being returned wrong (as in
 * python-paillier's EncodedNumber, without its data-dependent exponent).
 * <p>
 * Products of an encrypted value (f fraction bits) and an encoded scalar (f bits) carry 2f bits; the
 * ciphertext records its fraction bits, so decoding always divides by the right power of two.
 *
 * @param fractionBits f, 0..512
 */
public record FixedPointEncoding(int fractionBits) {
    /** 48 fraction bits: resolution 3.6e-15, more than a double's mantissa for values below 32. */
    public static final FixedPointEncoding DEFAULT = new FixedPointEncoding(48);

    public FixedPointEncoding {
        if (fractionBits < 0 || fractionBits > 512) {
            throw new PaillierException("fraction bits must be in 0..512, got " + fractionBits);
        }
    }

    /** round(x * 2^f), half to even. */
    public BigInteger encode(double x) {
        return scaled(x, fractionBits);
    }

    static BigInteger scaled(double x, int fractionBits) {
        if (!Double.isFinite(x)) {
            throw new PaillierException("cannot encode " + x + ": only finite numbers");
        }
        // exact: a double is a dyadic rational, so x * 2^f is exact in BigDecimal; then round half to even
        return new BigDecimal(x).multiply(new BigDecimal(BigInteger.ONE.shiftLeft(fractionBits)))
                .setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    }

    /** The largest magnitude of a signed plaintext under modulus n. */
    public static BigInteger maxMagnitude(BigInteger n) {
        return n.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3));
    }

    /** The residue in [0, n) representing the signed integer m. */
    public static BigInteger toResidue(BigInteger m, BigInteger n) {
        if (m.abs().compareTo(maxMagnitude(n)) > 0) {
            throw new OverflowException("the value needs " + m.abs().bitLength() + " bits but a " + n.bitLength()
                    + "-bit key holds signed values of at most " + maxMagnitude(n).bitLength() + " bits");
        }
        return m.signum() < 0 ? m.add(n) : m;
    }

    /** The signed integer represented by the residue r in [0, n); the overflow band is an error. */
    public static BigInteger fromResidue(BigInteger r, BigInteger n) {
        BigInteger max = maxMagnitude(n);
        if (r.compareTo(max) <= 0) {
            return r;
        }
        BigInteger neg = r.subtract(n);
        if (neg.negate().compareTo(max) <= 0) {
            return neg;
        }
        throw new OverflowException("decrypted value lies in the overflow band: a homomorphic result exceeded "
                + "the signed range +-(n-1)/3 of this " + n.bitLength() + "-bit key and wrapped around");
    }

    /** m / 2^bits as the nearest double (BigInteger.doubleValue rounds correctly; scaling by 2^-k is exact). */
    public static double toDouble(BigInteger signed, int bits) {
        return Math.scalb(signed.doubleValue(), -bits);
    }
}
