package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CompactReply;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.Plaintext;
import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;
import io.he4j.protocol.QueryLayout;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Server side of coefficient encoding ({@link CoefficientPacking}, Cheetah) for a linear model, and of the
 * polynomial forms ({@link PolynomialForm}), which are linear models over the client's monomials: one plaintext
 * multiplication and one plaintext addition (the bias at each score's coefficient), no evaluation key. With
 * model privacy the reply then gets a mask: a fresh encryption of zero under the client's public key (c1 no
 * longer reveals W) whose score coefficients carry uniform flooding noise ({@link Flooding}; the scales left
 * room for it, {@link CoefficientScales}). The reply is compact ({@link CompactReply}): only the score
 * coefficients of c0 and all of c1, switched to a power-of-two modulus of {@link #replyBits} bits; the other
 * coefficients of c0, which hold partial sums of the weights, are never sent.
 *
 * <p>When the classes do not all fit one product ({@link CoefficientPacking}: K x d > N) the query ciphertext
 * meets one weight polynomial per group of classes and the reply is one compact ciphertext per group, each
 * masked and flooded on its own (the flood's bound covers every class's weights, so it holds for each group).
 */
final class CoefficientServer implements ProtocolServer {
    private final QueryLayout layout;
    private final CkksContext context;
    /** Per product: the weight polynomial, the bias, and the score coefficients in its reply ciphertext. */
    private final List<Plaintext> weights = new ArrayList<>();
    private final List<Plaintext> bias = new ArrayList<>();
    private final int[][] positions;
    private final int[] scorePositions;
    private final int replyBits;
    private final MaskRecipe maskRecipe;
    private final String description;

    /** @param layer the linear model the query's coefficients meet (the expanded one for a quadratic form) */
    CoefficientServer(CkksContext context, QueryLayout layout, Dense layer, double weightScale) {
        this.layout = layout;
        this.context = context;
        CoefficientPacking packing = CoefficientPacking.of(layer, context.polyDegree());
        int n = context.polyDegree();
        this.scorePositions = layout.scorePositions();
        if (!java.util.Arrays.equals(scorePositions, CoefficientPacking.scorePositions(layer.in(), layer.out(), n))) {
            throw new MlException("compiled model: the layout's score positions are not those of " + layer.out()
                    + " classes of " + layer.in() + " coefficients at N=" + n + "; recompile the model");
        }
        this.positions = new int[packing.products()][];
        Encoder encoder = new Encoder(context);
        for (int g = 0; g < packing.products(); g++) {
            positions[g] = CoefficientPacking.positionsIn(scorePositions, g, n);
            weights.add(encoder.encodeCoefficients(packing.weights()[g], weightScale, layout.level()));
            bias.add(encoder.encodeCoefficients(packing.bias()[g], layout.inputScale() * weightScale, layout.level()));
        }
        this.replyBits = replyBits(context, layout, weightScale);
        double noise = Flooding.coefficientNoise(layer, weightScale, context.polyDegree());
        int floodBits = Flooding.floodBits(noise, scorePositions.length);
        double logQ = logQ(context, layout.level());
        if (floodBits > Flooding.MAX_BITS || Flooding.log2(layout.inputScale() * weightScale) + 1 > logQ
                || floodBits + 3 > logQ) {
            close();
            throw new MlException("compiled model: level " + layout.level() + " of " + layout.preset()
                    + " leaves no room for the reply's noise flood (2^" + floodBits + "); recompile the model");
        }
        // group 0 has the most classes and its score coefficients include every other group's: one recipe floods
        // them in every reply ciphertext (coefficients a group does not send are never seen)
        this.maskRecipe = MaskRecipe.scoreCoefficients(positions[0], floodBits, noise, scorePositions.length,
                positions.length);
        this.description = String.format("coefficient encoding (Cheetah): %d coefficients x %d scores in %s, "
                        + "level %d, input scale 2^%d, weight scale 2^%d, public key only; "
                        + "compact reply (%d score coefficients + c1 at %d bits%s); flood 2^%d",
                packing.features(), packing.classes(), packing.products() == 1 ? "one plaintext product"
                        : packing.products() + " plaintext products of " + packing.perProduct() + " classes",
                layout.level(), Math.getExponent(layout.inputScale()), Math.getExponent(weightScale),
                scorePositions.length, replyBits, packing.products() == 1 ? "" : ", per product", floodBits);
    }

    /**
     * Bits per coefficient of the compact reply (only the score coefficients of c0 and all of c1, switched to
     * modulus 2^b): enough that the switch's rounding, at most (1 + ||s||_1)/2 <= (N + 1)/2 units of 2^b, stays
     * below 1/10 of {@link CoefficientScales#TARGET_ERROR} after decoding, and 2^30 times below half of
     * the release precision (so safe decryption can flood it fully; capped at 62 bits). The scores' range needs no extra bit:
     * delta * |score| < Q/2 before the switch keeps delta' * |score| < 2^(b-1) after it.
     */
    static int replyBits(CkksContext context, QueryLayout layout, double weightScale) {
        double logQ = logQ(context, layout.level());
        double logDelta = Math.log(layout.inputScale() * weightScale) / Math.log(2);
        double logRounding = Math.log((context.polyDegree() + 1) / 2.0) / Math.log(2);
        // the rounding must also leave room for safe decryption's flood (2^30 x noise <= release precision / 2)
        double logPrecision = Math.min(Flooding.log2(CoefficientScales.TARGET_ERROR / 10),
                Flooding.log2(CoefficientScales.RELEASE_PRECISION / 2) - Flooding.STATISTICAL_BITS);
        int bits = (int) Math.ceil(logQ - logDelta + logRounding - logPrecision);
        return Math.clamp(bits, CompactReply.MIN_BITS, Math.min(CompactReply.MAX_BITS, (int) Math.ceil(logQ)));
    }

    private static double logQ(CkksContext context, int level) {
        double logQ = 0;
        for (int i = 0; i <= level; i++) {
            logQ += Flooding.log2(context.moduli()[i]);
        }
        return logQ;
    }

    @Override
    public MaskRecipe maskRecipe() {
        return maskRecipe;
    }

    @Override
    public QueryLayout layout() {
        return layout;
    }

    @Override
    public ServerReply evaluate(List<MemorySegment> query, Evaluator evaluator, ReplyPrivacy privacy) {
        try (Ciphertext ct = QueryInput.load(context, layout, query, 1).getFirst();
             Ciphertext product = weights.size() == 1 ? null : new Ciphertext(context)) {
            List<byte[]> parts = new ArrayList<>(weights.size());
            long nanos = 0;
            for (int g = 0; g < weights.size(); g++) {
                Ciphertext out = product == null ? ct : product;   // one product: in place
                long t0 = System.nanoTime();
                evaluator.mulPlain(ct, weights.get(g), out);
                evaluator.addPlain(out, bias.get(g), out);
                privacy.protect(out);    // before the switch to 2^b: rounding a re-randomized c1 reveals nothing more
                nanos += System.nanoTime() - t0;
                parts.add(out.toCompactReply(positions[g], replyBits));
            }
            return new ServerReply(parts, nanos);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        weights.forEach(Plaintext::close);
        bias.forEach(Plaintext::close);
    }
}
