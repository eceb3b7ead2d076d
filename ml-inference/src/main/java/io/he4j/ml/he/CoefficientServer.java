package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.Plaintext;
import io.he4j.ml.model.Dense;
import io.he4j.protocol.QueryLayout;

import java.util.List;

/**
 * Server side of coefficient encoding ({@link CoefficientPacking}, Cheetah) for a linear model, and of the
 * quadratic form ({@link QuadraticForm}), which is a linear model over the client's monomials: one plaintext
 * multiplication and one plaintext addition (the bias at each score's coefficient), with no key at all.
 */
final class CoefficientServer implements ProtocolServer {
    private final QueryLayout layout;
    private final CkksContext context;
    private final Plaintext weights;
    private final Plaintext bias;
    private final String description;

    /** @param layer the linear model the query's coefficients meet (the expanded one for a quadratic form) */
    CoefficientServer(CkksContext context, QueryLayout layout, Dense layer, double weightScale) {
        this.layout = layout;
        this.context = context;
        CoefficientPacking packing = CoefficientPacking.of(layer, context.polyDegree());
        Encoder encoder = new Encoder(context);
        this.weights = encoder.encodeCoefficients(packing.weights(), weightScale, layout.level());
        this.bias = encoder.encodeCoefficients(packing.bias(), layout.inputScale() * weightScale, layout.level());
        this.description = String.format("coefficient encoding (Cheetah): %d coefficients x %d scores in one "
                        + "plaintext product, level %d, input scale 2^%d, weight scale 2^%d, no keys on the server",
                packing.features(), packing.classes(), layout.level(), Math.getExponent(layout.inputScale()),
                Math.getExponent(weightScale));
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
            return new ServerReply(List.of(ct.toBytes()), nanos);
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
