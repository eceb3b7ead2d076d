package io.he4j.ckks;

import io.he4j.ckks.internal.CapiKeys;
import io.he4j.ckks.internal.NativeHandle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * The CKKS secret key: decrypts, and generates every other key. It stays on the client: it is not part of
 * {@link PublicContext}, its bytes leave only with a {@link SecretKeyAccess} token, and {@code toString()}
 * shows no material. Native memory is zeroized when freed.
 *
 * <p>Immutable and thread-safe (share it between encrypting/decrypting threads). Close it when done;
 * using it after close throws {@link IllegalStateException}.
 */
public final class SecretKey extends NativeObject {
    private static final Kind KIND = new Kind("SecretKey", CapiKeys.SECRET_KEY_SAVE, CapiKeys.SECRET_KEY_LOAD,
            CapiKeys.SECRET_KEY_FREE, true, true);

    SecretKey(CkksContext context, NativeHandle handle) {
        super(context, handle, KIND);
    }

    /**
     * Serializes the secret key.
     *
     * @param access {@link SecretKeyAccess#insecureExport()}: proof that the caller means to export it
     */
    public byte[] toBytes(SecretKeyAccess access) {
        Objects.requireNonNull(access, "exporting a secret key needs SecretKeyAccess.insecureExport()");
        return save();
    }

    /**
     * Loads a secret key saved by {@link #toBytes(SecretKeyAccess)}.
     *
     * @throws MalformedInputException if the bytes are not a secret key for these parameters
     */
    public static SecretKey fromBytes(CkksContext context, byte[] bytes, SecretKeyAccess access) {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(bytes, "bytes must not be null");
        Objects.requireNonNull(access, "loading a secret key needs SecretKeyAccess.insecureExport()");
        return new SecretKey(context, load(KIND, context, bytes));
    }

    /**
     * Writes {@link #toBytes(SecretKeyAccess)} to {@code out}; the intermediate array is zeroed afterwards.
     *
     * @param access {@link SecretKeyAccess#insecureExport()}: proof that the caller means to export it
     */
    public void writeTo(OutputStream out, SecretKeyAccess access) throws IOException {
        Objects.requireNonNull(out, "out must not be null");
        byte[] bytes = toBytes(access);
        try {
            out.write(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Reads a secret key written by {@link #writeTo} from {@code in}; what follows in the stream stays unread.
     * The bytes read are zeroed once loaded.
     *
     * @throws MalformedInputException on any defect of the data, a stream ending early included
     * @throws IOException             if reading fails
     */
    public static SecretKey readFrom(CkksContext context, InputStream in, SecretKeyAccess access) throws IOException {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(access, "loading a secret key needs SecretKeyAccess.insecureExport()");
        byte[] bytes = ObjectFrame.read(in, "SecretKey.readFrom");
        try {
            return fromBytes(context, bytes, access);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Shows no key material. */
    @Override
    public String toString() {
        return "SecretKey[" + (handle().isClosed() ? "closed" : "redacted") + "]";
    }
}
