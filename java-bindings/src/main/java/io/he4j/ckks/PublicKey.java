package io.he4j.ckks;

import io.he4j.ckks.internal.CapiKeys;
import io.he4j.ckks.internal.NativeHandle;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The public encryption key: lets anyone encrypt for the holder of the matching {@link SecretKey}
 * (see {@link Encryptor}), and nothing else.
 *
 * <p>Immutable and thread-safe: share it between threads. Close it when done; using it after close throws
 * {@link IllegalStateException}.
 */
public final class PublicKey extends SerializableObject {
    private static final Kind KIND = new Kind("PublicKey", CapiKeys.PUBLIC_KEY_SAVE, CapiKeys.PUBLIC_KEY_LOAD, CapiKeys.PUBLIC_KEY_FREE,
            true, false);

    PublicKey(CkksContext context, NativeHandle handle) {
        super(context, handle, KIND);
    }

    /**
     * Loads a key saved by {@link #toBytes()}; every field and coefficient is checked first.
     *
     * @throws MalformedInputException if the bytes are not a valid key of this kind for these parameters
     */
    public static PublicKey fromBytes(CkksContext context, byte[] bytes) {
        return new PublicKey(context, load(KIND, context, bytes));
    }

    /**
     * Reads one {@code PublicKey} written by {@link #writeTo} from {@code in}; what follows in the stream stays unread.
     *
     * @throws MalformedInputException on any defect of the data, a stream ending early included
     * @throws IOException             if reading fails
     */
    public static PublicKey readFrom(CkksContext context, InputStream in) throws IOException {
        Objects.requireNonNull(context, "context must not be null");
        return fromBytes(context, ObjectFrame.read(in, "PublicKey.readFrom"));
    }
}
