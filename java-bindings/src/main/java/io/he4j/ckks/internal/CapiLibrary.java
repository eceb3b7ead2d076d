package io.he4j.ckks.internal;

import java.lang.invoke.MethodHandle;

import static io.he4j.ckks.internal.Bind.PTR;
import static io.he4j.ckks.internal.Bind.U64;

/** Library-level functions: error message, leak counter, preset names. */
public final class CapiLibrary {
    public static final MethodHandle LAST_ERROR_MESSAGE = Bind.returning("he4j_last_error_message", PTR);
    public static final MethodHandle LIVE_OBJECTS = Bind.returning("he4j_live_objects", U64);
    public static final MethodHandle PRESET_NAMES = Bind.returning("he4j_preset_names", PTR);

    private CapiLibrary() {
    }
}
