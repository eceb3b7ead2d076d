package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Encryptor;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.UnsupportedByBackendException;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * What one protocol's reply mask is: a fresh encryption of zero under the client's public key with flooding
 * noise at the coefficients that carry scores, and random values in the slots that do not ({@link ReplyMasks}).
 */
interface MaskRecipe {
    /**
     * The engine objects a recipe works with; {@code random} is the CSPRNG of the floods and slot masks made
     * in Java (the fused native mask draws its own from the engine's). Thread-safe.
     */
    final class Tools {
        private final CkksContext context;
        private final Encoder encoder;
        private final Evaluator evaluator;
        private final SecureRandom random;
        /** Cleared once the backend refuses the fused mask (SEAL): masks are then made in two steps. */
        private volatile boolean fused = true;

        Tools(CkksContext context, Encoder encoder, Evaluator evaluator, SecureRandom random) {
            this.context = context;
            this.encoder = encoder;
            this.evaluator = evaluator;
            this.random = random;
        }

        CkksContext context() {
            return context;
        }

        Encoder encoder() {
            return encoder;
        }

        Evaluator evaluator() {
            return evaluator;
        }

        SecureRandom random() {
            return random;
        }

        /**
         * out = a fresh encryption of zero at {@code level} (scale 1) whose c0 carries a uniform integer in
         * [-2^bits, 2^bits) at each of {@code positions} (null: every coefficient; bits 0: none). One native
         * pass ({@link Encryptor#encryptZeroFlooded}: the flood joins the encryption's error before its NTT);
         * on a backend without it, or a flood wider than it takes, the same distribution in two steps: encrypt
         * a zero plaintext, then add the flood encoded in exact limbs ({@link #addCoefficients}).
         */
        void floodedZero(Encryptor encryptor, Ciphertext out, int level, int[] positions, int bits) {
            if (fused && bits <= Encryptor.MAX_FLOOD_BITS) {
                try {
                    if (positions == null) {
                        encryptor.encryptZeroFloodedEverywhere(level, 1.0, bits, out);
                    } else {
                        encryptor.encryptZeroFlooded(level, 1.0, positions, bits, out);
                    }
                    return;
                } catch (UnsupportedByBackendException e) {
                    fused = false;
                }
            }
            try (Plaintext zero = encoder.encodeCoefficients(new double[1], 1.0, level)) {
                encryptor.encrypt(zero, out);
            }
            if (bits >= 1) {
                int n = context.polyDegree();
                int[] at = positions;
                if (at == null) {
                    at = new int[n];
                    Arrays.setAll(at, i -> i);
                }
                addCoefficients(out, Flooding.uniform(random, n, at, bits), level);
            }
        }

        /**
         * Adds integer coefficients given in limbs ({@link Flooding#uniform}: limb i at scale 2^(52 i)) to c0 of
         * {@code mask}; the scale is only a label here and is restored afterwards.
         */
        void addCoefficients(Ciphertext mask, double[][] limbs, int level) {
            double scale = mask.scale();
            try {
                for (int i = 0; i < limbs.length; i++) {
                    double limbScale = Math.scalb(1.0, i * Flooding.LIMB_BITS);
                    try (Plaintext pt = encoder.encodeCoefficients(limbs[i], limbScale, level)) {
                        mask.setScale(limbScale);
                        evaluator.addPlain(mask, pt, mask);
                    }
                }
            } finally {
                mask.setScale(scale);
            }
        }
    }

    /**
     * Makes this protocol's mask into {@code out} (overwritten): a fresh encryption of zero under
     * {@code encryptor}'s key at {@code level}, with the flooding (and slot masks) of a reply of scale
     * {@code replyScale}. The mask's scale is a label; the caller sets it to the reply's.
     */
    void make(Tools tools, Encryptor encryptor, Ciphertext out, int level, double replyScale);

    /** One line: what the mask hides and with which statistical parameter. */
    String describe();

    /** Masks one reply takes (one per reply ciphertext of a single query; the pools keep at least that many). */
    default int masksPerReply() {
        return 1;
    }

    /**
     * Whether a masked reply is within a stated statistical distance (2^-30 or less) of one that depends on the
     * scores alone; false for the precision-limited floods of multiplicative circuits (ml-inference/README.md).
     */
    default boolean statistical() {
        return false;
    }

    /**
     * Uniform flooding of all N coefficients of a slot-encoded reply whose every slot is a score (batches),
     * 2^bits wide, bits sized for {@code coefficients} flooded coefficients per reply ({@link BatchFlood}).
     */
    static MaskRecipe everyCoefficient(int bits, double noiseBound, int coefficients) {
        return flooded(null, bits, noiseBound, coefficients, 1, "every coefficient");
    }

    /**
     * Uniform flooding of the score coefficients of a coefficient-encoded reply, 2^bits wide: the reply's
     * other coefficients of c0 are not sent at all (compact reply), c1 is re-randomized by the encryption of zero.
     * A reply of several ciphertexts (one per group of classes) takes one mask each, flooded at {@code positions}
     * (the union of the groups' score coefficients); {@code bits} is sized for all {@code scores} of the reply.
     */
    static MaskRecipe scoreCoefficients(int[] positions, int bits, double noiseBound, int scores, int ciphertexts) {
        return flooded(positions.clone(), bits, noiseBound, scores, ciphertexts, scores + " score coefficients"
                + (ciphertexts == 1 ? "" : " in " + ciphertexts + " ciphertexts"));
    }

    /** An encryption of zero flooded at {@code positions} (null: every coefficient), 2^bits wide. */
    private static MaskRecipe flooded(int[] positions, int bits, double noiseBound, int coefficients,
                                      int ciphertexts, String where) {
        return new MaskRecipe() {
            @Override
            public void make(Tools tools, Encryptor encryptor, Ciphertext out, int level, double replyScale) {
                tools.floodedZero(encryptor, out, level, positions, bits);
            }

            @Override
            public boolean statistical() {
                return true;
            }

            @Override
            public int masksPerReply() {
                return ciphertexts;
            }

            @Override
            public String describe() {
                return String.format("re-randomized; %s flooded with uniform noise in [-2^%d, 2^%d) (worst-case "
                                + "noise bound 2^%.1f, %d coefficients per reply): statistical distance <= 2^%.1f "
                                + "per reply", where, bits, bits, Flooding.log2(noiseBound), coefficients,
                        Flooding.log2(Flooding.distance(noiseBound, coefficients, bits)));
            }
        };
    }
}
