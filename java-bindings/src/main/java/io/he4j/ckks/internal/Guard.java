package io.he4j.ckks.internal;

import java.lang.foreign.MemorySegment;

/**
 * Holds several handles acquired for one native call and releases them on close (try-with-resources).
 * If acquiring one fails (it was closed), the ones already acquired are released.
 */
public final class Guard implements AutoCloseable {
    private final NativeHandle[] handles;

    private Guard(NativeHandle[] handles) {
        this.handles = handles;
        int i = 0;
        try {
            for (; i < handles.length; i++) {
                handles[i].acquire();
            }
        } catch (RuntimeException e) {
            for (int j = 0; j < i; j++) {
                handles[j].release();
            }
            throw e;
        }
    }

    /** Acquires every handle in order. */
    public static Guard of(NativeHandle... handles) {
        return new Guard(handles);
    }

    /** The native pointer of the i-th handle. */
    public MemorySegment get(int i) {
        return handles[i].address();
    }

    @Override
    public void close() {
        for (NativeHandle h : handles) {
            h.release();
        }
    }
}
