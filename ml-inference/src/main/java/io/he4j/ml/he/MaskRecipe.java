package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.Plaintext;

import java.security.SecureRandom;

/**
 * What one protocol adds to a fresh encryption of zero to make the mask of its reply: flooding noise at
 * the coefficients that carry scores, and random values in the slots that do not ({@link ReplyMasks}).
 */
interface MaskRecipe {
    /** The engine objects a recipe works with; {@code random} is the CSPRNG for every flood and mask value. */
    record Tools(CkksContext context, Encoder encoder, Evaluator evaluator, SecureRandom random) {
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
     * Adds this protocol's flooding (and slot masks) to {@code mask}, an encryption of zero at {@code level}
     * for a reply of scale {@code replyScale}.
     */
    void decorate(Tools tools, Ciphertext mask, int level, double replyScale);

    /** One line: what the mask hides and with which statistical parameter. */
    String describe();

    /**
     * Uniform flooding of the K score coefficients of a coefficient-encoded reply, 2^bits wide: the reply's
     * other coefficients of c0 are not sent at all (compact reply), c1 is re-randomized by the encryption of zero.
     */
    static MaskRecipe scoreCoefficients(int[] positions, int bits, double noiseBound) {
        int[] p = positions.clone();
        return new MaskRecipe() {
            @Override
            public void decorate(Tools tools, Ciphertext mask, int level, double replyScale) {
                tools.addCoefficients(mask, Flooding.uniform(tools.random(), tools.context().polyDegree(), p, bits),
                        level);
            }

            @Override
            public String describe() {
                return String.format("re-randomized; %d score coefficients flooded with uniform noise in "
                                + "[-2^%d, 2^%d) (noise bound 2^%.1f): statistical distance <= 2^%.1f per reply",
                        p.length, bits, bits, Flooding.log2(noiseBound),
                        Flooding.log2(Flooding.distance(noiseBound, p.length, bits)));
            }
        };
    }
}
