package io.he4j.ckks.internal;

/** Engine-level counters for tests and diagnostics (not exported by the module). */
public final class Diagnostics {
    private Diagnostics() {
    }

    /** Number of live native handles of all kinds ({@code he4j_live_objects}). */
    public static long liveObjects() {
        try {
            return (long) CapiLibrary.LIVE_OBJECTS.invokeExact();
        } catch (Throwable t) {
            throw Status.rethrow(t, "liveObjects");
        }
    }
}
