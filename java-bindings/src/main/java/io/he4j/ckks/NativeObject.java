package io.he4j.ckks;

import io.he4j.ckks.internal.NativeHandle;
import io.he4j.ckks.internal.Serial;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Shared base of the public objects backed by one native object of a {@link CkksContext}: owns the
 * {@link NativeHandle} (use counting, Cleaner safety net), closes it, and serializes it through the native
 * save/load functions named by a per-kind {@link Kind}.
 */
abstract sealed class NativeObject implements AutoCloseable permits SerializableObject, SecretKey {
    /**
     * The native functions of one kind of object. {@code offHeap}: save/load go through native buffers
     * (non-critical functions: keys); {@code wipe}: those buffers hold secrets and are zeroized.
     */
    record Kind(String name, MethodHandle save, MethodHandle load, MethodHandle free, boolean offHeap, boolean wipe) {
    }

    private final CkksContext context;
    private final NativeHandle handle;
    private final Kind kind;

    NativeObject(CkksContext context, NativeHandle handle, Kind kind) {
        this.context = context;
        this.handle = handle;
        this.kind = kind;
    }

    /** Loads an object of {@code kind} from {@code bytes} and takes ownership of it. */
    static NativeHandle load(Kind kind, CkksContext context, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        return kind.offHeap()
                ? own(kind, Serial.loadOffHeap(op(kind, context), kind.load(), context.handle(), bytes, kind.wipe()))
                : load(kind, context, MemorySegment.ofArray(bytes));
    }

    /** Loads an object of an on-heap {@code kind} from {@code bytes} in place and takes ownership of it. */
    static NativeHandle load(Kind kind, CkksContext context, MemorySegment bytes) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        if (kind.offHeap()) {
            throw new IllegalStateException(kind.name() + " loads through a native copy, not in place");
        }
        return own(kind, Serial.loadFromSegment(op(kind, context), kind.load(), context.handle(), bytes));
    }

    private static String op(Kind kind, CkksContext context) {
        Objects.requireNonNull(context, "context must not be null");
        return kind.name() + ".fromBytes";
    }

    private static NativeHandle own(Kind kind, MemorySegment pointer) {
        return NativeHandle.own(pointer, kind.name(), kind.free());
    }

    /** Fills the new object {@code out} and returns it; closes it if filling throws. */
    static <T extends NativeObject> T filled(T out, Consumer<? super T> fill) {
        try {
            fill.accept(out);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Serializes the native object. */
    final byte[] save() {
        String op = kind.name() + ".toBytes";
        return kind.offHeap()
                ? Serial.saveOffHeap(op, kind.save(), handle, kind.wipe())
                : Serial.saveToArray(op, kind.save(), handle);
    }

    /** The context this object belongs to. */
    public CkksContext context() {
        return context;
    }

    final NativeHandle handle() {
        return handle;
    }

    /** Frees the native object (zeroizing it if it holds secrets); idempotent. */
    @Override
    public void close() {
        handle.close();
    }

    /** Shows the kind and the parameter id of the context, never key material. */
    @Override
    public String toString() {
        return kind.name() + "[" + (handle.isClosed() ? "closed" : "context=" + Long.toHexString(context.parameterId())) + "]";
    }
}
