package io.he4j.paillier;

/**
 * Modulus sizes. {@link #DEFAULT} is 3072 bits (about 128-bit security, NIST SP 800-57 Part 1 Table 2, the
 * same estimate as for RSA). Smaller moduli only when asked for by name.
 */
public enum PaillierKeySize {
    /** For tests and comparisons with published 1024-bit numbers only: about 80-bit security, not for data. */
    INSECURE_1024(1024),
    /** About 112-bit security. */
    BITS_2048(2048),
    /** About 128-bit security: the default. */
    BITS_3072(3072),
    /** About 150-bit security. */
    BITS_4096(4096);

    public static final PaillierKeySize DEFAULT = BITS_3072;

    private final int bits;

    PaillierKeySize(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    /** The size with exactly this many modulus bits; the error lists the allowed ones. */
    public static PaillierKeySize ofBits(int bits) {
        for (PaillierKeySize s : values()) {
            if (s.bits == bits) {
                return s;
            }
        }
        throw new PaillierException("unsupported Paillier modulus size " + bits + " bits; allowed: 2048, 3072 "
                + "(default), 4096, and 1024 for tests only");
    }
}
