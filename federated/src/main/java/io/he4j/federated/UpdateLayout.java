package io.he4j.federated;

import io.he4j.ckks.CkksParameters;

/**
 * How a vector of model parameters travels encrypted: packed densely as polynomial COEFFICIENTS (N values per
 * ciphertext, not N/2 slots: additions are all aggregation needs), at level 0 of {@link #PRESET} (N = 2048, one
 * 48-bit prime, 128-bit secure), each value at {@code scale}. With seeded symmetric encryption a ciphertext
 * carries N 48-bit coefficients and a 32-byte seed: 1.5x the float32 size of the values.
 *
 * @param parameters values per update
 * @param scale      encoding scale: sum over institutions of |weighted value| * scale must stay below 2^46
 */
public record UpdateLayout(int parameters, double scale) {
    static final String PRESET = "P2K-IFMA";
    /** The 48-bit prime leaves 47 bits for a centered value; keep one bit of headroom. */
    static final int VALUE_BITS = 46;

    public UpdateLayout {
        if (parameters < 1 || !(scale >= 1) || Double.isInfinite(scale)) {
            throw new FederationException("an update layout needs >= 1 parameter and a finite scale >= 1");
        }
    }

    /**
     * The largest power-of-two scale at which a sum of weighted values, each |value| <= {@code bound}, with
     * weights summing to {@code totalWeight}, still fits.
     */
    public static UpdateLayout forSum(int parameters, double totalWeight, double bound) {
        double max = totalWeight * bound;
        if (!(max > 0) || Double.isInfinite(max)) {
            throw new FederationException("total weight and bound must be positive and finite");
        }
        int bits = VALUE_BITS - Math.getExponent(max) - 1;
        if (bits < 8) {
            // the decrypted sum's error is a few tens of units at scale 2^bits (fresh noise, summed)
            throw new FederationException("weighted sums up to " + max + " leave fewer than 8 fractional bits");
        }
        return new UpdateLayout(parameters, Math.scalb(1.0, bits));
    }

    public int ringDegree() {
        return CkksParameters.preset(PRESET).polyDegree();
    }

    /** Ciphertexts per update. */
    public int chunks() {
        return (parameters + ringDegree() - 1) / ringDegree();
    }
}
