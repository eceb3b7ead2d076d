package io.he4j.ckks;

import io.he4j.ckks.internal.CapiKeys;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.Status;
import io.he4j.ckks.internal.NativeHandle;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Galois keys: key-switching keys for slot rotations by chosen steps and optionally complex
 * conjugation (see {@link Evaluator#rotate}). Public: part of {@link EvaluationKeys}.
 *
 * <p>Immutable and thread-safe: share it between threads. Close it when done; using it after close throws
 * {@link IllegalStateException}.
 */
public final class GaloisKeys extends SerializableObject {
    private static final Kind KIND = new Kind("GaloisKeys", CapiKeys.GALOIS_KEYS_SAVE, CapiKeys.GALOIS_KEYS_LOAD,
            CapiKeys.GALOIS_KEYS_FREE, true, false);

    GaloisKeys(CkksContext context, NativeHandle handle) {
        super(context, handle, KIND);
    }

    /**
     * Loads a key saved by {@link #toBytes()}; every field and coefficient is checked first.
     *
     * @throws MalformedInputException if the bytes are not a valid key of this kind for these parameters
     */
    public static GaloisKeys fromBytes(CkksContext context, byte[] bytes) {
        return new GaloisKeys(context, load(KIND, context, bytes));
    }

    /**
     * Reads one {@code GaloisKeys} written by {@link #writeTo} from {@code in}; what follows in the stream stays unread.
     *
     * @throws MalformedInputException on any defect of the data, a stream ending early included
     * @throws IOException             if reading fails
     */
    public static GaloisKeys readFrom(CkksContext context, InputStream in) throws IOException {
        Objects.requireNonNull(context, "context must not be null");
        return fromBytes(context, ObjectFrame.read(in, "GaloisKeys.readFrom"));
    }

    /** True if these keys can rotate slots by {@code step} (negative = right; 0 is the identity). */
    public boolean canRotate(int step) {
        return step == 0 || hasStep(step, "GaloisKeys.canRotate");
    }

    /** True if these keys can conjugate (see {@link Evaluator#conjugate}). */
    public boolean canConjugate() {
        return hasStep(0, "GaloisKeys.canConjugate");
    }

    private boolean hasStep(int step, String op) {
        try (Guard g = Guard.of(handle())) {
            int[] out = new int[1];
            Status.check((int) CapiKeys.GALOIS_KEYS_HAS_STEP.invokeExact(g.get(0), step, MemorySegment.ofArray(out)), op);
            return out[0] != 0;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }
}
