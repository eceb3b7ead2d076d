package io.he4j.ckks;

import io.he4j.ckks.internal.CapiKeys;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.Status;
import io.he4j.ckks.internal.NativeHandle;
import io.he4j.ckks.internal.Serial;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Galois keys: key-switching keys for slot rotations by chosen steps and optionally complex
 * conjugation (see {@link Evaluator#rotate}). Public: part of {@link EvaluationKeys}.
 *
 * <p>Immutable and thread-safe: share it between threads. Close it when done; using it after close throws
 * {@link IllegalStateException}.
 */
public final class GaloisKeys implements AutoCloseable {
    private final CkksContext context;
    private final NativeHandle handle;

    GaloisKeys(CkksContext context, NativeHandle handle) {
        this.context = context;
        this.handle = handle;
    }

    /** Serializes the key (header with magic, version, kind and parameter id, then the key material). */
    public byte[] toBytes() {
        return Serial.saveOffHeap("GaloisKeys.toBytes", CapiKeys.GALOIS_KEYS_SAVE, handle, false);
    }

    /** Writes {@link #toBytes()} to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out must not be null").write(toBytes());
    }

    /**
     * Loads a key saved by {@link #toBytes()}; every field and coefficient is checked first.
     *
     * @throws MalformedInputException if the bytes are not a valid key of this kind for these parameters
     */
    public static GaloisKeys fromBytes(CkksContext context, byte[] bytes) {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(bytes, "bytes must not be null");
        var p = Serial.loadOffHeap("GaloisKeys.fromBytes", CapiKeys.GALOIS_KEYS_LOAD, context.handle(), bytes, false);
        return new GaloisKeys(context, NativeHandle.own(p, "GaloisKeys", CapiKeys.GALOIS_KEYS_FREE));
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
        try (Guard g = Guard.of(handle)) {
            int[] out = new int[1];
            Status.check((int) CapiKeys.GALOIS_KEYS_HAS_STEP.invokeExact(g.get(0), step, MemorySegment.ofArray(out)), op);
            return out[0] != 0;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /** The context this key belongs to. */
    public CkksContext context() {
        return context;
    }

    NativeHandle handle() {
        return handle;
    }

    /** Frees the native key; idempotent. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "GaloisKeys[" + (handle.isClosed() ? "closed" : "context=" + Long.toHexString(context.parameterId())) + "]";
    }
}
