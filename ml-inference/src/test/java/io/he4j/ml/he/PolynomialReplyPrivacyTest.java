package io.he4j.ml.he;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CompactReply;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.PublicContext;
import io.he4j.ml.TestData;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model privacy of the MLPs that left slot encoding ({@link PolynomialForm}, {@link CoefficientPacking}): the
 * digits MLP 64-32-10 (a quadratic form, ten classes in several products and reply ciphertexts) and the Cleveland
 * MLP 13-8-4-1 (a polynomial of degree 4 over 2379 monomials). Crafted queries decrypt within 1e-4 and their
 * replies send nothing but the score coefficients and a uniform c1 per ciphertext; two networks with the same
 * scores give replies a KS test cannot tell apart; the weight-dependent noise, measured with the secret key
 * before the compact switch, stays below the bound the flood is sized from. Every check has its control
 * without privacy ({@link ModelPrivacyTest}'s statistics, reused). Agreement on every test row is in
 * {@link EncryptedAgreementTest}.
 */
class PolynomialReplyPrivacyTest {
    private static TrainedModel digits;
    private static TrainedModel deep;

    @BeforeAll
    static void train() {
        Split d = Splits.trainTest(Datasets.digits(TestData.dir()), 0.2, 42);
        digits = Trainer.train(d.train(), TrainOptions.mlp(List.of(32), "square", 1).withMaxIterations(300));
        Split c = Splits.trainTest(Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND,
                MissingValues.Policy.DROP_ROWS), 0.25, 42);
        deep = Trainer.train(c.train(), TrainOptions.mlp(List.of(8, 4), "relu", 2).withL2(0.05)
                .withMaxIterations(200));
    }

    @Test
    void craftedQueriesDecryptWithinTheTargetAndSendOnlyTheScores() {
        crafted("digits MLP 64-32-10", digits, ProtocolKind.QUADRATIC_FORM);
        crafted("cleveland MLP 13-8-4-1", deep, ProtocolKind.QUARTIC_FORM);
    }

    private static void crafted(String what, TrainedModel m, ProtocolKind kind) {
        CompiledModel compiled = CompiledModel.compile(m, "m", "1");
        QueryLayout layout = compiled.manifest().single();
        assertEquals(kind, layout.kind(), what);
        List<double[]> rows = BatchFloodTest.craftedRows(HeCompiler.inputBounds(m));
        try (ModelServer server = ModelServer.create(compiled); ModelClient client = ModelClient.create(
                compiled.manifest()); PublicContext keys = PublicContext.fromBytes(client.keySet().orElseThrow());
             CkksContext ctx = CkksContext.create(layout.preset())) {
            int n = ctx.polyDegree();
            int products = CoefficientPacking.products(layout.scorePositions(), n);
            double worst = 0;
            for (double[] x : rows) {
                List<byte[]> reply = server.evaluate(false, List.of(client.encryptQuery(x)), Optional.of(keys)).parts();
                assertEquals(products, reply.size());
                for (int g = 0; g < products; g++) {
                    // each reply ciphertext: c0 at its score coefficients and c1, nothing else
                    int[] scores = CoefficientPacking.positionsIn(layout.scorePositions(), g, n);
                    assertArrayEquals(scores, CompactReply.positions(ctx, reply.get(g)));
                    assertEquals(ModelPrivacyTest.expectedSize(ctx, scores.length,
                            ModelPrivacyTest.replyBits(reply.get(g))), reply.get(g).length);
                }
                double[] plain = m.scores(x);
                double[] enc = client.decryptScores(reply);
                for (int k = 0; k < plain.length; k++) {
                    worst = Math.max(worst, Math.abs(plain[k] - enc[k]));
                }
            }
            System.out.printf("%s (%s, %s, %d reply ciphertexts): max |dscore| %.3g over %d crafted rows; %s%n",
                    what, kind, layout.preset(), products, worst, rows.size(), server.privacyDescription(false));
            assertTrue(worst < 1e-4, what + ": crafted rows max |plain - encrypted| " + worst);
            assertTrue(server.privacyDescription(false).contains("statistical distance"));
        }
    }

    @Test
    void everyReplyCiphertextHasAFreshUniformC1() {
        CompiledModel compiled = CompiledModel.compile(digits, "digits", "1");
        try (ModelServer server = ModelServer.create(compiled);
             ModelServer trusted = ModelServer.withoutModelPrivacy(compiled);
             ModelClient client = ModelClient.create(compiled.manifest());
             PublicContext keys = PublicContext.fromBytes(client.keySet().orElseThrow())) {
            byte[] q = client.encryptQuery(new double[digits.features()]);
            List<byte[]> reply = server.evaluate(false, List.of(q), Optional.of(keys)).parts();
            assertTrue(reply.size() > 1, "digits takes several products");
            for (int g = 0; g < reply.size(); g++) {
                int bits = ModelPrivacyTest.replyBits(reply.get(g));
                double[] c1 = Arrays.stream(ModelPrivacyTest.c1(reply.get(g))).mapToDouble(v -> v / Math.scalb(1.0, bits))
                        .toArray();
                double d = KolmogorovSmirnov.uniform(c1);
                assertTrue(d < KolmogorovSmirnov.critical(c1.length), "c1 of ciphertext " + g + " not uniform: " + d);
            }
            // control: without privacy c1 = a W_g is the same for every reply to the same query
            List<byte[]> a = trusted.evaluate(false, List.of(q), Optional.empty()).parts();
            List<byte[]> b = trusted.evaluate(false, List.of(q), Optional.empty()).parts();
            for (int g = 0; g < a.size(); g++) {
                assertArrayEquals(ModelPrivacyTest.c1(a.get(g)), ModelPrivacyTest.c1(b.get(g)));
            }
        }
    }

    @Test
    void twoQuarticNetworksWithTheSameScoresGiveIndistinguishableReplies() {
        indistinguishable("cleveland MLP 13-8-4-1", deep, 3);
    }

    @Test
    void twoDigitsNetworksWithTheSameScoresGiveIndistinguishableRepliesInEveryCiphertext() {
        indistinguishable("digits MLP 64-32-10", digits, 20);
    }

    /**
     * Model B negates input {@code feature} in every first-layer unit: its monomial weights are A's up to the sign
     * of those with that feature to an odd power (same magnitudes, same flood), and a query with the feature at 0
     * gets the same scores. The attacker knows W_A: it compares each reply ciphertext's c1 with a W_A's (the reply
     * A gives without privacy) and the decrypted scores' noise; neither tells A from B.
     */
    private static void indistinguishable(String what, TrainedModel model, int feature) {
        CompiledModel a = CompiledModel.compile(model, "a", "1");
        Dense l1 = a.network().layers().getFirst();
        double[][] w = new double[l1.out()][];
        for (int i = 0; i < w.length; i++) {
            w[i] = l1.weights()[i].clone();
            w[i][feature] = -w[i][feature];
        }
        List<Dense> layers = new ArrayList<>(a.network().layers());
        layers.set(0, new Dense(w, l1.bias().clone()));
        CompiledModel b = new CompiledModel(a.manifest(), new SquareNetwork(layers, a.network().output()),
                a.weightScale(), 0);
        double[] bounds = HeCompiler.inputBounds(model);
        double[] query = new double[model.features()];
        Arrays.setAll(query, j -> bounds[j] / 7);
        query[feature] = 0;
        assertArrayEquals(a.network().scores(query), b.network().scores(query), 1e-9);
        try (CkksContext ctx = CkksContext.create(a.manifest().single().preset())) {
            int n = ctx.polyDegree();
            int k = a.manifest().single().outputs();
            assertEquals(Flooding.floodBits(Flooding.coefficientNoise(PolynomialForm.expand(a.network()),
                            a.weightScale(), n), k),
                    Flooding.floodBits(Flooding.coefficientNoise(PolynomialForm.expand(b.network()), a.weightScale(),
                            n), k), "precondition: both models flood with the same width");
        }
        ReplyDistinguisher.assertIndistinguishable(what, a, b, query);
    }

    /**
     * The flood is sized from a worst-case bound on the reply's weight-dependent noise (the query's noise through
     * the integer weights, {@link Flooding#productNoise}): measured with the secret key on the full reply
     * ciphertext of an all-zero query (monomials all 0, so what decrypts at a score coefficient is noise only;
     * bias left out), it stays below; with the mask, the score coefficients carry the flood (wide, inside 2^b +
     * the bound).
     */
    @Test
    void measuredNoiseOfAQuarticReplyIsBelowTheFloodsBound() {
        CompiledModel compiled = CompiledModel.compile(deep, "deep", "1");
        QueryLayout layout = compiled.manifest().single();
        Dense expanded = PolynomialForm.expand(compiled.network());
        Dense noBias = new Dense(expanded.weights(), new double[expanded.out()]);
        try (CkksContext ctx = CkksContext.create(layout.preset());
             CoefficientServer server = new CoefficientServer(ctx, layout, noBias, compiled.weightScale());
             ModelClient client = ModelClient.create(compiled.manifest());
             PublicContext keys = PublicContext.fromBytes(client.keySet().orElseThrow());
             ReplyMasks masks = new ReplyMasks(ctx, server.maskRecipe(), null)) {
            int n = ctx.polyDegree();
            int score = layout.scorePositions()[0];
            double productBound = Flooding.productNoise(noBias, compiled.weightScale());
            double bound = Flooding.coefficientNoise(noBias, compiled.weightScale(), n);
            int floodBits = Flooding.floodBits(bound, 1);
            double measured = 0;
            double floodLo = Double.MAX_VALUE;
            double floodHi = -Double.MAX_VALUE;
            for (int r = 0; r < 12; r++) {
                byte[] q = client.encryptQuery(new double[deep.features()]);
                double v = fullReplyCoefficient(client, ctx, server, q, ReplyPrivacy.NONE, score);
                measured = Math.max(measured, Math.abs(v));
                double f = fullReplyCoefficient(client, ctx, server, q, masks.forKeys(keys), score);
                assertTrue(Math.abs(f) <= Math.scalb(1.0, floodBits) + bound, "beyond the flood: " + f);
                floodLo = Math.min(floodLo, f);
                floodHi = Math.max(floodHi, f);
            }
            System.out.printf("cleveland MLP 13-8-4-1 (QUARTIC_FORM): weight noise measured 2^%.1f of bound 2^%.1f; "
                            + "flood 2^%d, spread of 12 flooded score coefficients 2^%.1f%n", Flooding.log2(measured),
                    Flooding.log2(productBound), floodBits, Flooding.log2(floodHi - floodLo));
            assertTrue(measured > 0 && measured <= productBound, "weight noise " + measured + " beyond " + productBound);
            assertTrue(floodHi - floodLo > Math.scalb(1.0, floodBits - 2), "no flood on the score coefficient");
        }
    }

    /** Coefficient {@code at} of the reply ciphertext as the server leaves it before the compact switch. */
    private static double fullReplyCoefficient(ModelClient client, CkksContext ctx, CoefficientServer server,
                                               byte[] query, ReplyPrivacy privacy, int at) {
        byte[][] full = new byte[1][];
        server.evaluate(List.of(MemorySegment.ofArray(query)), new Evaluator(ctx), reply -> {
            privacy.protect(reply);
            full[0] = reply.toBytes();
        });
        return client.single().decryptCoefficients(full[0])[at];
    }
}
