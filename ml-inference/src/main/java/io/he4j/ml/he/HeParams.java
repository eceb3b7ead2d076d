package io.he4j.ml.he;

import io.he4j.ckks.CkksContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The CKKS parameters a compiled model runs under, for reports.
 *
 * @param preset           preset name
 * @param polyDegree       N
 * @param dataPrimeBits    bit sizes of q_0..q_L
 * @param specialPrimeBits bit sizes of the key-switching primes
 * @param securityBits     classical security per the HomomorphicEncryption.org tables
 */
public record HeParams(String preset, int polyDegree, List<Integer> dataPrimeBits, List<Integer> specialPrimeBits,
                       int securityBits) {
    public HeParams {
        dataPrimeBits = List.copyOf(dataPrimeBits);
        specialPrimeBits = List.copyOf(specialPrimeBits);
    }

    /** The parameters of a preset (creates the context briefly to read its primes). */
    public static HeParams of(String preset) {
        try (CkksContext ctx = CkksContext.create(preset)) {
            return of(preset, ctx);
        }
    }

    public static HeParams of(String preset, CkksContext ctx) {
        long[] q = ctx.moduli();
        int data = ctx.maxLevel() + 1;
        List<Integer> d = new ArrayList<>();
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < q.length; i++) {
            (i < data ? d : s).add(64 - Long.numberOfLeadingZeros(q[i]));
        }
        return new HeParams(preset, ctx.polyDegree(), d, s, ctx.securityBits());
    }

    @Override
    public String toString() {
        return preset + " (N=" + polyDegree + ", primes " + dataPrimeBits + "+" + specialPrimeBits + " bits, "
                + securityBits + "-bit security)";
    }
}
