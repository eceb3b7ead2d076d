package io.he4j.ckks.internal;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Reads one scalar property {@code he4j_x_prop(obj, &out)} of a handle (critical, out-value in a Java array). */
public final class Props {
    private Props() {
    }

    /** uint32_t / int out-parameter. */
    public static int u32(String op, MethodHandle getter, NativeHandle object) {
        int[] out = new int[1];
        read(op, getter, object, MemorySegment.ofArray(out));
        return out[0];
    }

    /** uint64_t / size_t out-parameter. */
    public static long u64(String op, MethodHandle getter, NativeHandle object) {
        long[] out = new long[1];
        read(op, getter, object, MemorySegment.ofArray(out));
        return out[0];
    }

    /** double out-parameter. */
    public static double f64(String op, MethodHandle getter, NativeHandle object) {
        double[] out = new double[1];
        read(op, getter, object, MemorySegment.ofArray(out));
        return out[0];
    }

    /** {@code getter(object, out)} with the handle held in use for the call. */
    private static void read(String op, MethodHandle getter, NativeHandle object, MemorySegment out) {
        MemorySegment p = object.acquire();
        try {
            Status.check((int) getter.invokeExact(p, out), op);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        } finally {
            object.release();
        }
    }

    /** Creates an empty object with {@code he4j_x_create(ctx, &out)} (critical) and takes ownership. */
    public static NativeHandle create(String op, MethodHandle create, NativeHandle context, String kind,
                                      MethodHandle free) {
        MemorySegment p;
        try (Guard g = Guard.of(context)) {
            long[] out = new long[1];
            Status.check((int) create.invokeExact(g.get(0), MemorySegment.ofArray(out)), op);
            p = MemorySegment.ofAddress(out[0]);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
        return NativeHandle.own(p, kind, free);
    }
}
