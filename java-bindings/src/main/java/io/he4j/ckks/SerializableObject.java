package io.he4j.ckks;

import io.he4j.ckks.internal.NativeHandle;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** Shared base of the native-backed objects that serialize without an access token (all but {@link SecretKey}). */
abstract sealed class SerializableObject extends NativeObject permits Ciphertext, Plaintext, PublicKey, RelinKey, GaloisKeys {
    SerializableObject(CkksContext context, NativeHandle handle, Kind kind) {
        super(context, handle, kind);
    }

    /** Serializes the object (header with magic, version, kind and parameter id, then the data). */
    public byte[] toBytes() {
        return save();
    }

    /** Writes {@link #toBytes()} to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out must not be null").write(toBytes());
    }
}
