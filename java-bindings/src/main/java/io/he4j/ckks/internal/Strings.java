package io.he4j.ckks.internal;

import java.lang.foreign.MemorySegment;

/** Conversions between C strings returned by the engine and Java strings. */
public final class Strings {
    private static final long MAX_C_STRING = 1 << 20;

    private Strings() {
    }

    /** A NUL-terminated UTF-8 string owned by the native side (static or thread-local); "" for NULL. */
    public static String fromC(MemorySegment s) {
        if (s.equals(MemorySegment.NULL)) {
            return "";
        }
        return s.reinterpret(MAX_C_STRING).getString(0);
    }
}
