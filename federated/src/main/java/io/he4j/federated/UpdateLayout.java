package io.he4j.federated;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CkksParameters;
import io.he4j.ckks.Multiparty;

/**
 * How a vector of model parameters travels encrypted: packed densely as polynomial COEFFICIENTS (N values per
 * ciphertext, not N/2 slots: additions are all aggregation needs), at the top level of the mode's preset, each
 * value at {@code scale}.
 * <ul>
 *   <li>Shared key: N = 2048, one 48-bit prime; a seeded symmetric ciphertext carries N 48-bit coefficients and
 *   a 32-byte seed: 1.5x the float32 size of the values.</li>
 *   <li>Threshold: N = 4096, two 48-bit primes. Chunks travel in groups of {@link #KEY_GROUP} that share one
 *   c1 (randomness reuse under {@link #KEY_GROUP} collective keys of one common seed: every institution holds
 *   that many secret shares; native/src/ckks/multiparty.hpp has the argument): the group's first chunk, its
 *   carrier, is a full public-key ciphertext (2 x N x 96 bits), every other chunk only its c0 switched from Q
 *   to 2^{@link #shareBits} (a compact piece). Each chunk's compact decryption share (of the carrier
 *   aggregate's c1 under the chunk's key) has {@link #shareBits} bits per coefficient too. Per parameter and
 *   round, for full groups: (2 x 96 + 15 x shareBits) / 16 + shareBits bits (shareBits = 47 for 4
 *   institutions, 40 for 100), i.e. about 3.2x and 2.8x the float32 size (100,000 parameters, 25 chunks in
 *   2 groups: 3.39x and 2.96x). The scale leaves the smudging noise of {@code smudgingBits} bits (times the
 *   number of institutions) at least {@link #PRECISION_BITS} bits below one unit of the values.</li>
 * </ul>
 *
 * @param mode         the federation's key mode
 * @param parameters   values per update
 * @param scale        encoding scale
 * @param smudgingBits threshold mode: width of each decryption share's smudging noise; 0 in shared-key mode
 */
public record UpdateLayout(KeyMode mode, int parameters, double scale, int smudgingBits) {
    /** Shared key: the 48-bit prime leaves 47 bits for a centered value; keep one bit of headroom. */
    static final int SHARED_VALUE_BITS = 46;
    /** Threshold: Q = q0*q1 < 2^96 (P4K-IFMA: two primes below 2^48). */
    static final int THRESHOLD_MODULUS_BITS = 96;
    /** Threshold: bits below log2(q0*q1) kept free (sign, and headroom for the noise). */
    static final int THRESHOLD_HEADROOM_BITS = 2;
    /** Threshold: chunks per group sharing one c1, and so secret shares per institution (one per chunk of a group). */
    public static final int KEY_GROUP = 16;
    /**
     * Threshold: most institutions per federation; the 2K switched pieces of a chunk's combination (K compact c0s
     * or the carrier's c0, K compact shares) then round by less than 2^(smudgingBits - 1) in all (see shareBits).
     */
    public static final int MAX_INSTITUTIONS = 127;
    /** Statistical security of the smudging (Asharov et al.: distance <= 2^-40 per share). */
    public static final int SMUDGING_LAMBDA = 40;
    /** Bits of the scale kept above the smudging noise: 2^-20 ~ 1e-6 of one unit. */
    public static final int PRECISION_BITS = 20;

    public UpdateLayout {
        if (mode == null || parameters < 1 || !(scale >= 1) || Double.isInfinite(scale) || smudgingBits < 0
                || (mode == KeyMode.THRESHOLD) != (smudgingBits > 0)) {
            throw new FederationException("an update layout needs a key mode, >= 1 parameter, a finite scale >= 1"
                    + " and smudging bits > 0 exactly in threshold mode");
        }
    }

    /** A shared-key layout. */
    public UpdateLayout(int parameters, double scale) {
        this(KeyMode.SHARED, parameters, scale, 0);
    }

    /** Shared key: {@link #forSum(KeyMode, int, double, double, int)} for shared-key mode. */
    public static UpdateLayout forSum(int parameters, double totalWeight, double bound) {
        return forSum(KeyMode.SHARED, parameters, totalWeight, bound, 1);
    }

