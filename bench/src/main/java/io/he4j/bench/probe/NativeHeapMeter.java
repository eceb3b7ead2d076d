package io.he4j.bench.probe;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Bytes the C heap has handed out and not taken back (glibc {@code mallinfo2()}: in-use ordinary blocks
 * {@code uordblks} plus mmapped blocks {@code hblkhd}), called through FFM. Native objects of the engine live
 * there, so the growth across creating a session is what the session holds; unlike RSS it does not move
 * with the JVM's own heap.
 */
public final class NativeHeapMeter {
    private static final StructLayout MALLINFO2 = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("arena"), ValueLayout.JAVA_LONG.withName("ordblks"),
            ValueLayout.JAVA_LONG.withName("smblks"), ValueLayout.JAVA_LONG.withName("hblks"),
            ValueLayout.JAVA_LONG.withName("hblkhd"), ValueLayout.JAVA_LONG.withName("usmblks"),
            ValueLayout.JAVA_LONG.withName("fsmblks"), ValueLayout.JAVA_LONG.withName("uordblks"),
            ValueLayout.JAVA_LONG.withName("fordblks"), ValueLayout.JAVA_LONG.withName("keepcost"));
    private static final Optional<MethodHandle> MALLINFO = lookup();

    private NativeHeapMeter() {
    }

    private static Optional<MethodHandle> lookup() {
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find("mallinfo2")
                .map(addr -> linker.downcallHandle(addr, FunctionDescriptor.of(MALLINFO2)));
    }

    public static boolean available() {
        return MALLINFO.isPresent();
    }

    /** In-use C heap bytes (all threads' arenas). */
    public static long inUseBytes() {
        MethodHandle h = MALLINFO.orElseThrow(() -> new IllegalStateException("mallinfo2 is not available "
                + "(glibc >= 2.33 needed)"));
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment s = (MemorySegment) h.invokeExact((java.lang.foreign.SegmentAllocator) arena);
            return s.get(ValueLayout.JAVA_LONG, MALLINFO2.byteOffset(MemoryLayout.PathElement.groupElement("uordblks")))
                    + s.get(ValueLayout.JAVA_LONG, MALLINFO2.byteOffset(MemoryLayout.PathElement.groupElement("hblkhd")));
        } catch (Throwable t) {
            throw new IllegalStateException("mallinfo2 failed", t);
        }
    }
}
