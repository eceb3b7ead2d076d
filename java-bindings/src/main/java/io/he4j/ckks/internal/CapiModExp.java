package io.he4j.ckks.internal;

import java.lang.invoke.MethodHandle;

import static io.he4j.ckks.internal.Bind.PTR;
import static io.he4j.ckks.internal.Bind.SIZE;

/**
 * Batched multi-precision modular exponentiation (he4j.h, "modexp" section). Critical: the operands are Java
 * byte arrays (a batch of 8 exponentiations of 2048-bit moduli is milliseconds; callers slice long batches).
 */
public final class CapiModExp {
    public static final MethodHandle MODEXP_BATCH =
            Bind.critical("he4j_modexp_batch", PTR, PTR, PTR, SIZE, SIZE, SIZE, PTR);
    public static final MethodHandle MODEXP_KERNEL = Bind.returning("he4j_modexp_kernel", PTR);

    private CapiModExp() {
    }
}
