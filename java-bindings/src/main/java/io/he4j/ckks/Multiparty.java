package io.he4j.ckks;

import io.he4j.ckks.internal.CapiKeys;
import io.he4j.ckks.internal.CapiMultiparty;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.NativeHandle;
import io.he4j.ckks.internal.Scratch;
import io.he4j.ckks.internal.Status;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * N-of-N threshold CKKS (Mouchet, Troncoso-Pastoriza, Bossuat, Hubaux, "Multiparty Homomorphic Encryption
 * from Ring-Learning-with-Errors", PETS 2021): every party generates a {@link SecretShare}; from a common seed
 * each publishes its public-key share; {@link #aggregatePublicKey} sums them into the collective public key,
 * an ordinary {@link PublicKey} for {@link Encryptor}; a ciphertext is decrypted only by {@link #combine} of
 * every party's {@link SecretShare#decryptionShare}, each flooded with smudging noise of
 * {@link #smudgingBits} bits (statistical distance &lt;= 2^-lambda from noise independent of the shares;
 * Asharov et al., Eurocrypt 2012). The noise bound and the argument: native/src/ckks/multiparty.hpp.
 *
 * <p>Stateless and thread-safe.
 */
public final class Multiparty {
    /** Bytes of a common reference seed. */
    public static final int SEED_BYTES = CapiMultiparty.SEED_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Multiparty() {
    }

    /** A fresh common reference seed (public: every party uses the same one). */
    public static byte[] newCommonSeed() {
        byte[] seed = new byte[SEED_BYTES];
        RANDOM.nextBytes(seed);
        return seed;
    }

    /**
     * The collective public key from every party's share.
     *
     * @throws IncompatibleOperandsException if the shares come from different common seeds
     */
    public static PublicKey aggregatePublicKey(CkksContext context, List<PublicKey> shares) {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(shares, "shares must not be null");
        if (shares.isEmpty()) {
            throw new InvalidArgumentException("a collective public key needs at least one share");
        }
        NativeHandle[] hs = new NativeHandle[shares.size() + 1];
        hs[0] = context.handle();
        for (int i = 0; i < shares.size(); i++) {
            PublicKey p = Objects.requireNonNull(shares.get(i), "share " + i + " must not be null");
            context.checkCompatible(p.context(), "Multiparty.aggregatePublicKey");
            hs[i + 1] = p.handle();
        }
        String op = "Multiparty.aggregatePublicKey";
        try (Guard g = Guard.of(hs)) {
            long ptr = ValueLayout.ADDRESS.byteSize();
            MemorySegment scratch = Scratch.get(ptr * (shares.size() + 1));
            MemorySegment list = scratch.asSlice(ptr);
            for (int i = 0; i < shares.size(); i++) {
                list.setAtIndex(ValueLayout.ADDRESS, i, g.get(i + 1));
            }
            Status.check((int) CapiMultiparty.PUBLIC_KEY_AGGREGATE.invokeExact(g.get(0), list, (long) shares.size(),
                    scratch), op);
            return new PublicKey(context, NativeHandle.own(scratch.get(ValueLayout.ADDRESS, 0), "PublicKey",
                    CapiKeys.PUBLIC_KEY_FREE));
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * The smudging width lambda + ceil(log2 B) for decrypting the sum of {@code summands} fresh encryptions
     * under a collective key of {@code parties} shares, B a Hoeffding bound on that sum's noise (exceeded with
     * probability &lt;= 2^-lambda).
     */
    public static int smudgingBits(CkksContext context, int parties, int summands, int lambda) {
        Objects.requireNonNull(context, "context must not be null");
        if (parties < 1 || summands < 1 || lambda < 0) {
            throw new InvalidArgumentException("parties and summands must be >= 1 and lambda >= 0");
        }
        String op = "Multiparty.smudgingBits";
        try (Guard g = Guard.of(context.handle())) {
            MemorySegment out = Scratch.get(Integer.BYTES);
            Status.check((int) CapiMultiparty.SMUDGING_BITS.invokeExact(g.get(0), (long) parties, (long) summands,
                    lambda, out), op);
            return out.get(ValueLayout.JAVA_INT, 0);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * c0 + the sum of the decryption {@code shares} of {@code ct}: the plaintext when every party's share is
     * there (garbage otherwise: nothing tells them apart, so check the aggregate's plausibility upstream).
     */
    public static Plaintext combine(CkksContext context, Ciphertext ct, List<Plaintext> shares) {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(ct, "ct must not be null");
        Objects.requireNonNull(shares, "shares must not be null");
        if (shares.isEmpty()) {
            throw new InvalidArgumentException("combining needs at least one decryption share");
        }
        context.checkCompatible(ct.context(), "Multiparty.combine");
        return NativeObject.filled(new Plaintext(context), out -> {
            NativeHandle[] hs = new NativeHandle[shares.size() + 3];
            hs[0] = context.handle();
            hs[1] = ct.handle();
            hs[2] = out.handle();
            for (int i = 0; i < shares.size(); i++) {
                Plaintext d = Objects.requireNonNull(shares.get(i), "share " + i + " must not be null");
                context.checkCompatible(d.context(), "Multiparty.combine");
                hs[i + 3] = d.handle();
            }
            String op = "Multiparty.combine";
            try (Guard g = Guard.of(hs)) {
                MemorySegment list = Scratch.get(ValueLayout.ADDRESS.byteSize() * shares.size());
                for (int i = 0; i < shares.size(); i++) {
                    list.setAtIndex(ValueLayout.ADDRESS, i, g.get(i + 3));
                }
                Status.check((int) CapiMultiparty.DECRYPT_COMBINE.invokeExact(g.get(0), g.get(1), list,
                        (long) shares.size(), g.get(2)), op);
            } catch (Throwable t) {
                throw Status.rethrow(t, op);
            }
        });
    }

    /**
     * The first {@code count} decoded coefficients of c0 + the sum of the compact decryption {@code shares}
     * ({@link SecretShare#compactDecryptionShare}, each at {@code bits} bits) of {@code ct}, computed mod 2^bits.
     * Every share is validated first.
     *
     * @throws MalformedInputException       if a share is not a valid compact share for these parameters
     * @throws IncompatibleOperandsException if a share is at another level or width
     */
    public static double[] combineCompact(CkksContext context, Ciphertext ct, List<byte[]> shares, int bits,
                                          int count) {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(ct, "ct must not be null");
        Objects.requireNonNull(shares, "shares must not be null");
        if (shares.isEmpty() || count < 0) {
            throw new InvalidArgumentException("combining needs at least one decryption share and count >= 0");
        }
        context.checkCompatible(ct.context(), "Multiparty.combineCompact");
        double[] values = new double[count];
        String op = "Multiparty.combineCompact";
        try (Guard g = Guard.of(context.handle(), ct.handle()); Arena arena = Arena.ofConfined()) {
            MemorySegment ptrs = arena.allocate(ValueLayout.ADDRESS, shares.size());
            MemorySegment lens = arena.allocate(ValueLayout.JAVA_LONG, shares.size());
            for (int i = 0; i < shares.size(); i++) {
                byte[] b = Objects.requireNonNull(shares.get(i), "share " + i + " must not be null");
                MemorySegment m = arena.allocate(Math.max(1, b.length));
                MemorySegment.copy(b, 0, m, ValueLayout.JAVA_BYTE, 0, b.length);
                ptrs.setAtIndex(ValueLayout.ADDRESS, i, m);
                lens.setAtIndex(ValueLayout.JAVA_LONG, i, b.length);
            }
            MemorySegment out = arena.allocate(ValueLayout.JAVA_DOUBLE, Math.max(1, count));
            Status.check((int) CapiMultiparty.DECRYPT_COMBINE_COMPACT.invokeExact(g.get(0), g.get(1), ptrs, lens,
                    (long) shares.size(), bits, out, (long) count), op);
            MemorySegment.copy(out, ValueLayout.JAVA_DOUBLE, 0, values, 0, count);
            return values;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }
}
