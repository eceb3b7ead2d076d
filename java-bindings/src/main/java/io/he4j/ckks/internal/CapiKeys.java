package io.he4j.ckks.internal;

import java.lang.invoke.MethodHandle;

import static io.he4j.ckks.internal.Bind.I32;
import static io.he4j.ckks.internal.Bind.PTR;
import static io.he4j.ckks.internal.Bind.SIZE;

/**
 * Key generation, freeing and serialization. Keys can be megabytes and their generation or validation
 * takes milliseconds, so these calls are not critical: buffers go through native memory.
 */
public final class CapiKeys {
    public static final MethodHandle SECRET_KEY_GENERATE = Bind.status("he4j_secret_key_generate", PTR, PTR);
    public static final MethodHandle PUBLIC_KEY_GENERATE = Bind.status("he4j_public_key_generate", PTR, PTR, PTR);
    public static final MethodHandle RELIN_KEY_GENERATE = Bind.status("he4j_relin_key_generate", PTR, PTR, PTR);
    public static final MethodHandle GALOIS_KEYS_GENERATE =
            Bind.status("he4j_galois_keys_generate", PTR, PTR, PTR, SIZE, I32, PTR);
    public static final MethodHandle GALOIS_KEYS_HAS_STEP = Bind.critical("he4j_galois_keys_has_step", PTR, I32, PTR);

    public static final MethodHandle SECRET_KEY_FREE = Bind.free("he4j_secret_key_free");
    public static final MethodHandle PUBLIC_KEY_FREE = Bind.free("he4j_public_key_free");
    public static final MethodHandle RELIN_KEY_FREE = Bind.free("he4j_relin_key_free");
    public static final MethodHandle GALOIS_KEYS_FREE = Bind.free("he4j_galois_keys_free");

    public static final MethodHandle SECRET_KEY_SAVE = Bind.status("he4j_secret_key_save", PTR, PTR, SIZE, PTR);
    public static final MethodHandle SECRET_KEY_LOAD = Bind.status("he4j_secret_key_load", PTR, PTR, SIZE, PTR);
    public static final MethodHandle PUBLIC_KEY_SAVE = Bind.status("he4j_public_key_save", PTR, PTR, SIZE, PTR);
    public static final MethodHandle PUBLIC_KEY_LOAD = Bind.status("he4j_public_key_load", PTR, PTR, SIZE, PTR);
    public static final MethodHandle RELIN_KEY_SAVE = Bind.status("he4j_relin_key_save", PTR, PTR, SIZE, PTR);
    public static final MethodHandle RELIN_KEY_LOAD = Bind.status("he4j_relin_key_load", PTR, PTR, SIZE, PTR);
    public static final MethodHandle GALOIS_KEYS_SAVE = Bind.status("he4j_galois_keys_save", PTR, PTR, SIZE, PTR);
    public static final MethodHandle GALOIS_KEYS_LOAD = Bind.status("he4j_galois_keys_load", PTR, PTR, SIZE, PTR);

    private CapiKeys() {
    }
}
