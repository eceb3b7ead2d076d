package io.he4j.protocol;

import java.util.Arrays;

/**
 * Which public material a protocol's server side needs from the client, registered once as a key set.
 *
 * @param publicKey      an encryption key (to re-randomize replies)
 * @param relinearization a relinearization key
 * @param galoisSteps    rotation steps that need Galois keys, ascending, distinct
 */
public record KeyRequirements(boolean publicKey, boolean relinearization, int[] galoisSteps) {
    public KeyRequirements {
        galoisSteps = galoisSteps.clone();
        for (int i = 1; i < galoisSteps.length; i++) {
            if (galoisSteps[i] <= galoisSteps[i - 1]) {
                throw new ProtocolException("Galois steps must be ascending and distinct: "
                        + Arrays.toString(galoisSteps));
            }
        }
        if (galoisSteps.length > 0 && !relinearization) {
            throw new ProtocolException("Galois keys come with a relinearization key");
        }
    }

    public static KeyRequirements none() {
        return new KeyRequirements(false, false, new int[0]);
    }

    /** A public key only: what a re-randomized (circuit-private) reply needs when the evaluation needs no key. */
    public static KeyRequirements publicKeyOnly() {
        return new KeyRequirements(true, false, new int[0]);
    }

    /** Whether the client must register a key set before querying. */
    public boolean any() {
        return publicKey || relinearization;
    }

    @Override
    public int[] galoisSteps() {
        return galoisSteps.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRequirements k && k.publicKey == publicKey && k.relinearization == relinearization
                && Arrays.equals(k.galoisSteps, galoisSteps);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(publicKey) * 31 + Boolean.hashCode(relinearization) * 17
                + Arrays.hashCode(galoisSteps);
    }

    @Override
    public String toString() {
        if (!any()) {
            return "no keys";
        }
        return (publicKey ? "public key" : "") + (publicKey && relinearization ? " + " : "")
                + (relinearization ? "relinearization key" : "")
                + (galoisSteps.length > 0 ? " + Galois keys for steps " + Arrays.toString(galoisSteps) : "");
    }
}
