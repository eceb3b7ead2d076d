package io.he4j.ckks;

import io.he4j.ckks.internal.CapiModExp;
import io.he4j.ckks.internal.NativeLibrary;
import io.he4j.ckks.internal.Status;
import io.he4j.ckks.internal.Strings;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * The engine's batched multi-precision modular exponentiation ({@code he4j_modexp_batch}, native/src/bignum):
 * up to 8 independent exponentiations per pass of an AVX-512 IFMA Montgomery kernel (a scalar twin with the same
 * results elsewhere), constant time in every base, exponent and modulus. Numbers are unsigned big-endian, fixed
 * width. Used by the Paillier module; it is not CKKS, but it lives in the same native library.
 */
public final class ModExpBatch {
    private ModExpBatch() {
    }

    /**
     * The kernel the engine runs on this CPU: "avx512ifma" or "scalar" (HE4J_DISABLE_AVX512 or
     * HE4J_DISABLE_IFMA force the latter); empty if the loaded library (e.g. the SEAL backend) lacks it.
     */
    public static Optional<String> kernel() {
        if (!NativeLibrary.get().exports("he4j_modexp_kernel")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Strings.fromC((MemorySegment) CapiModExp.MODEXP_KERNEL.invokeExact()));
        } catch (Throwable t) {
            throw Status.rethrow(t, "he4j_modexp_kernel");
        }
    }

    /**
     * out_i = bases_i ^ exps_i mod mods_i for {@code lanes} lanes; lane i's numbers are at offset i * width in
     * each array ({@code modBytes} wide for bases, moduli and results, {@code expBytes} for exponents). Moduli
     * must be odd and greater than 1, bases below their modulus.
     *
     * @throws InvalidArgumentException naming the lane, for a bad lane or size
     */
    public static void run(byte[] bases, byte[] exps, byte[] mods, int lanes, int modBytes, int expBytes,
                           byte[] out) {
        int status;
        try {
            status = (int) CapiModExp.MODEXP_BATCH.invokeExact(MemorySegment.ofArray(bases),
                    MemorySegment.ofArray(exps), MemorySegment.ofArray(mods), (long) lanes, (long) modBytes,
                    (long) expBytes, MemorySegment.ofArray(out));
        } catch (Throwable t) {
            throw Status.rethrow(t, "he4j_modexp_batch");
        }
        Status.check(status, "ModExpBatch.run");
    }
}
