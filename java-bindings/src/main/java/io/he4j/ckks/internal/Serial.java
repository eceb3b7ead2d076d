package io.he4j.ckks.internal;

import io.he4j.ckks.NativeOutOfMemoryException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * Save and load through {@code he4j_x_save(obj, buf, cap, &written)} / {@code he4j_x_load(ctx, buf, len, &out)}:
 * the size is queried with a NULL buffer, then the object is written into a buffer of that size and trimmed.
 */
public final class Serial {
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    private Serial() {
    }

    /** Saves straight into a byte[] (the save function must be bound critical). */
    public static byte[] saveToArray(String op, MethodHandle save, NativeHandle object) {
        try (Guard g = Guard.of(object)) {
            long[] written = new long[1];
            MemorySegment w = MemorySegment.ofArray(written);
            Status.check((int) save.invokeExact(g.get(0), MemorySegment.NULL, 0L, w), op);
            byte[] buf = new byte[checkedSize(op, written[0])];
            Status.check((int) save.invokeExact(g.get(0), MemorySegment.ofArray(buf), (long) buf.length, w), op);
            return written[0] == buf.length ? buf : Arrays.copyOf(buf, checkedSize(op, written[0]));
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * Saves through a native buffer (for non-critical functions: large keys). With {@code wipe}, the native
     * copy is zeroed before it is released (secret keys).
     */
    public static byte[] saveOffHeap(String op, MethodHandle save, NativeHandle object, boolean wipe) {
        try (Guard g = Guard.of(object); Arena arena = Arena.ofConfined()) {
            MemorySegment w = arena.allocate(ValueLayout.JAVA_LONG);
            Status.check((int) save.invokeExact(g.get(0), MemorySegment.NULL, 0L, w), op);
            long cap = checkedSize(op, w.get(ValueLayout.JAVA_LONG, 0));
            MemorySegment buf = arena.allocate(Math.max(cap, 1));
            try {
                Status.check((int) save.invokeExact(g.get(0), buf, cap, w), op);
                long n = w.get(ValueLayout.JAVA_LONG, 0);
                if (n > cap) {
                    throw new IllegalStateException(op + ": engine wrote " + n + " bytes into " + cap);
                }
                return buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
            } finally {
                if (wipe) {
                    buf.fill((byte) 0);
                }
            }
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * Loads from bytes in place (critical load function): a heap segment (a byte[] or a slice of one) or a native
     * one, read by the engine without a copy; returns the new native pointer.
     */
    public static MemorySegment loadFromSegment(String op, MethodHandle load, NativeHandle context,
                                                MemorySegment bytes) {
        try (Guard g = Guard.of(context)) {
            long[] out = new long[1];
            Status.check((int) load.invokeExact(g.get(0), bytes, bytes.byteSize(), MemorySegment.ofArray(out)), op);
            return MemorySegment.ofAddress(out[0]);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /** Loads through a native copy of the bytes (non-critical load function); wipes the copy if asked. */
    public static MemorySegment loadOffHeap(String op, MethodHandle load, NativeHandle context, byte[] bytes,
                                            boolean wipe) {
        try (Guard g = Guard.of(context); Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(bytes.length, 1));
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            try {
                Status.check((int) load.invokeExact(g.get(0), buf, (long) bytes.length, out), op);
            } finally {
                if (wipe) {
                    buf.fill((byte) 0);
                }
            }
            return out.get(ValueLayout.ADDRESS, 0);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    private static int checkedSize(String op, long n) {
        if (n < 0 || n > MAX_ARRAY) {
            throw new NativeOutOfMemoryException(op + ": serialized size " + n + " bytes does not fit a Java array");
        }
        return (int) n;
    }
}
