package io.he4j.paillier.math;

import io.he4j.ckks.He4j;
import io.he4j.ckks.ModExpBatch;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batches of exponentiations on the engine's AVX-512 IFMA multi-buffer Montgomery kernel
 * ({@code he4j_modexp_batch}, native/src/bignum): 8 independent exponentiations per pass, constant-time in
 * every value. A pass of 1 to 8 lanes costs the same, so a single exponentiation is slower than GMP's
 * (bench/results/paillier-*.md): single calls, public exponentiations and inverses go to {@code single}
 * (GMP), {@link #powSecretAll} with two or more lanes to the kernel. Results are identical (IfmaModExpTest).
 * Thread-safe.
 */
public final class IfmaModExp implements ModExp {
    /** Lanes per native call at most: a critical downcall holds the GC, so long batches go in slices. */
    private static final int MAX_LANES_PER_CALL = 64;
    private static final int MAX_BYTES = 1024;

    private final ModExp single;

    private IfmaModExp(ModExp single) {
        this.single = single;
    }

    /**
     * Binds the kernel of the bundled native engine.
     *
     * @throws UnsupportedOperationException if the engine does not run the IFMA kernel on this CPU (or
     *                                       HE4J_DISABLE_AVX512/HE4J_DISABLE_IFMA is set); the message says why
     * @throws RuntimeException              if the native library does not load
     */
    public static IfmaModExp load(ModExp single) {
        String kernel = ModExpBatch.kernel().orElseThrow(() -> new UnsupportedOperationException("the native "
                + "library (backend " + He4j.info().backend() + ") has no he4j_modexp_batch"));
        if (!kernel.equals("avx512ifma")) {
            throw new UnsupportedOperationException("the engine's exponentiation kernel is '" + kernel + "' on this "
                    + "CPU (" + He4j.info().cpuFeatures() + ")");
        }
        return new IfmaModExp(single);
    }

    @Override
    public BigInteger powSecret(BigInteger base, BigInteger exp, BigInteger mod) {
        return single.powSecret(base, exp, mod);
    }

    @Override
    public BigInteger[] powSecretAll(BigInteger[] bases, BigInteger[] exps, BigInteger[] mods) {
        if (bases.length != exps.length || bases.length != mods.length) {
            throw new IllegalArgumentException("powSecretAll: " + bases.length + " bases, " + exps.length
                    + " exponents and " + mods.length + " moduli");
        }
        BigInteger[] out = new BigInteger[bases.length];
        // The kernel takes one width per call: group the lanes by the byte length of their modulus.
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < bases.length; i++) {
            BigInteger m = mods[i];
            if (m.signum() <= 0 || !m.testBit(0) || bases[i].signum() < 0 || exps[i].signum() < 0) {
                throw new IllegalArgumentException("modexp needs an odd positive modulus, base >= 0 and exp >= 0");
            }
            int mb = (m.bitLength() + 7) / 8;
            if (m.bitLength() < 2 || mb > MAX_BYTES || (exps[i].bitLength() + 7) / 8 > MAX_BYTES) {
                out[i] = single.powSecret(bases[i], exps[i], m);
            } else {
                groups.computeIfAbsent(mb, k -> new ArrayList<>()).add(i);
            }
        }
        for (var g : groups.entrySet()) {
            List<Integer> lanes = g.getValue();
            if (lanes.size() == 1) {
                int i = lanes.getFirst();
                out[i] = single.powSecret(bases[i], exps[i], mods[i]);
                continue;
            }
            for (int from = 0; from < lanes.size(); from += MAX_LANES_PER_CALL) {
                call(lanes.subList(from, Math.min(lanes.size(), from + MAX_LANES_PER_CALL)), g.getKey(), bases, exps,
                        mods, out);
            }
        }
        return out;
    }

    private void call(List<Integer> lanes, int mb, BigInteger[] bases, BigInteger[] exps, BigInteger[] mods,
                      BigInteger[] out) {
        int n = lanes.size();
        int eb = 1;
        for (int i : lanes) {
            eb = Math.max(eb, (exps[i].bitLength() + 7) / 8);
        }
        byte[] b = new byte[n * mb];
        byte[] e = new byte[n * eb];
        byte[] m = new byte[n * mb];
        byte[] r = new byte[n * mb];
        try {
            for (int k = 0; k < n; k++) {
                int i = lanes.get(k);
                BigInteger base = bases[i].compareTo(mods[i]) >= 0 ? bases[i].mod(mods[i]) : bases[i];
                putFixed(base, b, k * mb, mb);
                putFixed(exps[i], e, k * eb, eb);
                putFixed(mods[i], m, k * mb, mb);
            }
            ModExpBatch.run(b, e, m, n, mb, eb, r);
            for (int k = 0; k < n; k++) {
                out[lanes.get(k)] = new BigInteger(1, r, k * mb, mb);
            }
        } finally {
            Arrays.fill(b, (byte) 0);
            Arrays.fill(e, (byte) 0);
            Arrays.fill(m, (byte) 0);
            Arrays.fill(r, (byte) 0);
        }
    }

    /** v (0 <= v < 2^(8 len)) as len big-endian bytes at dst[off..). */
    private static void putFixed(BigInteger v, byte[] dst, int off, int len) {
        byte[] raw = v.toByteArray(); // may carry one leading sign byte of zero
        int skip = raw.length > len ? raw.length - len : 0;
        System.arraycopy(raw, skip, dst, off + len - (raw.length - skip), raw.length - skip);
        Arrays.fill(raw, (byte) 0);
    }

    @Override
    public int lanes() {
        return 8;
    }

    @Override
    public BigInteger powPublic(BigInteger base, BigInteger exp, BigInteger mod) {
        return single.powPublic(base, exp, mod);
    }

    @Override
    public BigInteger inversePublic(BigInteger a, BigInteger mod) {
        return single.inversePublic(a, mod);
    }

    @Override
    public boolean constantTime() {
        return single.constantTime();
    }

    @Override
    public String name() {
        return "avx512ifma (batches) + " + single.name() + " (single calls)";
    }
}
