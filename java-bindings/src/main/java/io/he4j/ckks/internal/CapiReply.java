package io.he4j.ckks.internal;

import java.lang.invoke.MethodHandle;

import static io.he4j.ckks.internal.Bind.PTR;
import static io.he4j.ckks.internal.Bind.SIZE;
import static io.he4j.ckks.internal.Bind.U32;

/**
 * Compact coefficient replies (he4j.h). Critical: their buffers are Java arrays (positions, bytes, values)
 * and each call is short (two inverse NTTs and N modulus switches, or K*N additions).
 */
public final class CapiReply {
    public static final MethodHandle SIZE_OF =
            Bind.critical("he4j_ciphertext_compact_reply_size", PTR, PTR, SIZE, U32, PTR);
    public static final MethodHandle WRITE =
            Bind.critical("he4j_ciphertext_compact_reply", PTR, PTR, PTR, SIZE, U32, PTR, SIZE, PTR);
    public static final MethodHandle POSITIONS =
            Bind.critical("he4j_compact_reply_positions", PTR, PTR, SIZE, PTR, SIZE, PTR);
    public static final MethodHandle DECRYPT =
            Bind.critical("he4j_decrypt_compact_reply", PTR, PTR, PTR, SIZE, PTR, SIZE);

    private CapiReply() {
    }
}
