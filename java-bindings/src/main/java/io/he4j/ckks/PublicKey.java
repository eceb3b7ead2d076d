package io.he4j.ckks;

import io.he4j.ckks.internal.CapiKeys;
import io.he4j.ckks.internal.NativeHandle;
import io.he4j.ckks.internal.Serial;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The public encryption key: lets anyone encrypt for the holder of the matching {@link SecretKey}
 * (see {@link Encryptor}), and nothing else.
 *
 * <p>Immutable and thread-safe: share it between threads. Close it when done; using it after close throws
 * {@link IllegalStateException}.
 */
public final class PublicKey implements AutoCloseable {
    private final CkksContext context;
    private final NativeHandle handle;

    PublicKey(CkksContext context, NativeHandle handle) {
        this.context = context;
        this.handle = handle;
    }

    /** Serializes the key (header with magic, version, kind and parameter id, then the key material). */
    public byte[] toBytes() {
        return Serial.saveOffHeap("PublicKey.toBytes", CapiKeys.PUBLIC_KEY_SAVE, handle, false);
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
    public static PublicKey fromBytes(CkksContext context, byte[] bytes) {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(bytes, "bytes must not be null");
        var p = Serial.loadOffHeap("PublicKey.fromBytes", CapiKeys.PUBLIC_KEY_LOAD, context.handle(), bytes, false);
        return new PublicKey(context, NativeHandle.own(p, "PublicKey", CapiKeys.PUBLIC_KEY_FREE));
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
        return "PublicKey[" + (handle.isClosed() ? "closed" : "context=" + Long.toHexString(context.parameterId())) + "]";
    }
}
