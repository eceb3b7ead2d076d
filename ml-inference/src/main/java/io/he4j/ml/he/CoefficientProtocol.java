package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CkksParameters;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.Plaintext;
import io.he4j.ml.MlException;
import io.he4j.ml.model.Dense;

/**
 * Single-query inference of a linear model by coefficient encoding ({@link CoefficientPacking}, Cheetah):
 * the client encrypts its raw features as polynomial coefficients with the seeded symmetric encryptor, at
 * the lowest level that keeps the score error below {@link CoefficientScales#TARGET_ERROR} (level 0 = one
 * prime = the smallest upload); the server does one plaintext multiplication and one plaintext addition (the
 * bias at coefficient c*d), with no key at all; the client decodes coefficients c*d.
 */
public final class CoefficientProtocol implements SingleQueryProtocol {
    private final String preset;
    private final CkksContext context;
    private final ClientKeys client;
    private final CoefficientPacking packing;
    private final CoefficientScales scales;
    // server side: only public material
    private final Evaluator evaluator;
    private final Plaintext weights;
    private final Plaintext bias;
    // client scratch, reused between queries
    private final Plaintext queryPt;
    private final Ciphertext queryCt;
    private final Plaintext replyPt;
    /** Decoded coefficients 0..(last score index): the scores, without converting all N coefficients. */
    private final double[] replyCoefficients;
    private long computeNanos;

    public CoefficientProtocol(SquareNetwork net, double[] inputBound, String preset) {
        if (!net.isLinear()) {
            throw new MlException("coefficient encoding evaluates linear models; this network has "
                    + net.layers().size() + " layers (use slot mode)");
        }
        this.preset = preset;
        this.context = CkksContext.create(CkksParameters.preset(preset));
        try {
            Dense layer = net.layers().getFirst();
            this.packing = CoefficientPacking.of(layer, context.polyDegree());
            long[] q = java.util.Arrays.copyOf(context.moduli(), context.maxLevel() + 1);
            this.scales = CoefficientScales.choose(layer, inputBound, q);
            this.client = new ClientKeys(context);
            this.evaluator = new Evaluator(context);
            Encoder serverEncoder = new Encoder(context);
            this.weights = serverEncoder.encodeCoefficients(packing.weights(), scales.weightScale(), scales.level());
            this.bias = serverEncoder.encodeCoefficients(packing.bias(), scales.inputScale() * scales.weightScale(),
                    scales.level());
            this.queryPt = new Plaintext(context);
            this.queryCt = new Ciphertext(context);
            this.replyPt = new Plaintext(context);
            this.replyCoefficients = new double[packing.scoreIndex(packing.classes() - 1) + 1];
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    @Override
    public byte[] encryptQuery(double[] features) {
        client.encoder.encodeCoefficients(packing.inputCoefficients(features), scales.inputScale(), scales.level(),
                queryPt);
        return client.encryptor.encrypt(queryPt, queryCt).toBytes();
    }

    @Override
    public byte[] evaluate(byte[] query) {
        try (Ciphertext ct = Ciphertext.fromBytes(context, query)) {
            if (ct.level() != scales.level()) {
                throw new MlException("query at level " + ct.level() + ", this model expects level " + scales.level());
            }
            long t0 = System.nanoTime();
            evaluator.mulPlain(ct, weights, ct);
            evaluator.addPlain(ct, bias, ct);
            computeNanos = System.nanoTime() - t0;
            return ct.toBytes();
        }
    }

    @Override
    public double[] decryptScores(byte[] response) {
        try (Ciphertext ct = Ciphertext.fromBytes(context, response)) {
            client.decryptor.decrypt(ct, replyPt);
            return packing.scores(client.encoder.decodeCoefficients(replyPt, replyCoefficients));
        }
    }

    @Override
    public long lastComputeNanos() {
        return computeNanos;
    }

    public CoefficientScales scales() {
        return scales;
    }

    @Override
    public HeParams params() {
        return HeParams.of(preset, context);
    }

    @Override
    public String description() {
        return String.format("coefficient encoding (Cheetah): %d features x %d scores in one plaintext product, "
                        + "level %d, input scale 2^%d, weight scale 2^%d, expected |error| < %.1e, no keys on the server",
                packing.features(), packing.classes(), scales.level(), Math.getExponent(scales.inputScale()),
                Math.getExponent(scales.weightScale()), scales.expectedError());
    }

    @Override
    public void close() {
        queryCt.close();
        queryPt.close();
        replyPt.close();
        weights.close();
        bias.close();
        client.close();
        context.close();
    }
}
