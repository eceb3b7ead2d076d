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
import java.util.Objects;

/**
 * One party's share s_i of a threshold (N-of-N) key: the collective secret is the sum of all parties'
 * shares and is never formed (see {@link Multiparty} for the protocol). A share has no serialization at all,
 * {@code toString()} shows no material, and its native memory is zeroized when freed: it lives and dies
 * with the party's process.
 *
 * <p>Immutable and thread-safe. Close it when done; using it after close throws {@link IllegalStateException}.
 */
public final class SecretShare implements AutoCloseable {
    private final CkksContext context;
    private final NativeHandle handle;

    private SecretShare(CkksContext context, NativeHandle handle) {
        this.context = context;
        this.handle = handle;
    }

    /**
     * A fresh share from the engine's CSPRNG.
     *
     * @throws UnsupportedByBackendException on the SEAL backend
     */
    public static SecretShare generate(CkksContext context) {
        Objects.requireNonNull(context, "context must not be null");
        String op = "SecretShare.generate";
        try (Guard g = Guard.of(context.handle())) {
            MemorySegment out = Scratch.get(ValueLayout.ADDRESS.byteSize());
            Status.check((int) CapiMultiparty.SECRET_SHARE_GENERATE.invokeExact(g.get(0), out), op);
            return new SecretShare(context, NativeHandle.own(out.get(ValueLayout.ADDRESS, 0), "SecretShare",
                    CapiMultiparty.SECRET_SHARE_FREE));
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * This party's public-key share p_i = (-a*s_i + e_i, a), with the common reference polynomial a expanded
     * from {@code commonSeed} ({@link Multiparty#newCommonSeed()}, the same for every party). It is public.
     */
    public PublicKey publicKeyShare(byte[] commonSeed) {
        Objects.requireNonNull(commonSeed, "commonSeed must not be null");
        if (commonSeed.length != Multiparty.SEED_BYTES) {
            throw new InvalidArgumentException("a common seed has " + Multiparty.SEED_BYTES + " bytes, got "
                    + commonSeed.length);
        }
        String op = "SecretShare.publicKeyShare";
        try (Guard g = Guard.of(context.handle(), handle)) {
            MemorySegment scratch = Scratch.get(ValueLayout.ADDRESS.byteSize() + commonSeed.length);
            MemorySegment seed = scratch.asSlice(ValueLayout.ADDRESS.byteSize(), commonSeed.length);
            MemorySegment.copy(commonSeed, 0, seed, ValueLayout.JAVA_BYTE, 0, commonSeed.length);
            Status.check((int) CapiMultiparty.PUBLIC_KEY_SHARE.invokeExact(g.get(0), g.get(1), seed,
                    (long) commonSeed.length, scratch), op);
            return new PublicKey(context, NativeHandle.own(scratch.get(ValueLayout.ADDRESS, 0), "PublicKey",
                    CapiKeys.PUBLIC_KEY_FREE));
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * This party's decryption share d_i = s_i*c1 + e of {@code ct}, e uniform on [-2^smudgingBits,
     * 2^smudgingBits) ({@link Multiparty#smudgingBits}). On its own it reveals nothing about the message;
     * {@link Multiparty#combine} of every party's share decrypts.
     *
     * @throws InvalidArgumentException      if smudgingBits leaves no room in the ciphertext's modulus
     * @throws IncompatibleOperandsException if ct has 3 polynomials
     */
    public Plaintext decryptionShare(Ciphertext ct, int smudgingBits) {
        Objects.requireNonNull(ct, "ct must not be null");
        context.checkCompatible(ct.context(), "SecretShare.decryptionShare");
        if (smudgingBits < 1) {
            throw new InvalidArgumentException("smudgingBits must be >= 1, got " + smudgingBits);
        }
        return NativeObject.filled(new Plaintext(context), out -> {
            String op = "SecretShare.decryptionShare";
            try (Guard g = Guard.of(context.handle(), handle, ct.handle(), out.handle())) {
                Status.check((int) CapiMultiparty.DECRYPTION_SHARE.invokeExact(g.get(0), g.get(1), g.get(2),
                        smudgingBits, g.get(3)), op);
            } catch (Throwable t) {
                throw Status.rethrow(t, op);
            }
        });
    }

    /**
     * {@link #decryptionShare} switched from Q to 2^bits ({@link Multiparty#combineCompact} combines them):
     * about N * bits / 8 bytes instead of N * log2(Q) / 8, for at most 1/2 unit of 2^bits more error.
     *
     * @param bits 20..62 ({@link CompactReply} widths)
     */
    public byte[] compactDecryptionShare(Ciphertext ct, int smudgingBits, int bits) {
        Objects.requireNonNull(ct, "ct must not be null");
        context.checkCompatible(ct.context(), "SecretShare.compactDecryptionShare");
        String op = "SecretShare.compactDecryptionShare";
        try (Guard g = Guard.of(context.handle(), handle, ct.handle()); Arena arena = Arena.ofConfined()) {
            MemorySegment written = arena.allocate(ValueLayout.JAVA_LONG);
            Status.check((int) CapiMultiparty.DECRYPTION_SHARE_COMPACT.invokeExact(g.get(0), g.get(1), g.get(2),
                    smudgingBits, bits, MemorySegment.NULL, 0L, written), op);
            long size = written.get(ValueLayout.JAVA_LONG, 0);
            MemorySegment buf = arena.allocate(size);
            Status.check((int) CapiMultiparty.DECRYPTION_SHARE_COMPACT.invokeExact(g.get(0), g.get(1), g.get(2),
                    smudgingBits, bits, buf, size, written), op);
            return buf.asSlice(0, written.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /** The context this share belongs to. */
    public CkksContext context() {
        return context;
    }

    /** Frees the native share, zeroizing it; idempotent. */
    @Override
    public void close() {
        handle.close();
    }

    /** Shows no key material. */
    @Override
    public String toString() {
        return "SecretShare[" + (handle.isClosed() ? "closed" : "redacted") + "]";
    }
}
