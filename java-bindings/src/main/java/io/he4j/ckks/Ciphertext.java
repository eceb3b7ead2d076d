package io.he4j.ckks;

import io.he4j.ckks.internal.CapiData;
import io.he4j.ckks.internal.CapiReply;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.NativeHandle;
import io.he4j.ckks.internal.Props;
import io.he4j.ckks.internal.Status;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * An encrypted vector of {@link CkksContext#slotCount()} values at a level and scale. Freshly encrypted
 * ciphertexts have size 2; {@link Evaluator#mul} produces size 3 until relinearized.
 *
 * <p>Not thread-safe for writes: any number of threads may read a ciphertext concurrently (as an input of
 * evaluator operations, {@link #toBytes()}), but it must not be written ({@code out} argument,
 * {@link #setScale}) while another thread uses it. Close it when done; use after close throws
 * {@link IllegalStateException}.
 */
public final class Ciphertext extends SerializableObject {
    private static final Kind KIND = new Kind("Ciphertext", CapiData.CIPHERTEXT_SAVE, CapiData.CIPHERTEXT_LOAD,
            CapiData.CIPHERTEXT_FREE, false, false);

    /** An empty ciphertext of {@code context}, to be filled as the {@code out} argument of an operation. */
    public Ciphertext(CkksContext context) {
        this(Objects.requireNonNull(context, "context must not be null"),
                Props.create("new Ciphertext", CapiData.CIPHERTEXT_CREATE, context.handle(), "Ciphertext",
                        CapiData.CIPHERTEXT_FREE));
    }

    private Ciphertext(CkksContext context, NativeHandle handle) {
        super(context, handle, KIND);
    }

    /**
     * Loads a ciphertext saved by {@link #toBytes()} (full or seeded); every field and coefficient is checked.
     *
     * @throws MalformedInputException if the bytes are not a valid ciphertext for these parameters
     */
    public static Ciphertext fromBytes(CkksContext context, byte[] bytes) {
        return new Ciphertext(context, load(KIND, context, bytes));
    }

    /**
     * The same from a segment, read in place: a slice of a larger message (e.g. a part of a protocol envelope)
     * loads without being copied out first. The segment is only read during the call.
     *
     * @throws MalformedInputException if the bytes are not a valid ciphertext for these parameters
     */
    public static Ciphertext fromBytes(CkksContext context, MemorySegment bytes) {
        return new Ciphertext(context, load(KIND, context, bytes));
    }

    /**
     * Reads one {@code Ciphertext} written by {@link #writeTo} from {@code in}; what follows in the stream stays unread.
     *
     * @throws MalformedInputException on any defect of the data, a stream ending early included
     * @throws IOException             if reading fails
     */
    public static Ciphertext readFrom(CkksContext context, InputStream in) throws IOException {
        Objects.requireNonNull(context, "context must not be null");
        return fromBytes(context, ObjectFrame.read(in, "Ciphertext.readFrom"));
    }

    /** Serializes the ciphertext (half size if it came from {@link SymmetricEncryptor} untouched). */
    @Override
    public byte[] toBytes() {
        return super.toBytes();
    }

    /** Level: rescales left before the modulus is exhausted. */
    public int level() {
        return Props.u32("Ciphertext.level", CapiData.CIPHERTEXT_LEVEL, handle());
    }

    /** The scale Δ: decrypted values are the plaintext polynomial divided by it. */
    public double scale() {
        return Props.f64("Ciphertext.scale", CapiData.CIPHERTEXT_SCALE, handle());
    }

    /** Number of polynomials: 2, or 3 after {@link Evaluator#mul} without relinearization. */
    public int size() {
        return Props.u32("Ciphertext.size", CapiData.CIPHERTEXT_SIZE, handle());
    }

    /**
     * Overrides the recorded scale, e.g. to absorb a known factor or to match scales that differ by
     * rounding. The encrypted polynomial is unchanged, so decrypted values are multiplied by old/new.
     *
     * @param scale finite and &gt; 0
     */
    public void setScale(double scale) {
        if (!(Double.isFinite(scale) && scale > 0)) {
            throw new InvalidArgumentException("Ciphertext.setScale: scale must be finite and > 0, got " + scale);
        }
        String op = "Ciphertext.setScale";
        try (Guard g = Guard.of(handle())) {
            Status.check((int) CapiData.CIPHERTEXT_SET_SCALE.invokeExact(g.get(0), scale), op);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * The compact reply of this ciphertext for the coefficients at {@code positions} (see {@link CompactReply}):
     * c0 at those positions and c1 in full, switched to {@code bits} bits. The ciphertext must have size 2.
     *
     * @param positions distinct coefficient indices in [0, N), at least one; decryption returns their values
     *                  in this order
     * @param bits      in [{@link CompactReply#MIN_BITS}, {@link CompactReply#MAX_BITS}]
     * @throws InvalidArgumentException     if a position, their count or bits is out of range, or positions repeat
     * @throws IncompatibleOperandsException if the ciphertext has size 3
     * @throws UnsupportedByBackendException on a backend without compact replies (SEAL)
     */
    public byte[] toCompactReply(int[] positions, int bits) {
        Objects.requireNonNull(positions, "positions must not be null");
        for (int p : positions) {
            if (p < 0) {
                throw new InvalidArgumentException("Ciphertext.toCompactReply: position " + p + " is negative");
            }
        }
        String op = "Ciphertext.toCompactReply";
        try (Guard g = Guard.of(context().handle(), handle())) {
            long[] written = new long[1];
            MemorySegment w = MemorySegment.ofArray(written);
            MemorySegment at = MemorySegment.ofArray(positions);
            Status.check((int) CapiReply.SIZE_OF.invokeExact(g.get(0), g.get(1), (long) positions.length, bits, w), op);
            byte[] out = new byte[Math.toIntExact(written[0])];
            Status.check((int) CapiReply.WRITE.invokeExact(g.get(0), g.get(1), at, (long) positions.length, bits,
                    MemorySegment.ofArray(out), (long) out.length, w), op);
            if (written[0] != out.length) {
                throw new IllegalStateException(op + ": engine wrote " + written[0] + " bytes, announced " + out.length);
            }
            return out;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /** An independent copy. */
    public Ciphertext copy() {
        return filled(new Ciphertext(context()), this::copyTo);
    }

    /** Overwrites {@code out} with a copy of this ciphertext. */
    public void copyTo(Ciphertext out) {
        Objects.requireNonNull(out, "out must not be null");
        context().checkCompatible(out.context(), "Ciphertext.copyTo");
        String op = "Ciphertext.copyTo";
        try (Guard g = Guard.of(handle(), out.handle())) {
            Status.check((int) CapiData.CIPHERTEXT_COPY.invokeExact(g.get(0), g.get(1)), op);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    @Override
    public String toString() {
        try {
            return "Ciphertext[level=" + level() + ", size=" + size() + ", scale=2^" + Math.log(scale()) / Math.log(2) + "]";
        } catch (IllegalStateException closed) {
            return "Ciphertext[closed]";
        } catch (He4jException empty) {
            return "Ciphertext[empty]";
        }
    }
}
