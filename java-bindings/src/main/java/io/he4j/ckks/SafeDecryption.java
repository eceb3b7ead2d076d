package io.he4j.ckks;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Safe decryption for values that leave the client. A decrypted CKKS value carries its noise, and the noise
 * is a known linear function of the secret key: whoever sees decrypted results of ciphertexts it knows (a
 * provider shown the predictions, the members of a federation shown an aggregate) can solve for the key
 * (IND-CPA-D, Li and Micciancio, eprint 2020/1533). Before a value is released this adds uniform noise of
 * half-width w = min(2^{@value #STATISTICAL_BITS} x noise bound, precision / 2) from a CSPRNG (noise
 * flooding, as their Sect. 5 suggests), then rounds to a multiple of {@code precision}. The released value
 * is within w + precision / 2 <= precision of the decryption; its noise is hidden up to statistical
 * distance noiseBound / (2w) = 2^-(1 + {@link #statisticalBits}), which is 2^-31 whenever the precision
 * leaves room for the full flood ({@code 2^30 x noiseBound <= precision / 2}).
 *
 * <p>Thread-safe.
 */
public final class SafeDecryption {
    /** The flood aims at 2^this times the noise bound. */
    public static final int STATISTICAL_BITS = 30;

    private final double precision;
    private final SecureRandom random;

    private SafeDecryption(double precision, SecureRandom random) {
        if (!(precision > 0) || !Double.isFinite(precision)) {
            throw new InvalidArgumentException("SafeDecryption: precision must be finite and > 0, got " + precision);
        }
        this.precision = precision;
        this.random = random;
    }

    /** Releases values rounded to multiples of {@code precision} (e.g. 1e-3 for reported probabilities). */
    public static SafeDecryption toPrecision(double precision) {
        return new SafeDecryption(precision, new SecureRandom());
    }

    /** The rounding grid of released values. */
    public double precision() {
        return precision;
    }

    /** Worst-case |released - decrypted|: the flood's half-width plus half the grid. */
    public double maxError() {
        return precision;
    }

    /** Half-width of the flood for a decryption whose noise is at most {@code noiseBound} (decoded units). */
    public double floodWidth(double noiseBound) {
        checkBound(noiseBound);
        return Math.min(Math.scalb(noiseBound, STATISTICAL_BITS), precision / 2);
    }

    /** log2(w / noiseBound): {@value #STATISTICAL_BITS} when the precision allows the full flood, less otherwise. */
    public double statisticalBits(double noiseBound) {
        return Math.log(floodWidth(noiseBound) / noiseBound) / Math.log(2);
    }

    /** The released copies of {@code values}: flooded, then rounded to the grid. */
    public double[] release(double[] values, double noiseBound) {
        Objects.requireNonNull(values, "values must not be null");
        double w = floodWidth(noiseBound);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            // uniform on 2^53 points of [-w, w): far finer than the noise's grid (1 / scale)
            double u = ((random.nextLong() >>> 11) * 0x1.0p-53) * 2 - 1;
            out[i] = Math.rint((values[i] + u * w) / precision) * precision;
        }
        return out;
    }

    private static void checkBound(double noiseBound) {
        if (!(noiseBound > 0) || !Double.isFinite(noiseBound)) {
            throw new InvalidArgumentException("SafeDecryption: noise bound must be finite and > 0, got "
                    + noiseBound);
        }
    }
}
