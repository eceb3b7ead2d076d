package io.he4j.ckks;

import io.he4j.ckks.internal.CapiKeys;
import io.he4j.ckks.internal.NativeHandle;

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

    /** Shows no key material. */
    @Override
    public String toString() {
        return "SecretKey[" + (handle().isClosed() ? "closed" : "redacted") + "]";
    }
}
