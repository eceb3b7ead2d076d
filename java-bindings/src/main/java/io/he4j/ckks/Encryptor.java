package io.he4j.ckks;

import io.he4j.ckks.internal.CapiData;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.Status;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * Public-key encryption: anyone holding the {@link PublicKey} (a server too) can encrypt; nothing here
 * can decrypt. Each ciphertext is fresh randomness from the engine's CSPRNG.
 *
 * <p>Stateless and thread-safe: share one encryptor between threads.
 */
public final class Encryptor {
    private final CkksContext context;
    private final PublicKey key;

    /** An encryptor under {@code publicKey}. */
    public Encryptor(CkksContext context, PublicKey key) {
        this.context = Objects.requireNonNull(context, "context must not be null");
        this.key = Objects.requireNonNull(key, "key must not be null");
        context.checkCompatible(key.context(), "new Encryptor");
    }

    /** Encrypts {@code plaintext} at its level and scale. */
    public Ciphertext encrypt(Plaintext in) {
        return NativeObject.filled(new Ciphertext(context), out -> encrypt(in, out));
    }

    /** Encrypts {@code plaintext} at its level and scale. Writes into {@code out} (overwriting it); returns {@code out}. */
    public Ciphertext encrypt(Plaintext in, Ciphertext out) {
        return encryptWith("Encryptor.encrypt", CapiData.ENCRYPT_PK, context, key, in, out);
    }

    /** Widest flood {@link #encryptZeroFlooded} takes (HE4J_MAX_FLOOD_BITS); it also needs log2(Q) - 3 at the level. */
    public static final int MAX_FLOOD_BITS = 126;

    /**
     * A reply mask for circuit privacy by noise flooding, in one native pass: a fresh encryption of zero at
     * {@code level} labelled with {@code scale}, whose c0 also carries at each of {@code positions} (coefficient
     * indices) an integer uniform on [-2^floodBits, 2^floodBits) from the engine's CSPRNG. Same distribution as
     * {@link #encrypt} of a zero plaintext plus the coefficient-encoded flood, at the cost of the encryption alone.
     *
     * @param positions distinct coefficient indices in [0, N), at least one
     * @param floodBits in [0, min({@link #MAX_FLOOD_BITS}, log2(Q_level) - 3)]; 0 floods nothing
     * @throws InvalidArgumentException      if the level, scale, a position or floodBits is out of range
     * @throws UnsupportedByBackendException on a backend without the fused mask (SEAL): encrypt a zero plaintext
     *                                       and add the encoded flood instead
     */
    public Ciphertext encryptZeroFlooded(int level, double scale, int[] positions, int floodBits, Ciphertext out) {
        Objects.requireNonNull(positions, "positions must not be null");
        for (int p : positions) {
            if (p < 0) {
                throw new InvalidArgumentException("Encryptor.encryptZeroFlooded: position " + p + " is negative");
            }
        }
        return zeroFlooded("Encryptor.encryptZeroFlooded", level, scale, MemorySegment.ofArray(positions),
                positions.length, floodBits, out);
    }

    /** {@link #encryptZeroFlooded} with every one of the N coefficients flooded. */
    public Ciphertext encryptZeroFloodedEverywhere(int level, double scale, int floodBits, Ciphertext out) {
        return zeroFlooded("Encryptor.encryptZeroFloodedEverywhere", level, scale, MemorySegment.NULL,
                context.polyDegree(), floodBits, out);
    }

    private Ciphertext zeroFlooded(String op, int level, double scale, MemorySegment positions, long count,
                                   int floodBits, Ciphertext out) {
        Objects.requireNonNull(out, "out must not be null");
        context.checkCompatible(out.context(), op);
        if (floodBits < 0) {
            throw new InvalidArgumentException(op + ": flood bits " + floodBits + " is negative");
        }
        try (Guard g = Guard.of(context.handle(), key.handle(), out.handle())) {
            Status.check((int) CapiData.ENCRYPT_ZERO_FLOODED.invokeExact(g.get(0), g.get(1), level, scale, positions,
                    count, floodBits, g.get(2)), op);
            return out;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /** The context this object works for. */
    public CkksContext context() {
        return context;
    }

    /** {@code fn(ctx, key, in, out)} with argument checks; shared with {@link SymmetricEncryptor}. */
    static Ciphertext encryptWith(String op, MethodHandle fn, CkksContext context, NativeObject key, Plaintext in,
                                  Ciphertext out) {
        Objects.requireNonNull(in, "input must not be null");
        Objects.requireNonNull(out, "out must not be null");
        context.checkCompatible(in.context(), op);
        context.checkCompatible(out.context(), op);
        try (Guard g = Guard.of(context.handle(), key.handle(), in.handle(), out.handle())) {
            Status.check((int) fn.invokeExact(g.get(0), g.get(1), g.get(2), g.get(3)), op);
            return out;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }
}
