package io.he4j.ckks.internal;

import java.lang.invoke.MethodHandle;

import static io.he4j.ckks.internal.Bind.F64;
import static io.he4j.ckks.internal.Bind.I32;
import static io.he4j.ckks.internal.Bind.PTR;
import static io.he4j.ckks.internal.Bind.SIZE;
import static io.he4j.ckks.internal.Bind.U32;

/** he4j_eval_*: homomorphic operations. Not critical: they run long enough that GC must not wait on them. */
public final class CapiEval {
    public static final MethodHandle ADD = Bind.status("he4j_eval_add", PTR, PTR, PTR, PTR);
    public static final MethodHandle SUB = Bind.status("he4j_eval_sub", PTR, PTR, PTR, PTR);
    public static final MethodHandle NEGATE = Bind.status("he4j_eval_negate", PTR, PTR, PTR);
    public static final MethodHandle ADD_PLAIN = Bind.status("he4j_eval_add_plain", PTR, PTR, PTR, PTR);
    public static final MethodHandle SUB_PLAIN = Bind.status("he4j_eval_sub_plain", PTR, PTR, PTR, PTR);
    public static final MethodHandle MUL_PLAIN = Bind.status("he4j_eval_mul_plain", PTR, PTR, PTR, PTR);
    public static final MethodHandle ADD_SCALAR = Bind.status("he4j_eval_add_scalar", PTR, PTR, F64, PTR);
    public static final MethodHandle MUL_SCALAR = Bind.status("he4j_eval_mul_scalar", PTR, PTR, F64, F64, PTR);
    public static final MethodHandle MUL = Bind.status("he4j_eval_mul", PTR, PTR, PTR, PTR);
    public static final MethodHandle RELINEARIZE = Bind.status("he4j_eval_relinearize", PTR, PTR, PTR, PTR);
    public static final MethodHandle MUL_RELIN = Bind.status("he4j_eval_mul_relin", PTR, PTR, PTR, PTR, PTR);
    public static final MethodHandle SQUARE_RELIN = Bind.status("he4j_eval_square_relin", PTR, PTR, PTR, PTR);
    public static final MethodHandle RESCALE = Bind.status("he4j_eval_rescale", PTR, PTR, PTR);
    public static final MethodHandle MOD_SWITCH_TO = Bind.status("he4j_eval_mod_switch_to", PTR, PTR, U32, PTR);
    public static final MethodHandle ROTATE = Bind.status("he4j_eval_rotate", PTR, PTR, PTR, I32, PTR);
    public static final MethodHandle CONJUGATE = Bind.status("he4j_eval_conjugate", PTR, PTR, PTR, PTR);
    public static final MethodHandle ROTATE_HOISTED =
            Bind.status("he4j_eval_rotate_hoisted", PTR, PTR, PTR, PTR, SIZE, PTR);
    public static final MethodHandle ROTATE_SUM = Bind.status("he4j_eval_rotate_sum", PTR, PTR, PTR, U32, PTR);

    private CapiEval() {
    }
}
