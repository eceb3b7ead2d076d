package io.he4j.paillier;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A Paillier ciphertext with its public key and the fraction bits of its fixed-point plaintext. Immutable and
 * thread-safe. Homomorphic operations return numbers that are not {@link #fresh()}: their ciphertext is a
 * public function of the inputs, so anyone who saw the inputs could recognize it. Serialization
 * ({@link io.he4j.paillier.io.PaillierJson}, {@link io.he4j.paillier.io.PaillierBinary}) re-randomizes such
 * numbers before they leave the process unless explicitly told not to.
 */
public final class EncryptedNumber {
    private final PaillierPublicKey key;
    private final BigInteger ciphertext;
    private final int fractionBits;
    private final boolean fresh;

    EncryptedNumber(PaillierPublicKey key, BigInteger ciphertext, int fractionBits, boolean fresh) {
        if (fractionBits < 0 || fractionBits > 4096) {
            throw new MalformedInputException("fraction bits must be in 0..4096, got " + fractionBits);
        }
        this.key = key;
        this.ciphertext = ciphertext;
        this.fractionBits = fractionBits;
        this.fresh = fresh;
    }

    /**
     * A ciphertext from outside, validated against the key ({@link PaillierPublicKey#checkCiphertext}). It is
     * treated as not fresh: whoever sent it knows it.
     */
    public static EncryptedNumber of(PaillierPublicKey key, BigInteger ciphertext, int fractionBits) {
        return new EncryptedNumber(key, key.checkCiphertext(ciphertext), fractionBits, false);
    }

    public PaillierPublicKey publicKey() {
        return key;
    }

    public BigInteger ciphertext() {
        return ciphertext;
    }

    public int fractionBits() {
        return fractionBits;
    }

    /** True if the ciphertext was randomized after the last homomorphic operation. */
    public boolean fresh() {
        return fresh;
    }

    /** The same plaintext under a new randomizer: c * r^n mod n^2. */
    public EncryptedNumber rerandomize() {
        return rerandomize(key.randomizer());
    }

    /** Re-randomizes with a given randomizer r^n mod n^2 (e.g. from a {@link RandomizerPool}). */
    public EncryptedNumber rerandomize(BigInteger randomizer) {
        return new EncryptedNumber(key, ciphertext.multiply(randomizer).mod(key.nSquared()), fractionBits, true);
    }

    /** This, re-randomized unless already fresh. */
    public EncryptedNumber fresher() {
        return fresh ? this : rerandomize();
    }

    /** Encrypted sum; the operand with fewer fraction bits is scaled up first. */
    public EncryptedNumber add(EncryptedNumber other) {
        key.requireSame(other.key, "the other addend");
        EncryptedNumber a = withFractionBits(Math.max(fractionBits, other.fractionBits));
        EncryptedNumber b = other.withFractionBits(a.fractionBits);
        return new EncryptedNumber(key, a.ciphertext.multiply(b.ciphertext).mod(key.nSquared()), a.fractionBits,
                false);
    }

    /** Adds a plaintext real, encoded at this number's fraction bits. */
    public EncryptedNumber add(double x) {
        return addSigned(FixedPointEncoding.scaled(x, fractionBits));
    }

    /** Adds the signed integer m, read at this number's fraction bits: c * (1 + m n) mod n^2. */
    public EncryptedNumber addSigned(BigInteger m) {
        BigInteger r = FixedPointEncoding.toResidue(m, key.n());
        BigInteger c = ciphertext.multiply(r.multiply(key.n()).add(BigInteger.ONE)).mod(key.nSquared());
        return new EncryptedNumber(key, c, fractionBits, false);
    }

    /** Multiplies by a plaintext real encoded with {@code encoding}: the result has the sum of fraction bits. */
    public EncryptedNumber multiply(double x, FixedPointEncoding encoding) {
        return multiplySigned(encoding.encode(x), encoding.fractionBits());
    }

    public EncryptedNumber multiply(double x) {
        return multiply(x, FixedPointEncoding.DEFAULT);
    }

    /**
     * Multiplies by the signed integer k (read with {@code kFractionBits} fraction bits): c^k mod n^2, computed
     * as (c^-1)^|k| for negative k so the exponent stays as short as |k| instead of n - |k|. The exponent is
     * the scalar (e.g. a model weight), so the constant-time exponentiation is used.
     */
    public EncryptedNumber multiplySigned(BigInteger k, int kFractionBits) {
        FixedPointEncoding.toResidue(k, key.n()); // range check of the scalar
        BigInteger n2 = key.nSquared();
        BigInteger base = k.signum() < 0 ? key.modExp().inversePublic(ciphertext, n2) : ciphertext;
        BigInteger c = key.modExp().powSecret(base, k.abs(), n2);
        return new EncryptedNumber(key, c, fractionBits + kFractionBits, false);
    }

    /**
     * {@code xs.get(i).multiplySigned(ks.get(i), kFractionBits)} for every i, the exponentiations in one batch
     * ({@link io.he4j.paillier.math.ModExp#powSecretAll}); every x under the same key.
     */
    public static List<EncryptedNumber> multiplySignedAll(List<EncryptedNumber> xs, List<BigInteger> ks,
                                                          int kFractionBits) {
        if (xs.size() != ks.size()) {
            throw new PaillierException("multiplySignedAll: " + xs.size() + " ciphertexts and " + ks.size()
                    + " scalars");
        }
        if (xs.isEmpty()) {
            return List.of();
        }
        PaillierPublicKey key = xs.getFirst().key;
        BigInteger n2 = key.nSquared();
        BigInteger[] bases = new BigInteger[xs.size()];
        BigInteger[] exps = new BigInteger[xs.size()];
        BigInteger[] mods = new BigInteger[xs.size()];
        for (int i = 0; i < bases.length; i++) {
            EncryptedNumber x = xs.get(i);
            key.requireSame(x.key, "a ciphertext");
            BigInteger k = ks.get(i);
            FixedPointEncoding.toResidue(k, key.n()); // range check of the scalar
            bases[i] = k.signum() < 0 ? key.modExp().inversePublic(x.ciphertext, n2) : x.ciphertext;
            exps[i] = k.abs();
            mods[i] = n2;
        }
        BigInteger[] c = key.modExp().powSecretAll(bases, exps, mods);
        List<EncryptedNumber> out = new ArrayList<>(c.length);
        for (int i = 0; i < c.length; i++) {
            out.add(new EncryptedNumber(key, c[i], xs.get(i).fractionBits + kFractionBits, false));
        }
        return out;
    }

    /** {@link #fresher()} of every number, the randomizers of the non-fresh ones in one batch. */
    public static List<EncryptedNumber> fresherAll(List<EncryptedNumber> xs) {
        List<EncryptedNumber> stale = xs.stream().filter(x -> !x.fresh).toList();
        var renewed = rerandomizeAll(stale).iterator();
        return xs.stream().map(x -> x.fresh ? x : renewed.next()).toList();
    }

    /** {@link #rerandomize()} of every number, the randomizers in one batch. */
    public static List<EncryptedNumber> rerandomizeAll(List<EncryptedNumber> xs) {
        if (xs.isEmpty()) {
            return List.of();
        }
        PaillierPublicKey key = xs.getFirst().key;
        for (EncryptedNumber x : xs) {
            key.requireSame(x.key, "a ciphertext");
        }
        BigInteger[] r = key.randomizers(xs.size());
        List<EncryptedNumber> out = new ArrayList<>(r.length);
        for (int i = 0; i < r.length; i++) {
            out.add(xs.get(i).rerandomize(r[i]));
        }
        return out;
    }

    /** The same plaintext with more fraction bits: multiplies by 2^(bits - fractionBits). */
    public EncryptedNumber withFractionBits(int bits) {
        if (bits == fractionBits) {
            return this;
        }
        if (bits < fractionBits) {
            throw new PaillierException("cannot drop fraction bits under encryption (" + fractionBits + " -> "
                    + bits + ")");
        }
        EncryptedNumber e = multiplySigned(BigInteger.ONE.shiftLeft(bits - fractionBits), 0);
        return new EncryptedNumber(key, e.ciphertext, bits, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptedNumber e && e.key.equals(key) && e.ciphertext.equals(ciphertext)
                && e.fractionBits == fractionBits;
    }

    @Override
    public int hashCode() {
        return ciphertext.hashCode();
    }

    @Override
    public String toString() {
        return "EncryptedNumber[key " + key.id() + ", " + fractionBits + " fraction bits"
                + (fresh ? "" : ", not re-randomized") + "]";
    }
}
