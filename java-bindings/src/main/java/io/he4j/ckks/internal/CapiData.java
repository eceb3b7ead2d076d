package io.he4j.ckks.internal;

import java.lang.invoke.MethodHandle;

import static io.he4j.ckks.internal.Bind.F64;
import static io.he4j.ckks.internal.Bind.I32;
import static io.he4j.ckks.internal.Bind.PTR;
import static io.he4j.ckks.internal.Bind.SIZE;
import static io.he4j.ckks.internal.Bind.U32;

/**
 * Plaintexts, ciphertexts, encoding, encryption. Calls that take Java arrays (encode/decode, bytes) and
 * short property reads are critical, so {@code MemorySegment.ofArray} passes without a copy.
 */
public final class CapiData {
    public static final MethodHandle PLAINTEXT_CREATE = Bind.critical("he4j_plaintext_create", PTR, PTR);
    public static final MethodHandle PLAINTEXT_FREE = Bind.free("he4j_plaintext_free");
    public static final MethodHandle PLAINTEXT_LEVEL = Bind.critical("he4j_plaintext_level", PTR, PTR);
    public static final MethodHandle PLAINTEXT_SCALE = Bind.critical("he4j_plaintext_scale", PTR, PTR);
    public static final MethodHandle PLAINTEXT_SAVE = Bind.critical("he4j_plaintext_save", PTR, PTR, SIZE, PTR);
    public static final MethodHandle PLAINTEXT_LOAD = Bind.critical("he4j_plaintext_load", PTR, PTR, SIZE, PTR);
    public static final MethodHandle PLAINTEXT_MOD_SWITCH_TO =
            Bind.status("he4j_plaintext_mod_switch_to", PTR, PTR, U32, PTR);

    public static final MethodHandle ENCODE_REAL = Bind.critical("he4j_encode_real", PTR, PTR, SIZE, F64, I32, PTR);
    public static final MethodHandle ENCODE_COMPLEX = Bind.critical("he4j_encode_complex", PTR, PTR, SIZE, F64, I32, PTR);
    public static final MethodHandle ENCODE_SCALAR = Bind.critical("he4j_encode_scalar", PTR, F64, F64, I32, PTR);
    public static final MethodHandle ENCODE_COEFFS = Bind.critical("he4j_encode_coeffs", PTR, PTR, SIZE, F64, I32, PTR);
    public static final MethodHandle DECODE_REAL = Bind.critical("he4j_decode_real", PTR, PTR, PTR, SIZE);
    public static final MethodHandle DECODE_COMPLEX = Bind.critical("he4j_decode_complex", PTR, PTR, PTR, SIZE);
    public static final MethodHandle DECODE_COEFFS = Bind.critical("he4j_decode_coeffs", PTR, PTR, PTR, SIZE);

    public static final MethodHandle CIPHERTEXT_CREATE = Bind.critical("he4j_ciphertext_create", PTR, PTR);
    public static final MethodHandle CIPHERTEXT_FREE = Bind.free("he4j_ciphertext_free");
    public static final MethodHandle CIPHERTEXT_COPY = Bind.critical("he4j_ciphertext_copy", PTR, PTR);
    public static final MethodHandle CIPHERTEXT_LEVEL = Bind.critical("he4j_ciphertext_level", PTR, PTR);
    public static final MethodHandle CIPHERTEXT_SCALE = Bind.critical("he4j_ciphertext_scale", PTR, PTR);
    public static final MethodHandle CIPHERTEXT_SET_SCALE = Bind.critical("he4j_ciphertext_set_scale", PTR, F64);
    public static final MethodHandle CIPHERTEXT_SIZE = Bind.critical("he4j_ciphertext_size", PTR, PTR);
    public static final MethodHandle CIPHERTEXT_SAVE = Bind.critical("he4j_ciphertext_save", PTR, PTR, SIZE, PTR);
    public static final MethodHandle CIPHERTEXT_LOAD = Bind.critical("he4j_ciphertext_load", PTR, PTR, SIZE, PTR);

    public static final MethodHandle ENCRYPT_PK = Bind.status("he4j_encrypt_pk", PTR, PTR, PTR, PTR);
    public static final MethodHandle ENCRYPT_SK = Bind.status("he4j_encrypt_sk", PTR, PTR, PTR, PTR);
    /** Critical: its positions are a Java array; the call is one public-key encryption (tens of microseconds). */
    public static final MethodHandle ENCRYPT_ZERO_FLOODED =
            Bind.critical("he4j_encrypt_zero_flooded", PTR, PTR, I32, F64, PTR, SIZE, U32, PTR);
    public static final MethodHandle DECRYPT = Bind.status("he4j_decrypt", PTR, PTR, PTR, PTR);

    private CapiData() {
    }
}
