package io.he4j.ml.he;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CompactReply;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model privacy of coefficient replies (Cleveland logistic regression): a client with its own key crafts
 * queries and finds nothing in a reply but the scores; replies of two models that agree on the query cannot be
 * told apart; c1 is fresh and uniform. Each check has a control run against a server built
 * {@link ModelServer#withoutModelPrivacy}, where the same statistic must see the difference, so the test can
 * fail. Queries come from fixed seeds; the server's masks come from its CSPRNG, so the statistics use
 * two-sample Kolmogorov-Smirnov thresholds at alpha = 1e-6 (a false alarm about once in a million runs).
 */
class ModelPrivacyTest {
    private static final double KS_C = KolmogorovSmirnov.C;

    private static TrainedModel model;
    private static CompiledModel a;
    private static CompiledModel b;
    private static double[] query;
    private static int changedFeature;
    private static ModelClient client;
    private static PublicContext keys;

    @BeforeAll
    static void train() {
        Split s = Splits.trainTest(Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND,
                MissingValues.Policy.DROP_ROWS), 0.25, 42);
        model = Trainer.train(s.train(), TrainOptions.linear(1));
        a = CompiledModel.compile(model, "a", "1");
        assertEquals(ProtocolKind.COEFFICIENT, a.manifest().single().kind());
        // model B differs from A in one weight whose feature the query sets to 0: same score on this query
        query = model.imputer().apply(s.test().x()[0]);
        changedFeature = 3;
        query[changedFeature] = 0;
        Dense l = a.network().layers().getFirst();
        double[][] w = new double[l.out()][];
        for (int c = 0; c < w.length; c++) {
            w[c] = l.weights()[c].clone();
        }
        w[0][changedFeature] *= 1.05;
        Dense changed = new Dense(w, l.bias().clone());
        b = new CompiledModel(a.manifest(), new SquareNetwork(List.of(changed), a.network().output()),
                a.weightScale(), 0);
        int n;
        try (CkksContext ctx = CkksContext.create(a.manifest().single().preset())) {
            n = ctx.polyDegree();
        }
        assertEquals(Flooding.floodBits(Flooding.coefficientNoise(l, a.weightScale(), n), 1),
                Flooding.floodBits(Flooding.coefficientNoise(changed, a.weightScale(), n), 1),
                "precondition: both models flood with the same width");
        assertEquals(a.network().scores(query)[0], b.network().scores(query)[0], 1e-12);
        client = ModelClient.create(a.manifest());
        keys = PublicContext.fromBytes(client.keySet().orElseThrow());
    }


    @AfterAll
    static void close() {
        client.close();
        keys.close();
    }

    @Test
    void layoutAsksForThePublicKeyAndTheServerRefusesQueriesWithoutIt() {
        QueryLayout l = a.manifest().single();
        assertTrue(l.keys().publicKey());
        try (ModelServer server = ModelServer.create(a)) {
            QueryRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(QueryRejectedException.class,
                    () -> server.predict(client.encryptQuery(query), Optional.empty()));
            assertEquals(QueryRejectedException.Reason.KEY_SET_REQUIRED, e.reason());
            assertTrue(server.privacyDescription(false).startsWith("re-randomized"), server.privacyDescription(false));
        }
    }

    /** Crafted queries: an impulse per feature, zero, random values, the encoder's limits (the input bounds). */
    @Test
    void craftedQueriesFindNothingButTheScores() {
        double[] bounds = HeCompiler.inputBounds(model);
        List<double[]> queries = new ArrayList<>();
        for (int j = 0; j < bounds.length; j++) {
            double[] x = new double[bounds.length];
            x[j] = bounds[j];
            queries.add(x);
        }
        queries.add(new double[bounds.length]);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 4; i++) {
            double[] x = new double[bounds.length];
            Arrays.setAll(x, j -> (2 * r.nextDouble() - 1) * bounds[j]);
            queries.add(x);
        }
        queries.add(bounds.clone());
        queries.add(Arrays.stream(bounds).map(v -> -v).toArray());
        int[] scores = a.manifest().single().scorePositions();
        try (ModelServer server = ModelServer.create(a); CkksContext ctx = CkksContext.create(
                a.manifest().single().preset())) {
            for (double[] x : queries) {
                byte[] reply = server.predict(client.encryptQuery(x), Optional.of(keys));
                // the full reply: c0 at the score coefficients and c1, nothing else
                assertArrayEquals(scores, CompactReply.positions(ctx, reply));
                assertEquals(expectedSize(ctx, scores.length, replyBits(reply)), reply.length);
                double[] enc = client.decryptScores(reply);
                double[] plain = a.network().scores(x);
                for (int k = 0; k < plain.length; k++) {
                    assertEquals(plain[k], enc[k], 1e-4, "query " + Arrays.toString(x));
                }
            }
        }
    }

    @Test
    void c1IsFreshAndUniformWithPrivacyAndRepeatsWithout() {
        byte[] q = client.encryptQuery(query);
        try (ModelServer server = ModelServer.create(a); ModelServer trusted = ModelServer.withoutModelPrivacy(a)) {
            List<long[]> privateC1 = new ArrayList<>();
            Set<Long> firstCoefficient = new HashSet<>();
            for (int i = 0; i < 24; i++) {
                long[] c1 = c1(server.predict(q, Optional.of(keys)));
                privateC1.add(c1);
                firstCoefficient.add(c1[0]);
            }
            assertEquals(24, firstCoefficient.size(), "a private reply's c1 is fresh each time");
            assertTrue(server.statisticallyPrivate(false) && server.statisticallyPrivate(true), "flooded forms");
            assertTrue(!trusted.statisticallyPrivate(false) && !trusted.statisticallyPrivate(true), "no masks");
            int bits = replyBits(server.predict(q, Optional.of(keys)));
            double[] pooled = privateC1.stream().flatMapToLong(Arrays::stream)
                    .mapToDouble(v -> v / Math.scalb(1.0, bits)).toArray();
            double d = KolmogorovSmirnov.uniform(pooled);
            assertTrue(d < KS_C / Math.sqrt(pooled.length), "c1 is not uniform: KS D = " + d);
            // control: without privacy c1 = a W is the same for every reply to the same query
            assertArrayEquals(c1(trusted.predict(q, Optional.empty())), c1(trusted.predict(q, Optional.empty())));
        }
    }

    @Test
    void twoModelsWithTheSameScoresGiveIndistinguishableReplies() {
        double[] noise = ReplyDistinguisher.assertIndistinguishable("cleveland LR", a, b, query);
        // the flood is there: 40 uniform draws spread over more than half of its width 2B / scale
        Dense l = a.network().layers().getFirst();
        int n = keys.context().polyDegree();
        double width = Math.scalb(2.0, Flooding.floodBits(Flooding.coefficientNoise(l, a.weightScale(), n), 1))
                / (a.manifest().single().inputScale() * a.weightScale());
        double spread = Arrays.stream(noise).max().orElseThrow() - Arrays.stream(noise).min().orElseThrow();
        System.out.printf("cleveland LR: flood width %.3g, spread of %d score errors %.3g%n", width, noise.length,
                spread);
        assertTrue(spread > width / 2, "no flooding noise on the score: spread " + spread + " of " + width);
    }

    @Test
    void releasedScoresAreFloodedRoundedAndWithinTheStatedPrecision() {
        try (ModelServer server = ModelServer.create(a)) {
            byte[] reply = server.predict(client.encryptQuery(query), Optional.of(keys));
            double exact = client.decryptScores(reply)[0];
            double p = client.releasePrecision();
            for (int i = 0; i < 20; i++) {
                double released = client.releaseScores(reply)[0];
                assertEquals(exact, released, p);
                assertEquals(0, Math.IEEEremainder(released, p), 1e-12);
            }
            // the compact reply has bits enough for the full 2^30 flood at this precision
            assertTrue(client.releaseStatisticalBits(reply) >= 30, "statistical bits "
                    + client.releaseStatisticalBits(reply));
        }
    }

    /** The regression dataset too: every test row's private reply within 1e-4 of the plaintext prediction. */
    @Test
    void diabetesRidgeRegressionStaysWithinTheTarget() {
        Split s = Splits.trainTest(Datasets.diabetes(TestData.dir()), 0.25, 42);
        TrainedModel ridge = Trainer.train(s.train(), TrainOptions.linear(1));
        CompiledModel compiled = CompiledModel.compile(ridge, "diabetes", "1");
        assertEquals(ProtocolKind.COEFFICIENT, compiled.manifest().single().kind());
        double worst = 0;
        try (ModelServer server = ModelServer.create(compiled);
             ModelClient c = ModelClient.create(compiled.manifest());
             PublicContext k = PublicContext.fromBytes(c.keySet().orElseThrow())) {
            for (int i = 0; i < s.test().rows(); i++) {
                double[] x = ridge.imputer().apply(s.test().x()[i]);
                double enc = c.decryptScores(server.predict(c.encryptQuery(x), Optional.of(k)))[0];
                worst = Math.max(worst, Math.abs(ridge.scores(x)[0] - enc));
            }
        }
        System.out.printf("diabetes ridge (%s): max |dscore| %.3g over %d rows%n",
                compiled.manifest().single().preset(), worst, s.test().rows());
        assertTrue(worst < 1e-4, "max |plain - encrypted| " + worst);
    }

    // ---- compact reply fields (format: native ckks/compact_reply.hpp) ----

    private static final int FIXED = 4 + 1 + 1 + 2 + 8 + 4;

    static int replyBits(byte[] reply) {
        return reply[24 + 4];
    }

    static long expectedSize(CkksContext ctx, int count, int bits) {
        return 24 + FIXED + 4L * count + packed(count, bits) + packed(ctx.polyDegree(), bits);
    }

    private static long packed(long n, int bits) {
        return (n * bits + 7) / 8;
    }

    /** c1 of a compact reply, N values of {@code bits} bits, little-endian bit-packed. */
    static long[] c1(byte[] reply) {
        int bits = replyBits(reply);
        int count = (reply[24 + 16] & 0xff) | (reply[24 + 17] & 0xff) << 8;
        int offset = (int) (24 + FIXED + 4L * count + packed(count, bits));
        int n = (int) ((reply.length - offset) * 8L / bits);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long v = 0;
            for (int k = 0; k < bits; k++) {
                long bit = (long) i * bits + k;
                v |= (long) ((reply[offset + (int) (bit >>> 3)] >>> (bit & 7)) & 1) << k;
            }
            out[i] = v;
        }
        return out;
    }

    static long mod(long v, int bits) {
        return v & ((1L << bits) - 1);
    }

    static double[] tStatistic(byte[] reply, long[] reference, int bits) {
        long[] c1 = c1(reply);
        double[] t = new double[(c1.length + 3) / 4];
        for (int k = 0, i = 0; k < c1.length; k += 4, i++) {
            t[i] = mod(c1[k] - reference[k], bits) / Math.scalb(1.0, bits);
        }
        return t;
    }
}
