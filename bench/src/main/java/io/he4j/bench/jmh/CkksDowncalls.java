package io.he4j.bench.jmh;

import io.he4j.ckks.CkksContext;
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
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor any Java caller pays: each {@link CkksOp} of a {@link CkksWorkload} as a bare FFM downcall, with
 * the very method handles the API uses (same function descriptor and linker options) on the very native
 * objects of the workload, and only the status check a caller cannot skip. No argument checks, no handle
 * use counting, no per-call allocation. Also an empty downcall ({@code he4j_abi_version}) that bounds what
 * the FFM transition itself costs.
 *
 * <p>The native pointers are taken once, here, through the bindings' package-private handle accessors
 * (reflection at setup; the benchmark runs on the class path) and are held in use until {@link #close()}.
 * Not thread-safe.
 */
public final class CkksDowncalls implements AutoCloseable {
    private static final MethodHandle ABI_VERSION = NativeLibrary.get().downcall("he4j_abi_version",
            FunctionDescriptor.of(ValueLayout.JAVA_INT));

    private final CkksWorkload w;
    private final List<NativeHandle> held = new ArrayList<>();
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment ctx;
    private final MemorySegment sk;
    private final MemorySegment pk;
    private final MemorySegment rk;
    private final MemorySegment gk;
    private final MemorySegment plain;
    private final MemorySegment a;
    private final MemorySegment b;
    private final MemorySegment product;
    private final MemorySegment ptOut;
    private final MemorySegment ctOut;
    private final MemorySegment values;
    private final MemorySegment decoded;
    private final MemorySegment hoistedSteps;
    private final MemorySegment hoistedOuts;
    private final MemorySegment step1;
    private final MemorySegment keyOut;

    public CkksDowncalls(CkksWorkload w) {
        this.w = w;
        CkksSession s = w.s;
        ctx = acquire(s.context);
        sk = acquire(s.secretKey);
        pk = acquire(s.publicKey);
        rk = acquire(s.relinKey);
        gk = acquire(s.galoisKeys);
        plain = acquire(s.plain);
        a = acquire(s.a);
        b = acquire(s.b);
        product = acquire(w.product);
        ptOut = acquire(w.ptOut);
        ctOut = acquire(w.ctOut);
        values = MemorySegment.ofArray(s.values);
        decoded = MemorySegment.ofArray(w.decoded);
        hoistedSteps = arena.allocateFrom(ValueLayout.JAVA_INT, CkksSession.HOISTED_STEPS);
        hoistedOuts = arena.allocate(ValueLayout.ADDRESS, w.hoistedOut.length);
        for (int i = 0; i < w.hoistedOut.length; i++) {
            hoistedOuts.setAtIndex(ValueLayout.ADDRESS, i, acquire(w.hoistedOut[i]));
        }
        step1 = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
        keyOut = arena.allocate(ValueLayout.ADDRESS);
    }

    /** {@code op} as a bare downcall on the workload's native objects. */
    public CkksWorkload.Call bare(CkksOp op) {
        return switch (op) {
            case ENCODE -> () -> check((int) CapiData.ENCODE_REAL.invokeExact(ctx, values, (long) w.s.values.length,
                    w.s.context.defaultScale(), -1, ptOut));
            case ENCRYPT_PK -> () -> check((int) CapiData.ENCRYPT_PK.invokeExact(ctx, pk, plain, ctOut));
            case ENCRYPT_SK -> () -> check((int) CapiData.ENCRYPT_SK.invokeExact(ctx, sk, plain, ctOut));
            case DECRYPT -> () -> check((int) CapiData.DECRYPT.invokeExact(ctx, sk, a, ptOut));
            case DECODE -> () -> check((int) CapiData.DECODE_REAL.invokeExact(ctx, plain, decoded,
                    (long) w.decoded.length));
            case ADD -> () -> check((int) CapiEval.ADD.invokeExact(ctx, a, b, ctOut));
            case MULTIPLY_PLAIN -> () -> check((int) CapiEval.MUL_PLAIN.invokeExact(ctx, a, plain, ctOut));
            case MULTIPLY_RELIN -> () -> check((int) CapiEval.MUL_RELIN.invokeExact(ctx, rk, a, b, ctOut));
            case RESCALE -> () -> check((int) CapiEval.RESCALE.invokeExact(ctx, product, ctOut));
            case ROTATE_1 -> () -> check((int) CapiEval.ROTATE.invokeExact(ctx, gk, a, 1, ctOut));
            case ROTATE_HOISTED_8 -> () -> check((int) CapiEval.ROTATE_HOISTED.invokeExact(ctx, gk, a, hoistedSteps,
                    (long) CkksSession.HOISTED_STEPS.length, hoistedOuts));
            case RELIN_KEYGEN -> () -> {
                check((int) CapiKeys.RELIN_KEY_GENERATE.invokeExact(ctx, sk, keyOut));
                CapiKeys.RELIN_KEY_FREE.invokeExact(keyOut.get(ValueLayout.ADDRESS, 0));
            };
            case GALOIS_KEYGEN_1STEP -> () -> {
                check((int) CapiKeys.GALOIS_KEYS_GENERATE.invokeExact(ctx, sk, step1, 1L, 0, keyOut));
                CapiKeys.GALOIS_KEYS_FREE.invokeExact(keyOut.get(ValueLayout.ADDRESS, 0));
            };
        };
    }

    /** A downcall that does no work: the FFM transition alone. */
    public static int emptyDowncall() throws Throwable {
        return (int) ABI_VERSION.invokeExact();
    }

    private static void check(int status) {
        if (status != 0) {
            throw new IllegalStateException("bare downcall failed with status " + status);
        }
    }

    private MemorySegment acquire(Object apiObject) {
        NativeHandle h = handleOf(apiObject);
        MemorySegment p = h.acquire();
        held.add(h);
        return p;
    }

    /** The handle behind a public object: CkksContext.handle() or NativeObject.handle(), package-private. */
    private static NativeHandle handleOf(Object apiObject) {
        try {
            Class<?> owner = apiObject instanceof CkksContext ? CkksContext.class
                    : Class.forName("io.he4j.ckks.NativeObject");
            Method m = owner.getDeclaredMethod("handle");
            m.setAccessible(true);
            return (NativeHandle) m.invoke(apiObject);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the native handle of " + apiObject
                    + " (the benchmark must run on the class path)", e);
        }
    }

    /** Releases the held handles (the workload closes the objects). */
    @Override
    public void close() {
        held.forEach(NativeHandle::release);
        held.clear();
        arena.close();
    }
}
