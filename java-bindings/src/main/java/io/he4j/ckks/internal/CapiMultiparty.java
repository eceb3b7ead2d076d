package io.he4j.ckks.internal;

import java.lang.invoke.MethodHandle;

import static io.he4j.ckks.internal.Bind.F64;
import static io.he4j.ckks.internal.Bind.PTR;
import static io.he4j.ckks.internal.Bind.SIZE;
import static io.he4j.ckks.internal.Bind.U32;
import static io.he4j.ckks.internal.Bind.U64;

/**
 * Multiparty (threshold) keys (he4j.h, last section). Not critical: key shares and decryption shares are
 * polynomial work of milliseconds, and their arguments pass through native scratch memory.
 */
public final class CapiMultiparty {
    public static final MethodHandle SECRET_SHARE_GENERATE = Bind.status("he4j_secret_share_generate", PTR, PTR);
    public static final MethodHandle SECRET_SHARE_FREE = Bind.free("he4j_secret_share_free");
    public static final MethodHandle PUBLIC_KEY_SHARE =
            Bind.status("he4j_mp_public_key_share", PTR, PTR, PTR, SIZE, PTR);
    public static final MethodHandle PUBLIC_KEY_AGGREGATE =
            Bind.status("he4j_mp_public_key_aggregate", PTR, PTR, SIZE, PTR);
    public static final MethodHandle SMUDGING_BITS = Bind.status("he4j_mp_smudging_bits", PTR, U64, U64, U32, PTR);
    public static final MethodHandle DECRYPTION_SHARE =
            Bind.status("he4j_mp_decryption_share", PTR, PTR, PTR, U32, PTR);
    public static final MethodHandle DECRYPT_COMBINE = Bind.status("he4j_mp_decrypt_combine", PTR, PTR, PTR, SIZE, PTR);
    public static final MethodHandle DECRYPTION_SHARE_COMPACT =
            Bind.status("he4j_mp_decryption_share_compact", PTR, PTR, PTR, U32, U32, PTR, SIZE, PTR);
    public static final MethodHandle DECRYPT_COMBINE_COMPACT =
            Bind.status("he4j_mp_decrypt_combine_compact", PTR, PTR, PTR, PTR, SIZE, U32, PTR, SIZE);
    public static final MethodHandle ENCRYPT_SHARED_C1 =
            Bind.status("he4j_mp_encrypt_shared_c1", PTR, PTR, PTR, SIZE, PTR);
    public static final MethodHandle COMPACT_C0 = Bind.status("he4j_mp_compact_c0", PTR, PTR, U32, PTR, SIZE, PTR);
    public static final MethodHandle COMPACT_SUM = Bind.status("he4j_mp_compact_sum", PTR, PTR, PTR, SIZE, U32, U32, F64, PTR, SIZE, PTR);
    public static final MethodHandle COMBINE_COMPACT_PIECES =
            Bind.status("he4j_mp_combine_compact_pieces", PTR, PTR, PTR, SIZE, U32, PTR, SIZE);

    /** Bytes of a common reference seed (HE4J_MP_SEED_BYTES). */
    public static final int SEED_BYTES = 32;

    private CapiMultiparty() {
    }
}