    /**
     * The largest power-of-two scale at which a sum of weighted values, each |value| <= {@code bound}, with
     * weights summing to {@code totalWeight}, still fits, for {@code institutions} contributors.
     *
     * @throws FederationException if the sum leaves too little precision (threshold mode: too many
     *                             institutions or too large a bound for the smudging noise)
     */
    public static UpdateLayout forSum(KeyMode mode, int parameters, double totalWeight, double bound,
                                      int institutions) {
        double max = totalWeight * bound;
        if (!(max > 0) || Double.isInfinite(max) || institutions < 1) {
            throw new FederationException("total weight and bound must be positive and finite, institutions >= 1");
        }
        if (mode == KeyMode.SHARED) {
            int bits = SHARED_VALUE_BITS - Math.getExponent(max) - 1;
            if (bits < 8) {
                // the decrypted sum's error is a few tens of units at scale 2^bits (fresh noise, summed)
                throw new FederationException("weighted sums up to " + max + " leave fewer than 8 fractional bits");
            }
            return new UpdateLayout(parameters, Math.scalb(1.0, bits));
        }
        if (institutions > MAX_INSTITUTIONS) {
            throw new FederationException("threshold mode supports at most " + MAX_INSTITUTIONS
                    + " institutions per federation, got " + institutions);
        }
        int smudging;
        double modulusBits = 0;
        try (CkksContext ctx = CkksContext.create(mode.preset())) {
            smudging = Multiparty.smudgingBits(ctx, institutions, institutions, SMUDGING_LAMBDA);
            long[] moduli = ctx.moduli();  // data primes first
            for (int i = 0; i <= ctx.maxLevel(); i++) {
                modulusBits += Math.log(moduli[i]) / Math.log(2);
            }
        }
        int bits = (int) Math.floor(modulusBits) - THRESHOLD_HEADROOM_BITS - Math.getExponent(max) - 1;
        // the combined noise: institutions x 2^smudging (plus the ciphertext noise, below 2^(smudging - 40), and
        // the compact shares' rounding, below 2^(smudging - 1): see shareBits)
        int noiseBits = smudging + 32 - Integer.numberOfLeadingZeros(institutions) + 2;
        if (bits - noiseBits < PRECISION_BITS) {
            throw new FederationException("threshold mode with " + institutions + " institutions smudges with 2^"
                    + smudging + " noise per share; weighted sums up to " + max + " would keep only "
                    + (bits - noiseBits) + " bits of precision (" + PRECISION_BITS + " needed): lower the clip"
                    + " bound, or use fewer institutions per federation");
        }
        return new UpdateLayout(mode, parameters, Math.scalb(1.0, bits), smudging);
    }

    public int ringDegree() {
        return CkksParameters.preset(mode.preset()).polyDegree();
    }

    /** Ciphertexts per update. */
    public int chunks() {
        return (parameters + ringDegree() - 1) / ringDegree();
    }

    /**
     * Threshold mode: the width of the compact pieces (c0s of non-carrier chunks, decryption shares). A chunk is
     * combined from at most 2 x institutions <= 2^8 switched terms (K compact c0s or the carrier's c0 switched,
     * K compact shares), each rounded by at most 1/2 unit of 2^bits = Q / 2^(bits+1) < 2^(95 - bits); with
     * bits = 96 - smudgingBits + 8 their sum stays below 2^(smudgingBits - 1), under the smudging noise itself.
     * Rounding is deterministic post-processing of what an institution sends (its c0, its smudged share), so it
     * reveals nothing more than the uncompressed protocol.
     */
    public int shareBits() {
        if (mode != KeyMode.THRESHOLD) {
            throw new FederationException("decryption shares exist only in threshold mode");
        }
        return Math.max(20, Math.min(62, THRESHOLD_MODULUS_BITS - smudgingBits + 8));
    }

    /** Whether chunk {@code chunk} travels as a full ciphertext (shared key: every chunk; threshold: a carrier). */
    public boolean carrier(int chunk) {
        return mode != KeyMode.THRESHOLD || chunk % KEY_GROUP == 0;
    }

    /** The carrier whose c1 chunk {@code chunk} was encrypted with (itself in shared-key mode). */
    public int carrierOf(int chunk) {
        return mode != KeyMode.THRESHOLD ? chunk : chunk - chunk % KEY_GROUP;
    }

    /** The level every update ciphertext is at: the top of the preset. */
    public int level() {
        return mode == KeyMode.THRESHOLD ? 1 : 0;
    }
}
