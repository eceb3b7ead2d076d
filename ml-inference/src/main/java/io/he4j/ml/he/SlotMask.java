package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.Encryptor;
import io.he4j.ckks.Plaintext;

/**
 * The mask recipe of slot-encoded replies of multiplicative circuits (single-query slot kinds, MLP batches and the
 * encrypted sigmoid; linear batches are flooded statistically instead: {@link BatchFlood}). Their reply sits at the
 * lowest level, where the modulus leaves only the scores' headroom (about 11 bits above the scale), so:
 * <ul>
 *   <li>every coefficient of c0 gets uniform noise in [-2^b, 2^b), b the largest width whose six-sigma
 *       effect on a decoded slot stays below {@link Flooding#SCORE_ERROR}. That hides the low-order noise
 *       bits, but is far below 2^30 x the circuit's noise (rescaling alone leaves up to (N + 1) / 2 per
 *       coefficient): no statistical bound is claimed for these kinds;</li>
 *   <li>every slot that is not a score (single-query kinds: all but the score slots) gets a uniform value
 *       in [-M, M) on real and imaginary part, M = 2^(log2 Q - log2 scale - 5), the largest that keeps
 *       the reply decodable. A partial sum s in such a slot is hidden up to statistical distance |s| / 2M.</li>
 * </ul>
 * Batch replies have a patient in every slot, so no slot is masked.
 */
final class SlotMask implements MaskRecipe {
    private final int[] scoreSlots;   // null: every slot may be a score (batches)

    private SlotMask(int[] scoreSlots) {
        this.scoreSlots = scoreSlots;
    }

    /** Single-query slot kinds: the slots outside {@code scoreSlots} are masked. */
    static SlotMask single(int[] scoreSlots) {
        return new SlotMask(scoreSlots.clone());
    }

    /** Batch kinds: flooding only. */
    static SlotMask batch() {
        return new SlotMask(null);
    }

    /** log2 of the coefficient flood for a reply of {@code scale} at ring degree n (0: none). */
    static int floodBits(double scale, int n) {
        // a slot's real part sums N flood values with unit-modulus weights: sd ~ 2^b sqrt(N / 6)
        double b = Flooding.log2(Flooding.SCORE_ERROR * scale / (6 * Math.sqrt(n / 6.0)));
        return (int) Math.max(0, Math.min(62, Math.floor(b)));
    }

    /** log2 of the slot-mask magnitude M at {@code level} for a reply of {@code scale}. */
    static double maskBits(long[] moduli, int level, double scale) {
        double logQ = 0;
        for (int i = 0; i <= level; i++) {
            logQ += Flooding.log2(moduli[i]);
        }
        return logQ - Flooding.log2(scale) - 5;
    }

    @Override
    public void make(Tools tools, Encryptor encryptor, Ciphertext mask, int level, double replyScale) {
        int n = tools.context().polyDegree();
        tools.floodedZero(encryptor, mask, level, null, floodBits(replyScale, n));
        if (scoreSlots == null) {
            return;
        }
        double m = Math.pow(2, maskBits(tools.context().moduli(), level, replyScale));
        int slots = tools.context().slotCount();
        boolean[] score = new boolean[slots];
        for (int s : scoreSlots) {
            score[s] = true;
        }
        double[] values = new double[2 * slots];
        for (int s = 0; s < slots; s++) {
            if (!score[s]) {
                values[2 * s] = (2 * tools.random().nextDouble() - 1) * m;
                values[2 * s + 1] = (2 * tools.random().nextDouble() - 1) * m;
            }
        }
        double scale = mask.scale();
        try (Plaintext pt = tools.encoder().encodeComplex(values, replyScale, level)) {
            mask.setScale(replyScale);
            tools.evaluator().addPlain(mask, pt, mask);
        } finally {
            mask.setScale(scale);
        }
    }

    @Override
    public String describe() {
        return "re-randomized; every coefficient flooded within the scores' precision (no 2^-30 statistical bound "
                + "at this level)" + (scoreSlots == null ? "" : "; non-score slots masked with uniform values");
    }
}
