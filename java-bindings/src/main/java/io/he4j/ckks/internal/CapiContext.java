package io.he4j.ckks.internal;

import java.lang.invoke.MethodHandle;

import static io.he4j.ckks.internal.Bind.F64;
import static io.he4j.ckks.internal.Bind.PTR;
import static io.he4j.ckks.internal.Bind.SIZE;
import static io.he4j.ckks.internal.Bind.U32;

/** he4j_context_*: creation, properties, parameter serialization. */
public final class CapiContext {
    public static final MethodHandle CREATE =
            Bind.status("he4j_context_create", U32, PTR, SIZE, PTR, SIZE, F64, U32, PTR);
    public static final MethodHandle CREATE_PRESET = Bind.status("he4j_context_create_preset", PTR, U32, PTR);
    public static final MethodHandle FREE = Bind.free("he4j_context_free");
    public static final MethodHandle POLY_DEGREE = Bind.critical("he4j_context_poly_degree", PTR, PTR);
    public static final MethodHandle SLOT_COUNT = Bind.critical("he4j_context_slot_count", PTR, PTR);
    public static final MethodHandle MAX_LEVEL = Bind.critical("he4j_context_max_level", PTR, PTR);
    public static final MethodHandle DEFAULT_SCALE = Bind.critical("he4j_context_default_scale", PTR, PTR);
    public static final MethodHandle MODULUS_COUNT = Bind.critical("he4j_context_modulus_count", PTR, PTR, PTR);
    public static final MethodHandle MODULUS = Bind.critical("he4j_context_modulus", PTR, SIZE, PTR);
    public static final MethodHandle SECURITY_BITS = Bind.critical("he4j_context_security_bits", PTR, PTR);
    public static final MethodHandle PARAM_ID = Bind.critical("he4j_context_param_id", PTR, PTR);
    public static final MethodHandle SAVE = Bind.critical("he4j_context_save", PTR, PTR, SIZE, PTR);
    public static final MethodHandle LOAD = Bind.status("he4j_context_load", PTR, SIZE, U32, PTR);

    private CapiContext() {
    }
}
