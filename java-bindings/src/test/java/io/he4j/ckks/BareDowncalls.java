package io.he4j.ckks;

import io.he4j.ckks.internal.CapiData;
import io.he4j.ckks.internal.CapiEval;
import io.he4j.ckks.internal.CapiKeys;
import io.he4j.ckks.internal.NativeHandle;
import io.he4j.ckks.internal.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor any Java caller pays: C ABI functions as bare FFM downcalls, with the very method handles the API
 * uses (same function descriptor and linker options), on the native objects behind API objects, and only the
 * status check a caller cannot skip. No argument checks, no per-call handle use counting, no allocation.
 * The benchmarks' overhead probe times each API call against its twin here.
 *
 * <p>Shipped in the test artifact ({@code he4j-ckks} with classifier {@code tests}), never in the library:
 * it lives in this package to reach the objects' handles, and holds each handle in use from the moment a
 * call is built until {@link #close()}. Not thread-safe.
 */
public final class BareDowncalls implements AutoCloseable {
    /** One downcall, run for its side effect. */
    @FunctionalInterface
    public interface Call {
        void run() throws Throwable;
    }

    private static final MethodHandle ABI_VERSION = NativeLibrary.get().downcall("he4j_abi_version",
            FunctionDescriptor.of(ValueLayout.JAVA_INT));

    private final List<NativeHandle> held = new ArrayList<>();
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment keyOut = arena.allocate(ValueLayout.ADDRESS);

    /** A downcall that does no work: the FFM transition alone. */
    public static int emptyDowncall() throws Throwable {
        return (int) ABI_VERSION.invokeExact();
    }

    public Call encode(CkksContext c, double[] values, double scale, int level, Plaintext out) {
        MemorySegment ctx = hold(c.handle()), v = MemorySegment.ofArray(values), o = hold(out);
        long n = values.length;
        return () -> check((int) CapiData.ENCODE_REAL.invokeExact(ctx, v, n, scale, level, o));
    }

    public Call decode(CkksContext c, Plaintext pt, double[] out) {
        MemorySegment ctx = hold(c.handle()), p = hold(pt), o = MemorySegment.ofArray(out);
        long n = out.length;
        return () -> check((int) CapiData.DECODE_REAL.invokeExact(ctx, p, o, n));
    }

    public Call encrypt(CkksContext c, PublicKey pk, Plaintext pt, Ciphertext out) {
        MemorySegment ctx = hold(c.handle()), k = hold(pk), p = hold(pt), o = hold(out);
        return () -> check((int) CapiData.ENCRYPT_PK.invokeExact(ctx, k, p, o));
    }

    public Call encrypt(CkksContext c, SecretKey sk, Plaintext pt, Ciphertext out) {
        MemorySegment ctx = hold(c.handle()), k = hold(sk), p = hold(pt), o = hold(out);
        return () -> check((int) CapiData.ENCRYPT_SK.invokeExact(ctx, k, p, o));
    }

    public Call decrypt(CkksContext c, SecretKey sk, Ciphertext ct, Plaintext out) {
        MemorySegment ctx = hold(c.handle()), k = hold(sk), x = hold(ct), o = hold(out);
        return () -> check((int) CapiData.DECRYPT.invokeExact(ctx, k, x, o));
    }

    public Call add(CkksContext c, Ciphertext a, Ciphertext b, Ciphertext out) {
        MemorySegment ctx = hold(c.handle()), x = hold(a), y = hold(b), o = hold(out);
        return () -> check((int) CapiEval.ADD.invokeExact(ctx, x, y, o));
    }

    public Call mulPlain(CkksContext c, Ciphertext a, Plaintext p, Ciphertext out) {
        MemorySegment ctx = hold(c.handle()), x = hold(a), y = hold(p), o = hold(out);
        return () -> check((int) CapiEval.MUL_PLAIN.invokeExact(ctx, x, y, o));
    }

    public Call mulRelin(CkksContext c, RelinKey rk, Ciphertext a, Ciphertext b, Ciphertext out) {
        MemorySegment ctx = hold(c.handle()), k = hold(rk), x = hold(a), y = hold(b), o = hold(out);
        return () -> check((int) CapiEval.MUL_RELIN.invokeExact(ctx, k, x, y, o));
    }

    public Call rescale(CkksContext c, Ciphertext a, Ciphertext out) {
        MemorySegment ctx = hold(c.handle()), x = hold(a), o = hold(out);
        return () -> check((int) CapiEval.RESCALE.invokeExact(ctx, x, o));
    }

    public Call rotate(CkksContext c, GaloisKeys gk, Ciphertext a, int step, Ciphertext out) {
        MemorySegment ctx = hold(c.handle()), k = hold(gk), x = hold(a), o = hold(out);
        return () -> check((int) CapiEval.ROTATE.invokeExact(ctx, k, x, step, o));
    }

    public Call rotateHoisted(CkksContext c, GaloisKeys gk, Ciphertext a, int[] steps, Ciphertext[] outs) {
        MemorySegment ctx = hold(c.handle()), k = hold(gk), x = hold(a);
        MemorySegment s = arena.allocateFrom(ValueLayout.JAVA_INT, steps);
        MemorySegment o = arena.allocate(ValueLayout.ADDRESS, outs.length);
        for (int i = 0; i < outs.length; i++) {
            o.setAtIndex(ValueLayout.ADDRESS, i, hold(outs[i]));
        }
        long n = steps.length;
        return () -> check((int) CapiEval.ROTATE_HOISTED.invokeExact(ctx, k, x, s, n, o));
    }

    /** Generates a relinearization key and frees it. */
    public Call relinKeygen(CkksContext c, SecretKey sk) {
        MemorySegment ctx = hold(c.handle()), k = hold(sk);
        return () -> {
            check((int) CapiKeys.RELIN_KEY_GENERATE.invokeExact(ctx, k, keyOut));
            CapiKeys.RELIN_KEY_FREE.invokeExact(keyOut.get(ValueLayout.ADDRESS, 0));
        };
    }

    /** Generates Galois keys for {@code steps} (no conjugation key) and frees them. */
    public Call galoisKeygen(CkksContext c, SecretKey sk, int[] steps) {
        MemorySegment ctx = hold(c.handle()), k = hold(sk);
        MemorySegment s = arena.allocateFrom(ValueLayout.JAVA_INT, steps);
        long n = steps.length;
        return () -> {
            check((int) CapiKeys.GALOIS_KEYS_GENERATE.invokeExact(ctx, k, s, n, 0, keyOut));
            CapiKeys.GALOIS_KEYS_FREE.invokeExact(keyOut.get(ValueLayout.ADDRESS, 0));
        };
    }

    /** Releases the held handles (their owners close the objects). */
    @Override
    public void close() {
        held.forEach(NativeHandle::release);
        held.clear();
        arena.close();
    }

    private MemorySegment hold(NativeObject o) {
        return hold(o.handle());
    }

    private MemorySegment hold(NativeHandle h) {
        MemorySegment p = h.acquire();
        held.add(h);
        return p;
    }

    private static void check(int status) {
        if (status != 0) {
            throw new IllegalStateException("bare downcall failed with status " + status);
        }
    }
}
