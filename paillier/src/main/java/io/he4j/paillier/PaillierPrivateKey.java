package io.he4j.paillier;

import java.lang.ref.Cleaner;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Paillier private key: the primes p, q and the values precomputed for CRT decryption (Paillier 1999,
 * section 7): h_p = L_p(g^(p-1) mod p^2)^-1 mod p with L_p(x) = (x - 1) / p, likewise for q, and q^-1 mod p.
 * <p>
 * The material is kept in byte arrays that {@link #close()} overwrites with zeros (a {@link Cleaner} does it
 * too if the key becomes unreachable unclosed); use after close throws {@link IllegalStateException}. Each
 * operation builds transient {@link BigInteger}s from those bytes: the JVM cannot wipe those, they become
 * garbage when the operation returns. Never printed by {@link #toString()}. Thread-safe until closed.
 */
public final class PaillierPrivateKey implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final PaillierPublicKey publicKey;
    private final Secrets secrets;
    private final Cleaner.Cleanable cleanable;

    /** Byte arrays zeroed by the cleaning action; must not refer to the key. */
    private static final class Secrets implements Runnable {
        final byte[][] values; // p, q, p^2, q^2, hp, hq, q^-1 mod p, q^-2 mod p^2
        volatile boolean wiped;

        Secrets(BigInteger... v) {
            values = new byte[v.length][];
            for (int i = 0; i < v.length; i++) {
                values[i] = v[i].toByteArray();
            }
        }

        @Override
        public void run() {
            wiped = true;
            for (byte[] b : values) {
                Arrays.fill(b, (byte) 0);
            }
        }
    }

    private record Crt(BigInteger p, BigInteger q, BigInteger p2, BigInteger q2, BigInteger hp, BigInteger hq,
                       BigInteger qInvP, BigInteger q2InvP2) {
    }

    private PaillierPrivateKey(PaillierPublicKey publicKey, BigInteger p, BigInteger q) {
        this.publicKey = publicKey;
        BigInteger p2 = p.multiply(p);
        BigInteger q2 = q.multiply(q);
        BigInteger g = publicKey.g();
        var pow = publicKey.modExp();
        BigInteger hp = l(pow.powSecret(g.mod(p2), p.subtract(BigInteger.ONE), p2), p).modInverse(p);
        BigInteger hq = l(pow.powSecret(g.mod(q2), q.subtract(BigInteger.ONE), q2), q).modInverse(q);
        this.secrets = new Secrets(p, q, p2, q2, hp, hq, q.modInverse(p), q2.modInverse(p2));
        this.cleanable = CLEANER.register(this, secrets);
    }

    /**
     * The private key of the primes p and q (in either order), after checking them: distinct probable primes
     * (error probability below 2^-100) of the same bit length with gcd(pq, (p-1)(q-1)) = 1.
     */
    public static PaillierPrivateKey fromPrimes(BigInteger p, BigInteger q) {
        if (p.signum() <= 0 || q.signum() <= 0 || p.equals(q) || p.bitLength() != q.bitLength()) {
            throw new MalformedInputException("a Paillier private key needs two distinct positive primes of equal "
                    + "bit length");
        }
        if (!p.isProbablePrime(100) || !q.isProbablePrime(100)) {
            throw new MalformedInputException("a Paillier private key factor is not prime");
        }
        BigInteger n = p.multiply(q);
        BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
        if (!n.gcd(phi).equals(BigInteger.ONE)) {
            throw new MalformedInputException("invalid Paillier primes: gcd(pq, (p-1)(q-1)) != 1");
        }
        return ofCheckedPrimes(p, q);
    }

    /** For primes already checked (key generation). */
    static PaillierPrivateKey ofCheckedPrimes(BigInteger p, BigInteger q) {
        PaillierPublicKey pub = PaillierPublicKey.of(p.multiply(q));
        return p.compareTo(q) > 0 ? new PaillierPrivateKey(pub, p, q) : new PaillierPrivateKey(pub, q, p);
    }

    public PaillierPublicKey publicKey() {
        return publicKey;
    }

    private Crt crt() {
        if (secrets.wiped) {
            throw new IllegalStateException("this Paillier private key was closed");
        }
        byte[][] v = secrets.values;
        return new Crt(new BigInteger(v[0]), new BigInteger(v[1]), new BigInteger(v[2]), new BigInteger(v[3]),
                new BigInteger(v[4]), new BigInteger(v[5]), new BigInteger(v[6]), new BigInteger(v[7]));
    }

    /** The prime factors {p, q} with p > q, for key files. */
    public BigInteger[] primes() {
        Crt k = crt();
        return new BigInteger[]{k.p(), k.q()};
    }

    /** Decrypts and decodes to the nearest double. */
    public double decrypt(EncryptedNumber e) {
        return FixedPointEncoding.toDouble(decryptSigned(e), e.fractionBits());
    }

    /** The signed integer plaintext (scaled by 2^fractionBits); the overflow band is an error. */
    public BigInteger decryptSigned(EncryptedNumber e) {
        publicKey.requireSame(e.publicKey(), "the ciphertext");
        return FixedPointEncoding.fromResidue(decryptResidue(e.ciphertext()), publicKey.n());
    }

    /** Decrypts many ciphertexts in one batch (see {@link #decryptResidues}). */
    public double[] decryptAll(List<EncryptedNumber> es) {
        List<BigInteger> cs = new ArrayList<>(es.size());
        for (EncryptedNumber e : es) {
            publicKey.requireSame(e.publicKey(), "the ciphertext");
            cs.add(e.ciphertext());
        }
        BigInteger[] m = decryptResidues(cs);
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = FixedPointEncoding.toDouble(FixedPointEncoding.fromResidue(m[i], publicKey.n()),
                    es.get(i).fractionBits());
        }
        return out;
    }

    /**
     * The plaintext residue in [0, n) of a raw ciphertext, checked first. CRT: m_p = L_p(c^(p-1) mod p^2) h_p
     * mod p, likewise m_q, then m = m_q + q ((m_p - m_q) q^-1 mod p). Both exponentiations are constant-time.
     */
    public BigInteger decryptResidue(BigInteger c) {
        return decryptResidues(List.of(c))[0];
    }

    /**
     * {@link #decryptResidue} of every ciphertext, with all 2k exponentiations (the p and q halves) in one
     * {@link io.he4j.paillier.math.ModExp#powSecretAll} batch: on the AVX-512 IFMA kernel 4 ciphertexts cost
     * about as much as one.
     */
    public BigInteger[] decryptResidues(List<BigInteger> cs) {
        for (BigInteger c : cs) {
            publicKey.checkCiphertext(c);
        }
        Crt k = crt();
        int n = cs.size();
        BigInteger[] bases = new BigInteger[2 * n];
        BigInteger[] exps = new BigInteger[2 * n];
        BigInteger[] mods = new BigInteger[2 * n];
        BigInteger pm1 = k.p().subtract(BigInteger.ONE);
        BigInteger qm1 = k.q().subtract(BigInteger.ONE);
        for (int i = 0; i < n; i++) {
            bases[2 * i] = cs.get(i).mod(k.p2());
            exps[2 * i] = pm1;
            mods[2 * i] = k.p2();
            bases[2 * i + 1] = cs.get(i).mod(k.q2());
            exps[2 * i + 1] = qm1;
            mods[2 * i + 1] = k.q2();
        }
        BigInteger[] t = publicKey.modExp().powSecretAll(bases, exps, mods);
        BigInteger[] out = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            BigInteger mp = l(t[2 * i], k.p()).multiply(k.hp()).mod(k.p());
            BigInteger mq = l(t[2 * i + 1], k.q()).multiply(k.hq()).mod(k.q());
            out[i] = mp.subtract(mq).multiply(k.qInvP()).mod(k.p()).multiply(k.q()).add(mq);
        }
        return out;
    }

    private static BigInteger l(BigInteger x, BigInteger p) {
        return x.subtract(BigInteger.ONE).divide(p);
    }

    /**
     * A randomizer r^n mod n^2 with the same distribution as the public key's, at about a quarter of the cost:
     * the n-th residues mod p^2 are the subgroup T_p of order p - 1, and r -> r^p mod p^2 maps Z_p^* onto T_p
     * one to one; T_p -> T_p, t -> t^q is a bijection since gcd(q, p - 1) = 1 (guaranteed by gcd(n, phi(n)) = 1).
     * So r_p^p mod p^2 for r_p uniform in Z_p^* is uniform on T_p, as is (r^n mod n^2) mod p^2 for r uniform in
     * Z_n^*; likewise for q, independently, and CRT joins them. Exponent p (half of n) modulo p^2 (half of
     * n^2) twice instead of exponent n modulo n^2 once. No assumption beyond Paillier's.
     */
    public BigInteger randomizer() {
        return randomizers(1)[0];
    }

    /** {@code count} independent {@link #randomizer()}s, their 2 count exponentiations in one batch. */
    public BigInteger[] randomizers(int count) {
        Crt k = crt();
        var rnd = Csprng.get();
        BigInteger[] bases = new BigInteger[2 * count];
        BigInteger[] exps = new BigInteger[2 * count];
        BigInteger[] mods = new BigInteger[2 * count];
        for (int i = 0; i < count; i++) {
            bases[2 * i] = Csprng.unit(k.p(), rnd);
            exps[2 * i] = k.p();
            mods[2 * i] = k.p2();
            bases[2 * i + 1] = Csprng.unit(k.q(), rnd);
            exps[2 * i + 1] = k.q();
            mods[2 * i + 1] = k.q2();
        }
        BigInteger[] t = publicKey.modExp().powSecretAll(bases, exps, mods);
        BigInteger[] out = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            BigInteger tp = t[2 * i];
            BigInteger tq = t[2 * i + 1];
            // CRT mod p^2 and q^2: t = tq + q^2 * ((tp - tq) * (q^2)^-1 mod p^2)
            out[i] = tp.subtract(tq).multiply(k.q2InvP2()).mod(k.p2()).multiply(k.q2()).add(tq);
        }
        return out;
    }

    /** Encrypts every value with the default encoding, the randomizers in one batch ({@link #randomizers}). */
    public List<EncryptedNumber> encryptAll(double[] xs) {
        return encryptAll(xs, FixedPointEncoding.DEFAULT);
    }

    public List<EncryptedNumber> encryptAll(double[] xs, FixedPointEncoding encoding) {
        BigInteger[] m = new BigInteger[xs.length];
        for (int i = 0; i < xs.length; i++) {
            m[i] = encoding.encode(xs[i]); // range errors before any exponentiation
        }
        BigInteger[] r = randomizers(xs.length);
        List<EncryptedNumber> out = new ArrayList<>(xs.length);
        for (int i = 0; i < xs.length; i++) {
            out.add(publicKey.encryptSigned(m[i], encoding.fractionBits(), r[i]));
        }
        return out;
    }

    /** Encrypts x with the default encoding, using the key owner's faster {@link #randomizer()}. */
    public EncryptedNumber encrypt(double x) {
        return encrypt(x, FixedPointEncoding.DEFAULT);
    }

    public EncryptedNumber encrypt(double x, FixedPointEncoding encoding) {
        return publicKey.encryptSigned(encoding.encode(x), encoding.fractionBits(), randomizer());
    }

    /** Overwrites the key material with zeros. Idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "PaillierPrivateKey[for " + publicKey + (secrets.wiped ? ", closed" : "") + "]";
    }
}
