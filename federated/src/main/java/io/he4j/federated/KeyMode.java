package io.he4j.federated;

import java.util.Locale;

/**
 * How a federation's updates are encrypted; chosen per federation.
 * <ul>
 *   <li>{@link #THRESHOLD} (the default): every institution keeps its own secret share; the collective public
 *   key encrypts; an aggregate is decrypted only from every institution's decryption share (smudged), so no
 *   single party, institution or coordinator, can decrypt an individual update ({@link ThresholdKey}).
 *   N = 4096 and two 48-bit primes: the smudging noise needs about 60 bits below the values.</li>
 *   <li>{@link #SHARED}: the institutions share one secret key ({@link SharedKey}); seeded symmetric
 *   ciphertexts at N = 2048 and one 48-bit prime, the smallest upload, but any institution can decrypt
 *   another's update.</li>
 * </ul>
 */
public enum KeyMode {
    THRESHOLD("P4K-IFMA"),
    SHARED("P2K-IFMA");

    private final String preset;

    KeyMode(String preset) {
        this.preset = preset;
    }

    /** The CKKS parameter preset of this mode. */
    public String preset() {
        return preset;
    }

    /** "threshold" or "shared" (case-insensitive). */
    public static KeyMode parse(String name) {
        for (KeyMode m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new FederationException("key mode '" + name + "' is unknown; use threshold or shared");
    }

    /** The lower-case name used on the command line and over HTTP. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
