package io.he4j.ckks.internal;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;

/**
 * Owns one native handle: freed exactly once, by {@link #close()} or, as a safety net, by a {@link Cleaner}
 * once this object is unreachable.
 *
 * <p>Close-vs-use races are safe: every native call brackets its use with {@link #acquire()} and
 * {@link #release()}, which count users; {@code close()} only marks the handle closed (later acquires
 * throw {@link IllegalStateException}) and the last user to release it frees the native object. A native
 * call therefore never sees a freed pointer, whatever other threads do.
 */
public final class NativeHandle {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int CLOSED = Integer.MIN_VALUE;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(NativeHandle.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MemorySegment address;
    private final String kind;
    private final Cleaner.Cleanable cleanable;
    /** Number of callers inside a native call, with the sign bit set once closed. */
    @SuppressWarnings("unused") // through STATE
    private volatile int state;

    private NativeHandle(MemorySegment address, String kind, MethodHandle free) {
        this.address = address;
        this.kind = kind;
        // The action holds only the address and the free function, never this object.
        this.cleanable = CLEANER.register(this, new Free(free, address.address()));
    }

    /**
     * Takes ownership of a freshly created native object.
     *
     * @param address the handle returned by the engine (not NULL)
     * @param kind    what it is, for messages ("Ciphertext")
     * @param free    the matching {@code he4j_*_free}, of type (MemorySegment)void
     */
    public static NativeHandle own(MemorySegment address, String kind, MethodHandle free) {
        if (address.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("the engine returned a NULL " + kind + " handle");
        }
        return new NativeHandle(address, kind, free);
    }

    /** Registers a caller; returns the native pointer. Throws IllegalStateException once closed. */
    public MemorySegment acquire() {
        while (true) {
            int s = (int) STATE.getVolatile(this);
            if (s < 0) {
                throw new IllegalStateException(kind + " is closed");
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                return address;
            }
        }
    }

    /** Ends a use begun by {@link #acquire()}; frees the native object if it was closed meanwhile. */
    public void release() {
        int s = (int) STATE.getAndAdd(this, -1) - 1;
        if (s == CLOSED) {
            cleanable.clean();
        }
    }

    /** Marks the handle closed; frees now, or when the last concurrent user releases it. Idempotent. */
    public void close() {
        while (true) {
            int s = (int) STATE.getVolatile(this);
            if (s < 0) {
                return;
            }
            if (STATE.compareAndSet(this, s, s | CLOSED)) {
                if (s == 0) {
                    cleanable.clean();
                }
                return;
            }
        }
    }

    /** The native pointer; only meaningful between {@link #acquire()} and {@link #release()}. */
    MemorySegment address() {
        return address;
    }

    public boolean isClosed() {
        return (int) STATE.getVolatile(this) < 0;
    }

    public String kind() {
        return kind;
    }

    private record Free(MethodHandle free, long address) implements Runnable {
        @Override
        public void run() {
            try {
                free.invokeExact(MemorySegment.ofAddress(address));
            } catch (Throwable t) {
                // Freeing never fails in the C ABI; nothing sensible to do on a cleaner thread.
            }
        }
    }
}
