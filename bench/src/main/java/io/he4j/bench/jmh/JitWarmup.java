package io.he4j.bench.jmh;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CkksParameters;

import java.util.List;

/**
 * Brings the Java code of each {@link CkksOp}, public API and bare downcall alike, to its steady state (C2
 * compiled) before anything is timed. HotSpot compiles a loop-free method at its top tier only after about
 * 5,000 invocations; a time-bounded warmup gives a 2 ms key generation a few hundred, so the API's glue
 * (argument checks, handle guards, the Cleaner registration) would still run interpreted or in profiling code
 * and be timed as "Java overhead": +2 % on P8K relinearization key generation, 0.2 % once compiled. The calls
 * go through exactly the same Java code whatever the parameters, so they are made on a small ring (N = 1024),
 * where {@value #CALLS} calls of every op take seconds rather than minutes; the native work at the timed
 * parameters is then warmed by the caller as before.
 */
public final class JitWarmup {
    /** Calls per op and path: above HotSpot's tier-4 invocation threshold (5,000) with margin. */
    public static final int CALLS = 8_000;

    private JitWarmup() {
    }

    /**
     * N = 1024 with two data primes and one special prime: the smallest ring on which every op runs (rescale
     * drops a level, rotations need a key-switching prime). Not secure, and it need not be: the keys encrypt
     * nothing and are freed at once.
     */
    static CkksParameters parameters() {
        return CkksParameters.builder().logPolyDegree(10).dataPrimeBits(20, 20).specialPrimeBits(20)
                .defaultScale(Math.scalb(1.0, 12)).allowInsecure().build();
    }

    /** {@link #CALLS} calls of each op through the API and, if {@code bareToo}, as a bare downcall. */
    static void run(List<CkksOp> ops, boolean bareToo) throws Throwable {
        try (CkksWorkload w = new CkksWorkload(new CkksSession(CkksContext.create(parameters())));
             CkksDowncalls d = new CkksDowncalls(w)) {
            for (CkksOp op : ops) {
                CkksWorkload.Call api = w.api(op);
                CkksWorkload.Call bare = bareToo ? d.bare(op) : () -> { };
                for (int i = 0; i < CALLS; i++) {
                    api.run();
                    bare.run();
                }
            }
        }
    }
}
