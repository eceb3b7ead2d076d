package io.he4j.ckks.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** Shorthands for binding C ABI functions; every status-returning function returns JAVA_INT. */
final class Bind {
    static final ValueLayout.OfInt STATUS = ValueLayout.JAVA_INT;
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG;
    static final ValueLayout.OfLong SIZE = ValueLayout.JAVA_LONG;
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE;
    static final ValueLayout PTR = ValueLayout.ADDRESS;

    /**
     * Heap segments ({@code MemorySegment.ofArray}) pass straight through; used for short calls and for
     * the ones whose buffers are Java arrays (encode/decode, ciphertext/plaintext bytes). Such a call
     * holds off garbage collection while it runs, so long operations are bound with {@link #status}.
     */
    private static final Linker.Option CRITICAL = Linker.Option.critical(true);

    private Bind() {
    }

    /** A status-returning function; buffers must be native segments. */
    static MethodHandle status(String name, MemoryLayout... args) {
        return NativeLibrary.get().downcallOrMissing(name, FunctionDescriptor.of(STATUS, args));
    }

    /** A status-returning function that accepts heap segments (see {@link #CRITICAL}). */
    static MethodHandle critical(String name, MemoryLayout... args) {
        return NativeLibrary.get().downcallOrMissing(name, FunctionDescriptor.of(STATUS, args), CRITICAL);
    }

    /** {@code void he4j_x_free(he4j_x*)}. */
    static MethodHandle free(String name) {
        return NativeLibrary.get().downcallOrMissing(name, FunctionDescriptor.ofVoid(PTR));
    }

    /** A function returning a value directly (strings, counters). */
    static MethodHandle returning(String name, MemoryLayout result) {
        return NativeLibrary.get().downcallOrMissing(name, FunctionDescriptor.of(result));
    }
}
