package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CompactReply;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.Plaintext;
import io.he4j.ml.model.Dense;
import io.he4j.protocol.QueryLayout;

import java.util.List;

/**
 * Server side of coefficient encoding ({@link CoefficientPacking}, Cheetah) for a linear model, and of the
 * quadratic form ({@link QuadraticForm}), which is a linear model over the client's monomials: one plaintext
 * multiplication and one plaintext addition (the bias at each score's coefficient), with no key at all. The
 * reply is compact ({@link CompactReply}): the client needs only the score coefficients of c0 and all of c1,
 * switched to a power-of-two modulus of {@link #replyBits} bits, which makes it smaller than the upload.
 */
final class CoefficientServer implements ProtocolServer {
    private final QueryLayout layout;
    private final CkksContext context;
    private final Plaintext weights;
    private final Plaintext bias;
    private final int[] scorePositions;
    private final int replyBits;
    private final String description;

    /** @param layer the linear model the query's coefficients meet (the expanded one for a quadratic form) */
    CoefficientServer(CkksContext context, QueryLayout layout, Dense layer, double weightScale) {
        this.layout = layout;
        this.context = context;
        CoefficientPacking packing = CoefficientPacking.of(layer, context.polyDegree());
        Encoder encoder = new Encoder(context);
        this.weights = encoder.encodeCoefficients(packing.weights(), weightScale, layout.level());
        this.bias = encoder.encodeCoefficients(packing.bias(), layout.inputScale() * weightScale, layout.level());
        this.scorePositions = layout.scorePositions();
        this.replyBits = replyBits(context, layout, weightScale);
        this.description = String.format("coefficient encoding (Cheetah): %d coefficients x %d scores in one "
                        + "plaintext product, level %d, input scale 2^%d, weight scale 2^%d, no keys on the server; "
                        + "compact reply (%d score coefficients + c1 at %d bits)",
                packing.features(), packing.classes(), layout.level(), Math.getExponent(layout.inputScale()),
                Math.getExponent(weightScale), scorePositions.length, replyBits);
    }

    /**
     * Bits per coefficient of the compact reply (only the score coefficients of c0 and all of c1, switched to
     * modulus 2^b): enough that the switch's rounding, at most (1 + ||s||_1)/2 <= (N + 1)/2 units of 2^b, stays
     * below 1/10 of {@link CoefficientScales#TARGET_ERROR} after decoding. The scores' range needs no extra bit:
     * delta * |score| < Q/2 before the switch keeps delta' * |score| < 2^(b-1) after it.
     */
    static int replyBits(CkksContext context, QueryLayout layout, double weightScale) {
        double logQ = 0;
        for (int i = 0; i <= layout.level(); i++) {
            logQ += Math.log(context.moduli()[i]) / Math.log(2);
        }
        double logDelta = Math.log(layout.inputScale() * weightScale) / Math.log(2);
        double logRounding = Math.log((context.polyDegree() + 1) / 2.0) / Math.log(2);
        double logPrecision = Math.log(CoefficientScales.TARGET_ERROR / 10) / Math.log(2);
        int bits = (int) Math.ceil(logQ - logDelta + logRounding - logPrecision);
        return Math.clamp(bits, CompactReply.MIN_BITS, Math.min(CompactReply.MAX_BITS, (int) Math.ceil(logQ)));
    }

    @Override
    public QueryLayout layout() {
        return layout;
    }

    @Override
    public ServerReply evaluate(List<byte[]> query, Evaluator evaluator) {
        try (Ciphertext ct = QueryInput.load(context, layout, query, 1).getFirst()) {
            long t0 = System.nanoTime();
            evaluator.mulPlain(ct, weights, ct);
            evaluator.addPlain(ct, bias, ct);
            long nanos = System.nanoTime() - t0;
            return new ServerReply(List.of(ct.toCompactReply(scorePositions, replyBits)), nanos);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        weights.close();
        bias.close();
    }
}
