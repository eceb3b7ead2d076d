package io.he4j.ckks;

import io.he4j.ckks.internal.CapiLibrary;
import io.he4j.ckks.internal.NativeLibrary;
import io.he4j.ckks.internal.Status;
import io.he4j.ckks.internal.Strings;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CKKS parameters: ring degree N = 2^logPolyDegree, the sizes of the data primes (one per level; the first
 * is the level-0 prime), the sizes of the special primes used for key switching, and the default scale.
 * Primes are derived deterministically from their sizes, so these numbers fully determine a context.
 * Holds no key material.
 *
 * <p>Immutable and thread-safe; {@code equals}/{@code hashCode} compare values like a record (a preset
 * equals the builder spelling of the same numbers). The builder checks shape; the 128-bit security check
 * (HomomorphicEncryption.org standard) runs in {@link CkksContext#create} unless {@link Builder#allowInsecure()}.
 */
public final class CkksParameters {
    private static final ConcurrentHashMap<String, CkksParameters> PRESETS = new ConcurrentHashMap<>();

    private final int logPolyDegree;
    private final int[] dataPrimeBits;
    private final int[] specialPrimeBits;
    private final double defaultScale;
    private final boolean allowInsecure;
    private final String presetName;

    private CkksParameters(int logPolyDegree, int[] dataPrimeBits, int[] specialPrimeBits, double defaultScale,
                           boolean allowInsecure, String presetName) {
        this.logPolyDegree = logPolyDegree;
        this.dataPrimeBits = dataPrimeBits;
        this.specialPrimeBits = specialPrimeBits;
        this.defaultScale = defaultScale;
        this.allowInsecure = allowInsecure;
        this.presetName = presetName;
    }

    /**
     * A named preset of the engine, e.g. "P8K" (N = 8192, depth 2), "P16K", "P2K-IFMA", "P4K-IFMA", "P8K-IFMA", "P16K-IFMA".
     *
     * @param name one of {@link #presetNames()}
     * @return the preset's parameters (128-bit secure)
     * @throws InvalidParametersException if the engine has no preset of that name (the message lists them)
     */
    public static CkksParameters preset(String name) {
        Objects.requireNonNull(name, "preset name must not be null");
        List<String> names = presetNames();
        if (!names.contains(name)) {
            throw new InvalidParametersException("no CKKS preset named '" + name + "'; available: "
                    + String.join(", ", names));
        }
        return PRESETS.computeIfAbsent(name, CkksParameters::describePreset);
    }

    /** The preset names the loaded engine offers, in its order. */
    public static List<String> presetNames() {
        NativeLibrary.get();
        try {
            String s = Strings.fromC((MemorySegment) CapiLibrary.PRESET_NAMES.invokeExact());
            return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        } catch (Throwable t) {
            throw Status.rethrow(t, "CkksParameters.presetNames");
        }
    }

    /** A builder for custom parameters. */
    public static Builder builder() {
        return new Builder();
    }

    // The engine defines presets; read their numbers back from a throwaway context.
    private static CkksParameters describePreset(String name) {
        try (CkksContext ctx = CkksContext.createPreset(name, false)) {
            CkksParameters p = fromContext(ctx.moduli(), ctx.dataPrimeCount(), ctx.polyDegree(), ctx.defaultScale(), false);
            return new CkksParameters(p.logPolyDegree, p.dataPrimeBits, p.specialPrimeBits, p.defaultScale, false, name);
        }
    }

    /** Parameters recovered from a context's primes (each prime of b bits lies in [2^(b-1), 2^b)). */
    static CkksParameters fromContext(long[] moduli, int dataCount, long polyDegree, double scale, boolean insecure) {
        int[] data = new int[dataCount];
        int[] special = new int[moduli.length - dataCount];
        for (int i = 0; i < moduli.length; i++) {
            int bits = 64 - Long.numberOfLeadingZeros(moduli[i]);
            if (i < dataCount) {
                data[i] = bits;
            } else {
                special[i - dataCount] = bits;
            }
        }
        return new CkksParameters(Long.numberOfTrailingZeros(polyDegree), data, special, scale, insecure, null);
    }

    /** log2 of the ring degree N. */
    public int logPolyDegree() {
        return logPolyDegree;
    }

    /** The ring degree N (a power of two). */
    public int polyDegree() {
        return 1 << logPolyDegree;
    }

    /** Number of complex slots, N/2. */
    public int slotCount() {
        return polyDegree() / 2;
    }

    /** Bit sizes of the data primes (a copy); index 0 is the level-0 prime. */
    public int[] dataPrimeBits() {
        return dataPrimeBits.clone();
    }

    /** Bit sizes of the special (key-switching) primes (a copy; may be empty). */
    public int[] specialPrimeBits() {
        return specialPrimeBits.clone();
    }

    /** The scale used when none is given. */
    public double defaultScale() {
        return defaultScale;
    }

    /** The top level, number of data primes - 1: how many rescales a fresh ciphertext allows. */
    public int maxLevel() {
        return dataPrimeBits.length - 1;
    }

    /** True if parameters below 128-bit security are accepted (tests and research only). */
    public boolean allowInsecure() {
        return allowInsecure;
    }

    /** The preset name if these parameters were obtained through {@link #preset(String)}. */
    public Optional<String> presetName() {
        return Optional.ofNullable(presetName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CkksParameters p && logPolyDegree == p.logPolyDegree
                && Arrays.equals(dataPrimeBits, p.dataPrimeBits) && Arrays.equals(specialPrimeBits, p.specialPrimeBits)
                && Double.compare(defaultScale, p.defaultScale) == 0 && allowInsecure == p.allowInsecure;
    }

    @Override
    public int hashCode() {
        return Objects.hash(logPolyDegree, Arrays.hashCode(dataPrimeBits), Arrays.hashCode(specialPrimeBits),
                defaultScale, allowInsecure);
    }

    @Override
    public String toString() {
        return "CkksParameters[" + (presetName != null ? "preset=" + presetName + ", " : "") + "N=2^" + logPolyDegree
                + ", dataPrimeBits=" + Arrays.toString(dataPrimeBits) + ", specialPrimeBits="
                + Arrays.toString(specialPrimeBits) + ", defaultScale=2^" + Math.log(defaultScale) / Math.log(2)
                + (allowInsecure ? ", allowInsecure" : "") + "]";
    }

    /** Builds custom parameters; not thread-safe. Required: logPolyDegree, dataPrimeBits, defaultScale. */
    public static final class Builder {
        private int logPolyDegree = -1;
        private int[] dataPrimeBits;
        private int[] specialPrimeBits = new int[0];
        private double defaultScale = Double.NaN;
        private boolean allowInsecure;

        private Builder() {
        }

        /** log2 N, 12..16 (10 and 11 only with {@link #allowInsecure()}). */
        public Builder logPolyDegree(int logPolyDegree) {
            this.logPolyDegree = logPolyDegree;
            return this;
        }

        /** Data prime sizes in bits (20..60), level-0 prime first; their count - 1 is the maximum level. */
        public Builder dataPrimeBits(int... bits) {
            this.dataPrimeBits = Objects.requireNonNull(bits, "dataPrimeBits must not be null").clone();
            return this;
        }

        /** Special prime sizes in bits (20..60) for key switching; none means no relinearization or rotation. */
        public Builder specialPrimeBits(int... bits) {
            this.specialPrimeBits = Objects.requireNonNull(bits, "specialPrimeBits must not be null").clone();
            return this;
        }

        /** The default encoding scale, e.g. 2^40: finite and at least 1. */
        public Builder defaultScale(double scale) {
            this.defaultScale = scale;
            return this;
        }

        /** Accept parameters below 128-bit security. For tests and research only, never for real data. */
        public Builder allowInsecure() {
            this.allowInsecure = true;
            return this;
        }

        /**
         * Checks the shape and returns immutable parameters.
         *
         * @throws InvalidParametersException naming the defect and the allowed range
         */
        public CkksParameters build() {
            if (logPolyDegree < 10 || logPolyDegree > 16) {
                throw new InvalidParametersException("logPolyDegree must be in 12..16 (10..11 with allowInsecure), got "
                        + (logPolyDegree < 0 ? "none" : logPolyDegree));
            }
            if (dataPrimeBits == null || dataPrimeBits.length == 0) {
                throw new InvalidParametersException("at least one data prime size is required (dataPrimeBits)");
            }
            checkBits("dataPrimeBits", dataPrimeBits);
            checkBits("specialPrimeBits", specialPrimeBits);
            if (!(Double.isFinite(defaultScale) && defaultScale >= 1)) {
                throw new InvalidParametersException("defaultScale must be finite and >= 1, got "
                        + (Double.isNaN(defaultScale) ? "none" : defaultScale));
            }
            return new CkksParameters(logPolyDegree, dataPrimeBits.clone(), specialPrimeBits.clone(), defaultScale,
                    allowInsecure, null);
        }

        private static void checkBits(String what, int[] bits) {
            for (int b : bits) {
                if (b < 20 || b > 60) {
                    throw new InvalidParametersException(what + " must each be 20..60 bits, got " + Arrays.toString(bits));
                }
            }
        }
    }
}
