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
    /**
     * Encrypts {@code pts.get(j)} under {@code keys.get(j)} into {@code outs.get(j)} with ONE shared c1 (randomness
     * reuse: Bellare, Boldyreva, Staddon, PKC 2003; the argument is in native/src/ckks/multiparty.hpp). Every key
     * must come from the same common seed (collective keys of independent secrets), every plaintext be at the
     * same level and scale; each output is an ordinary public-key ciphertext under its key.
     *
     * @throws IncompatibleOperandsException if the keys come from different seeds or the plaintexts differ in
     *                                       level or scale
     */
    public static void encryptSharedC1(CkksContext context, List<PublicKey> keys, List<Plaintext> pts,
                                       List<Ciphertext> outs) {
        Objects.requireNonNull(context, "context must not be null");
        int count = Objects.requireNonNull(keys, "keys must not be null").size();
        if (count == 0 || Objects.requireNonNull(pts, "pts must not be null").size() != count
                || Objects.requireNonNull(outs, "outs must not be null").size() != count) {
            throw new InvalidArgumentException("shared-c1 encryption needs as many (>= 1) keys, plaintexts and outputs");
        }
        String op = "Multiparty.encryptSharedC1";
        NativeHandle[] hs = new NativeHandle[1 + 3 * count];
        hs[0] = context.handle();
        for (int j = 0; j < count; j++) {
            PublicKey k = Objects.requireNonNull(keys.get(j), "key " + j + " must not be null");
            Plaintext p = Objects.requireNonNull(pts.get(j), "plaintext " + j + " must not be null");
            Ciphertext o = Objects.requireNonNull(outs.get(j), "output " + j + " must not be null");
            context.checkCompatible(k.context(), op);
            context.checkCompatible(p.context(), op);
            context.checkCompatible(o.context(), op);
            hs[1 + j] = k.handle();
            hs[1 + count + j] = p.handle();
            hs[1 + 2 * count + j] = o.handle();
        }
        try (Guard g = Guard.of(hs); Arena arena = Arena.ofConfined()) {
            MemorySegment k = arena.allocate(ValueLayout.ADDRESS, count);
            MemorySegment p = arena.allocate(ValueLayout.ADDRESS, count);
            MemorySegment o = arena.allocate(ValueLayout.ADDRESS, count);
            for (int j = 0; j < count; j++) {
                k.setAtIndex(ValueLayout.ADDRESS, j, g.get(1 + j));
                p.setAtIndex(ValueLayout.ADDRESS, j, g.get(1 + count + j));
                o.setAtIndex(ValueLayout.ADDRESS, j, g.get(1 + 2 * count + j));
            }
            Status.check((int) CapiMultiparty.ENCRYPT_SHARED_C1.invokeExact(g.get(0), k, p, (long) count, o), op);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * c0 of {@code ct} switched from Q to 2^bits: a compact piece (the format of a compact decryption share) that
     * sums with the others' ({@link #sumCompact}) and decrypts with the compact decryption shares of the c1 it was
     * encrypted with ({@link #combineCompactPieces}). Post-processing of c0: it reveals nothing c0 does not.
     */
    public static byte[] compactC0(CkksContext context, Ciphertext ct, int bits) {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(ct, "ct must not be null");
        context.checkCompatible(ct.context(), "Multiparty.compactC0");
        String op = "Multiparty.compactC0";
        try (Guard g = Guard.of(context.handle(), ct.handle()); Arena arena = Arena.ofConfined()) {
            MemorySegment written = arena.allocate(ValueLayout.JAVA_LONG);
            Status.check((int) CapiMultiparty.COMPACT_C0.invokeExact(g.get(0), g.get(1), bits, MemorySegment.NULL, 0L,
                    written), op);
            long size = written.get(ValueLayout.JAVA_LONG, 0);
            MemorySegment buf = arena.allocate(size);
            Status.check((int) CapiMultiparty.COMPACT_C0.invokeExact(g.get(0), g.get(1), bits, buf, size, written), op);
            return buf.asSlice(0, written.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * The sum mod 2^bits of compact pieces (compact c0s, or sums of them) as one piece; each is validated and must
     * be at {@code level} with {@code bits} bits and the ciphertext scale {@code scale}.
     *
     * @throws MalformedInputException       if a piece is not a valid compact piece
     * @throws IncompatibleOperandsException if a piece has another level, width or scale
     */
    public static byte[] sumCompact(CkksContext context, List<byte[]> pieces, int level, int bits, double scale) {
        Objects.requireNonNull(context, "context must not be null");
        String op = "Multiparty.sumCompact";
        try (Guard g = Guard.of(context.handle()); Arena arena = Arena.ofConfined()) {
            MemorySegment[] list = pieces(arena, pieces);
            MemorySegment written = arena.allocate(ValueLayout.JAVA_LONG);
            Status.check((int) CapiMultiparty.COMPACT_SUM.invokeExact(g.get(0), list[0], list[1], (long) pieces.size(),
                    level, bits, scale, MemorySegment.NULL, 0L, written), op);
            long size = written.get(ValueLayout.JAVA_LONG, 0);
            MemorySegment buf = arena.allocate(size);
            Status.check((int) CapiMultiparty.COMPACT_SUM.invokeExact(g.get(0), list[0], list[1], (long) pieces.size(),
                    level, bits, scale, buf, size, written), op);
            return buf.asSlice(0, written.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * The first {@code count} decoded coefficients of the sum mod 2^bits of {@code pieces}: a compact c0 sum and
     * every party's compact decryption share of the c1 it goes with. With a share missing the result is noise.
     */
    public static double[] combineCompactPieces(CkksContext context, List<byte[]> pieces, int bits, int count) {
        Objects.requireNonNull(context, "context must not be null");
        if (count < 0) {
            throw new InvalidArgumentException("count must be >= 0");
        }
        double[] values = new double[count];
        String op = "Multiparty.combineCompactPieces";
        try (Guard g = Guard.of(context.handle()); Arena arena = Arena.ofConfined()) {
            MemorySegment[] list = pieces(arena, pieces);
            MemorySegment out = arena.allocate(ValueLayout.JAVA_DOUBLE, Math.max(1, count));
            Status.check((int) CapiMultiparty.COMBINE_COMPACT_PIECES.invokeExact(g.get(0), list[0], list[1],
                    (long) pieces.size(), bits, out, (long) count), op);
            MemorySegment.copy(out, ValueLayout.JAVA_DOUBLE, 0, values, 0, count);
            return values;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /** {pointers, lengths} of {@code pieces} copied into {@code arena}. */
    private static MemorySegment[] pieces(Arena arena, List<byte[]> pieces) {
        Objects.requireNonNull(pieces, "pieces must not be null");
        if (pieces.isEmpty()) {
            throw new InvalidArgumentException("at least one compact piece is needed");
        }
        MemorySegment ptrs = arena.allocate(ValueLayout.ADDRESS, pieces.size());
        MemorySegment lens = arena.allocate(ValueLayout.JAVA_LONG, pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            byte[] b = Objects.requireNonNull(pieces.get(i), "piece " + i + " must not be null");
            MemorySegment m = arena.allocate(Math.max(1, b.length));
            MemorySegment.copy(b, 0, m, ValueLayout.JAVA_BYTE, 0, b.length);
            ptrs.setAtIndex(ValueLayout.ADDRESS, i, m);
            lens.setAtIndex(ValueLayout.JAVA_LONG, i, b.length);
        }
        return new MemorySegment[] {ptrs, lens};
    }
}
