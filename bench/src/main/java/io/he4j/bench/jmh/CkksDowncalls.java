package io.he4j.bench.jmh;

import io.he4j.ckks.BareDowncalls;

/**
 * Each {@link CkksOp} of a {@link CkksWorkload} as a bare downcall ({@link BareDowncalls}, from the bindings'
 * test artifact) on the workload's very native objects: the twin of {@link CkksWorkload#api}. Not thread-safe.
 */
public final class CkksDowncalls implements AutoCloseable {
    private final CkksWorkload w;
    private final BareDowncalls bare = new BareDowncalls();

    public CkksDowncalls(CkksWorkload w) {
        this.w = w;
    }

    /** {@code op} as a bare downcall on the workload's native objects. */
    public CkksWorkload.Call bare(CkksOp op) {
        CkksSession s = w.s;
        BareDowncalls.Call c = switch (op) {
            case ENCODE -> bare.encode(s.context, s.values, s.context.defaultScale(), -1, w.ptOut);
            case ENCRYPT_PK -> bare.encrypt(s.context, s.publicKey, s.plain, w.ctOut);
            case ENCRYPT_SK -> bare.encrypt(s.context, s.secretKey, s.plain, w.ctOut);
            case DECRYPT -> bare.decrypt(s.context, s.secretKey, s.a, w.ptOut);
            case DECODE -> bare.decode(s.context, s.plain, w.decoded);
            case ADD -> bare.add(s.context, s.a, s.b, w.ctOut);
            case MULTIPLY_PLAIN -> bare.mulPlain(s.context, s.a, s.plain, w.ctOut);
            case MULTIPLY_RELIN -> bare.mulRelin(s.context, s.relinKey, s.a, s.b, w.ctOut);
            case RESCALE -> bare.rescale(s.context, w.product, w.ctOut);
            case ROTATE_1 -> bare.rotate(s.context, s.galoisKeys, s.a, 1, w.ctOut);
            case ROTATE_HOISTED_8 -> bare.rotateHoisted(s.context, s.galoisKeys, s.a, CkksSession.HOISTED_STEPS,
                    w.hoistedOut);
            case RELIN_KEYGEN -> bare.relinKeygen(s.context, s.secretKey);
            case GALOIS_KEYGEN_1STEP -> bare.galoisKeygen(s.context, s.secretKey, new int[]{1});
        };
        return c::run;
    }

    /** A downcall that does no work: the FFM transition alone. */
    public static int emptyDowncall() throws Throwable {
        return BareDowncalls.emptyDowncall();
    }

    /** Releases the held handles (the workload closes the objects). */
    @Override
    public void close() {
        bare.close();
    }
}
