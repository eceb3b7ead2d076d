package io.he4j.ckks;

import io.he4j.ckks.internal.CapiKeys;
import io.he4j.ckks.internal.NativeHandle;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The relinearization key: turns the size-3 product of two ciphertexts back into size 2
 * (see {@link Evaluator#relinearize}). Public: part of {@link EvaluationKeys}.
 *
 * <p>Immutable and thread-safe: share it between threads. Close it when done; using it after close throws
 * {@link IllegalStateException}.
 */
public final class RelinKey extends SerializableObject {
    private static final Kind KIND = new Kind("RelinKey", CapiKeys.RELIN_KEY_SAVE, CapiKeys.RELIN_KEY_LOAD, CapiKeys.RELIN_KEY_FREE,
            true, false);

    RelinKey(CkksContext context, NativeHandle handle) {
        super(context, handle, KIND);
    }

    /**
     * Loads a key saved by {@link #toBytes()}; every field and coefficient is checked first.
     *
     * @throws MalformedInputException if the bytes are not a valid key of this kind for these parameters
     */
    public static RelinKey fromBytes(CkksContext context, byte[] bytes) {
        return new RelinKey(context, load(KIND, context, bytes));
    }

    /**
     * Reads one {@code RelinKey} written by {@link #writeTo} from {@code in}; what follows in the stream stays unread.
     *
     * @throws MalformedInputException on any defect of the data, a stream ending early included
     * @throws IOException             if reading fails
     */
    public static RelinKey readFrom(CkksContext context, InputStream in) throws IOException {
        Objects.requireNonNull(context, "context must not be null");
        return fromBytes(context, ObjectFrame.read(in, "RelinKey.readFrom"));
    }
}
