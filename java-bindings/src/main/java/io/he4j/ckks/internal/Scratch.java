package io.he4j.ckks.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Per-thread native memory for the small arguments of calls that cannot take heap segments (the non-critical
 * ones): out-pointers, step lists, output-handle arrays. Reused from call to call, so such a call does not
 * create an {@link Arena} and malloc/free its arguments every time: the API call then does the same native
 * memory traffic as a bare downcall (small mallocs between the engine's own allocations change where those
 * land), and saves the arena's bookkeeping.
 *
 * <p>A slice is valid until the thread's next {@link #get}: take it, make the call, read the results, done.
 * Native calls do not call back into Java, so no other use can intervene. The contents are not secret.
 */
public final class Scratch {
    private static final long INITIAL_BYTES = 1024;
    private static final ThreadLocal<MemorySegment> BUFFER =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(INITIAL_BYTES, 64));

    private Scratch() {
    }

    /** At least {@code bytes} of this thread's scratch memory (not zeroed), 64-byte aligned. */
    public static MemorySegment get(long bytes) {
        MemorySegment s = BUFFER.get();
        if (s.byteSize() < bytes) {
            s = Arena.ofAuto().allocate(Math.max(bytes, 2 * s.byteSize()), 64);
            BUFFER.set(s);
        }
        return s;
    }
}
