package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Encryptor;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.PublicContext;
import io.he4j.ml.MlException;
import io.he4j.ml.TestData;
import io.he4j.ml.data.Dataset;
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
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistical flooding of linear feature-major batches ({@link BatchFlood}): the plan's worst-case noise bound
 * holds on measured replies (decrypted with the client's secret key), every reply coefficient is uniform over
 * the flood's range, two models with the same scores give replies a KS test cannot tell apart (while the same
 * statistic separates them without privacy), and scores stay within 1e-4 with equal labels on every test row of
 * every dataset with a linear model.
 */
class BatchFloodTest {
    private static final int REPLIES = 6;

    private static Split cleveland() {
        return Splits.trainTest(Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND,
                MissingValues.Policy.DROP_ROWS), 0.25, 42);
    }

    @Test
    void everyLinearBatchStaysWithinTheTargetOnEveryTestRow() {
        Split cleveland = cleveland();
        Split breast = Splits.trainTest(Datasets.breastCancer(TestData.dir()), 0.25, 42);
        Split digits = Splits.trainTest(Datasets.digits(TestData.dir()), 0.2, 42);
        Split diabetes = Splits.trainTest(Datasets.diabetes(TestData.dir()), 0.25, 42);
        check("cleveland LR", Trainer.train(cleveland.train(), TrainOptions.linear(1)), cleveland.test());
        check("breast cancer LR", Trainer.train(breast.train(), TrainOptions.linear(1)), breast.test());
        check("digits LR (10 classes)", Trainer.train(digits.train(), TrainOptions.linear(1)), digits.test());
        check("diabetes ridge", Trainer.train(diabetes.train(), TrainOptions.linear(1)), diabetes.test());
    }

    private static void check(String what, TrainedModel m, Dataset test) {
        check(what, m, test, ProtocolKind.FEATURE_MAJOR_BATCH);
    }

    /** Scores within 1e-4 and equal labels on every test row (and crafted rows) of a statistically flooded batch. */
    static void check(String what, TrainedModel m, Dataset test, ProtocolKind expected) {
        CompiledModel compiled = CompiledModel.compile(m, what, "1");
        QueryLayout layout = compiled.manifest().batch();
        assertEquals(expected, layout.kind(), what);
        List<double[]> all = new ArrayList<>();
        for (int i = 0; i < test.rows(); i++) {
            all.add(m.imputer().apply(test.x()[i]));
        }
        all.addAll(craftedRows(HeCompiler.inputBounds(m)));
        double[][] rows = all.toArray(double[][]::new);
        try (ModelServer server = ModelServer.create(compiled); ModelClient client = ModelClient.create(
                compiled.manifest()); PublicContext keys = PublicContext.fromBytes(client.batchKeySet().orElseThrow())) {
            String privacy = server.privacyDescription(true);
            assertTrue(privacy.contains("every coefficient flooded") && privacy.contains("statistical distance"),
                    privacy);
            double worst = 0;
            for (int from = 0; from < rows.length; from += layout.capacity()) {
                double[][] part = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + layout.capacity()));
                double[][] enc = client.decryptBatch(server.predictBatch(client.encryptBatch(part), Optional.of(keys)),
                        part.length);
                for (int i = 0; i < part.length; i++) {
                    double[] plain = m.scores(part[i]);
                    for (int k = 0; k < plain.length; k++) {
                        worst = Math.max(worst, Math.abs(plain[k] - enc[i][k]));
                    }
                    // labels on the test rows (a crafted row may sit on the decision boundary: scores only)
                    if (m.network().output() != io.he4j.ml.model.OutputLink.IDENTITY && from + i < test.rows()) {
                        assertEquals(m.network().output().label(plain), m.network().output().label(enc[i]),
                                what + ": label differs on test row " + (from + i));
                    }
                }
            }
            System.out.printf("%s batch (%s, level %d, input scale 2^%.0f): max |dscore| %.3g over %d test and "
                            + "crafted rows; %s%n", what, layout.preset(), layout.level(),
                    Flooding.log2(layout.inputScale()), worst, rows.length, privacy);
            assertTrue(worst < 1e-4, what + ": batch max |plain - encrypted score| " + worst);
        }
    }

    /** Crafted rows: an impulse per feature at its bound, zero, both corners of the bounds, random rows inside. */
    static List<double[]> craftedRows(double[] bounds) {
        List<double[]> rows = new ArrayList<>();
        for (int j = 0; j < bounds.length; j++) {
            double[] x = new double[bounds.length];
            x[j] = bounds[j];
            rows.add(x);
        }
        rows.add(new double[bounds.length]);
        rows.add(bounds.clone());
        rows.add(Arrays.stream(bounds).map(v -> -v).toArray());
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < 16; i++) {
            double[] x = new double[bounds.length];
            Arrays.setAll(x, j -> (2 * r.nextDouble() - 1) * bounds[j]);
            rows.add(x);
        }
        return rows;
    }

    /** The plan of a compiled linear (or quadratic-form) batch, as its server derives it. */
    static BatchFlood flood(CompiledModel compiled, CkksContext ctx) {
        QueryLayout l = compiled.manifest().batch();
        SquareNetwork net = PolynomialForm.batchNetwork(compiled.network(), l);
        long[] q = Arrays.copyOf(ctx.moduli(), ctx.maxLevel() + 1);
        return BatchFlood.of(net, ScalePlan.plan(net, q, l.level(), l.inputScale()), q, ctx.polyDegree());
    }

    /** Coefficients 1..N-1 of each reply ciphertext (coefficient 0 holds the bias at the full scale). */
    static double[] rawNoise(ModelClient client, List<byte[]> reply) {
        List<Double> out = new ArrayList<>();
        for (byte[] ct : reply) {
            double[] c = client.batch().decryptCoefficients(ct);
            for (int k = 1; k < c.length; k++) {
                out.add(c[k]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void measuredNoiseIsWithinTheBoundAndEveryCoefficientIsUniform() {
        Split s = cleveland();
        checkFlood("cleveland LR", Trainer.train(s.train(), TrainOptions.linear(1)));
    }

    /**
     * On all-zero batches of a statistically flooded model: the plan's worst-case noise bound holds (measured with
     * the secret key), the flood's decoded effect stays within its bound, every reply coefficient is uniform.
     */
    static void checkFlood(String what, TrainedModel m) {
        CompiledModel compiled = CompiledModel.compile(m, what, "1");
        QueryLayout layout = compiled.manifest().batch();
        double[][] zeros = new double[layout.capacity()][m.features()];
        try (Served w = Served.of(compiled)) {
            assertTrue(w.server().statisticallyPrivate(true), what + ": " + w.server().privacyDescription(true));
            BatchFlood f = flood(compiled, w.ctx());
            int n = w.ctx().polyDegree();
            double weightNoise = BatchFlood.productNoise(PolynomialForm.batchNetwork(compiled.network(), layout)
                            .layers().getFirst(),
                    f.plan().steps().getLast().weightScale());
            assertEquals(weightNoise + Flooding.publicKeyNoise(n), f.noiseBound());
            double measuredWeight = 0;
            double measuredZero = 0;
            List<double[]> flooded = new ArrayList<>();
            double floodSeen = 0;
            double floodSpread = 0;
            Encryptor pk = new Encryptor(w.ctx(), w.keys().publicKey());
            Encoder enc = new Encoder(w.ctx());
            {
                for (int r = 0; r < REPLIES; r++) {
                    // the weight-dependent part: the query's noise through the integer weights (no mask)
                    List<byte[]> query = w.client().encryptBatch(zeros);
                    for (double v : rawNoise(w.client(), w.trusted().predictBatch(query, Optional.empty()))) {
                        measuredWeight = Math.max(measuredWeight, Math.abs(v));
                    }
                    // the mask's encryption of zero under the registered public key
                    try (Plaintext zero = enc.encodeCoefficients(new double[1], 1.0, f.plan().finalLevel());
                         Ciphertext c = pk.encrypt(zero)) {
                        for (double v : rawNoise(w.client(), List.of(c.toBytes()))) {
                            measuredZero = Math.max(measuredZero, Math.abs(v));
                        }
                    }
                    // with privacy: every coefficient inside [-2^b - bound, 2^b + bound], the scores' error within
                    // the flood's (high-probability) decoded bound
                    List<byte[]> reply = w.server().predictBatch(query, Optional.of(w.keys()));
                    double[] raw = rawNoise(w.client(), reply);
                    double limit = Math.scalb(1.0, f.floodBits()) + f.noiseBound();
                    assertTrue(Arrays.stream(raw).allMatch(v -> Math.abs(v) <= limit), "a coefficient beyond the flood");
                    flooded.add(raw);
                    double[][] scores = w.client().decryptBatch(reply, zeros.length);
                    double bias = compiled.network().scores(zeros[0])[0];
                    double lo = Double.MAX_VALUE;
                    double hi = -Double.MAX_VALUE;
                    for (double[] row : scores) {
                        floodSeen = Math.max(floodSeen, Math.abs(row[0] - bias));
                        lo = Math.min(lo, row[0]);
                        hi = Math.max(hi, row[0]);
                    }
                    floodSpread = Math.max(floodSpread, hi - lo);
                }
            }
            System.out.printf("%s batch: weight noise measured 2^%.1f of bound 2^%.1f, encryption of zero "
                            + "2^%.1f of 2^%.1f; flood 2^%d, its decoded effect %.3g of bound %.3g%n", what,
                    Flooding.log2(measuredWeight), Flooding.log2(weightNoise), Flooding.log2(measuredZero),
                    Flooding.log2(Flooding.publicKeyNoise(n)), f.floodBits(), floodSeen, f.floodError());
            assertTrue(measuredWeight <= weightNoise, "weight noise " + measuredWeight + " beyond " + weightNoise);
            assertTrue(measuredZero <= Flooding.publicKeyNoise(n), "encryption-of-zero noise " + measuredZero);
            assertTrue(measuredWeight > 0 && measuredZero > 0, "noise must be measurable");
            assertTrue(floodSeen <= f.floodError(), "flood's decoded effect " + floodSeen + " beyond " + f.floodError());
            assertTrue(floodSpread > f.floodError() / 100, "no flood on the scores: spread " + floodSpread);
            // every coefficient uniform on [-2^b, 2^b): KS over the pooled coefficients of all replies
            double width = Math.scalb(2.0, f.floodBits());
            double[] pooled = flooded.stream().flatMapToDouble(Arrays::stream)
                    .map(v -> (v + width / 2) / width).toArray();
            double d = KolmogorovSmirnov.uniform(pooled);
            assertTrue(d < KolmogorovSmirnov.critical(pooled.length), "reply coefficients are not uniform: KS D = " + d);
            // control: without the mask the same statistic is far from uniform (all values near the middle)
            double[] control = rawNoise(w.client(), w.trusted().predictBatch(w.client().encryptBatch(zeros),
                    Optional.empty()));
            double[] ctl = Arrays.stream(control).map(v -> (v + width / 2) / width).toArray();
            assertTrue(KolmogorovSmirnov.uniform(ctl) > KolmogorovSmirnov.critical(ctl.length), "control");
        }
    }

    @Test
    void twoModelsWithTheSameScoresGiveIndistinguishableBatchReplies() {
        Split s = cleveland();
        TrainedModel m = Trainer.train(s.train(), TrainOptions.linear(1));
        CompiledModel a = CompiledModel.compile(m, "a", "1");
        // model B flips the sign of one weight: same worst-case bound (same flood width), and the same scores on
        // any batch whose feature 3 is 0 (here: the all-zero batch, a crafted query)
        Dense l = a.network().layers().getFirst();
        double[][] w = {l.weights()[0].clone()};
        w[0][3] = -w[0][3];
        CompiledModel b = new CompiledModel(a.manifest(), new SquareNetwork(List.of(new Dense(w, l.bias().clone())),
                a.network().output()), a.weightScale(), 0);
        checkIndistinguishable("cleveland LR", a, b);
    }

    /**
     * Models {@code a} and {@code b} (same manifest, same scores on the all-zero batch, same flood width) give
     * replies a two-sample KS test cannot tell apart with privacy, and can without (control).
     */
    static void checkIndistinguishable(String what, CompiledModel a, CompiledModel b) {
        QueryLayout layout = a.manifest().batch();
        double[][] zeros = new double[layout.capacity()][a.network().inputs()];
        try (ModelServer pa = ModelServer.create(a); ModelServer pb = ModelServer.create(b);
             ModelServer ta = ModelServer.withoutModelPrivacy(a); ModelServer tb = ModelServer.withoutModelPrivacy(b);
             ModelClient client = ModelClient.create(a.manifest());
             PublicContext keys = PublicContext.fromBytes(client.batchKeySet().orElseThrow());
             CkksContext ctx = CkksContext.create(layout.preset())) {
            assertEquals(flood(a, ctx).floodBits(), flood(b, ctx).floodBits(), "precondition: same flood width");
            double width = Math.scalb(2.0, flood(a, ctx).floodBits());
            List<byte[]> query = client.encryptBatch(zeros);
            // the attacker knows W_A and its own query noise: the reply A would give without privacy
            double[] reference = rawNoise(client, ta.predictBatch(query, Optional.empty()));
            double[][] t = new double[2][];
            ModelServer[] servers = {pa, pb};
            for (int k = 0; k < 2; k++) {
                List<Double> diffs = new ArrayList<>();
                for (int r = 0; r < 2; r++) {
                    double[] raw = rawNoise(client, servers[k].predictBatch(query, Optional.of(keys)));
                    for (int i = 0; i < raw.length; i += 4) {
                        diffs.add((raw[i] - reference[i]) / width);
                    }
                }
                t[k] = diffs.stream().mapToDouble(Double::doubleValue).toArray();
            }
            double d = KolmogorovSmirnov.twoSample(t[0], t[1]);
            System.out.printf("%s batch, A vs B with privacy: KS D = %.4f (critical %.4f)%n", what, d,
                    KolmogorovSmirnov.critical(t[0].length, t[1].length));
            assertTrue(d < KolmogorovSmirnov.critical(t[0].length, t[1].length), "replies tell A from B: KS D = " + d);
            // control: without privacy the same statistic is 0 for A and not for B
            double[] ctlA = rawNoise(client, ta.predictBatch(query, Optional.empty()));
            double[] ctlB = rawNoise(client, tb.predictBatch(query, Optional.empty()));
            assertArrayEquals(reference, ctlA, "control: A's trusted reply repeats");
            double[] da = new double[ctlA.length / 4];
            double[] db = new double[da.length];
            for (int i = 0; i < da.length; i++) {
                da[i] = ctlA[4 * i] - reference[4 * i];
                db[i] = ctlB[4 * i] - reference[4 * i];
            }
            assertTrue(KolmogorovSmirnov.twoSample(da, db) > KolmogorovSmirnov.critical(da.length, db.length),
                    "control: the statistic should tell A from B without privacy");
        }
    }

    @Test
    void aLayoutWithoutRoomForTheFloodIsRefusedByTheChoiceNotSilentlyWeakened() {
        Split s = cleveland();
        TrainedModel m = Trainer.train(s.train(), TrainOptions.linear(1));
        SquareNetwork net = Folding.fold(m);
        // the 96-bit P4K-IFMA (the ring linear batches used before) has no room for a 2^30 flood of N coefficients
        MlException e = org.junit.jupiter.api.Assertions.assertThrows(MlException.class,
                () -> BatchFlood.choose(net, HeCompiler.inputBounds(m), List.of("P4K-IFMA")));
        assertTrue(e.getMessage().contains("no preset"), e.getMessage());
    }

    /**
     * Why deeper MLP batches (two hidden layers: no quadratic form) keep the precision-limited flood: after a
     * ciphertext square and its rescale, the reply's noise is measured far below the 2^66 that a statistical flood
     * decoding below 5e-5 needs (README, "Security model"). The server says it gives no statistical bound.
     */
    @Test
    void mlpBatchNoiseLeavesNoRoomForAStatisticalFlood() {
        Split s = cleveland();
        // two hidden layers: no quadratic form (one hidden layer is, QuadraticFormBatchTest)
        TrainedModel m = Trainer.train(s.train(), TrainOptions.mlp(List.of(8, 4), "relu", 2).withL2(0.05)
                .withMaxIterations(200));
        CompiledModel compiled = CompiledModel.compile(m, "mlp", "1");
        QueryLayout layout = compiled.manifest().batch();
        assertEquals(ProtocolKind.FEATURE_MAJOR_BATCH, layout.kind());
        double[][] zeros = new double[layout.capacity()][m.features()];
        try (Served w = Served.of(compiled)) {
            assertTrue(w.server().privacyDescription(true).contains("no 2^-30 statistical bound"),
                    w.server().privacyDescription(true));
            assertTrue(!w.server().statisticallyPrivate(true), "a service refuses this form by default");
            List<byte[]> reply = w.trusted().predictBatch(w.client().encryptBatch(zeros), Optional.of(w.keys()));
            double noise = Arrays.stream(rawNoise(w.client(), reply)).map(Math::abs).max().orElseThrow();
            double scale;
            try (Ciphertext c = Ciphertext.fromBytes(w.ctx(), reply.getFirst())) {
                scale = c.scale();
            }
            int n = w.ctx().polyDegree();
            double needed = Flooding.STATISTICAL_BITS + Flooding.log2(n) + Flooding.log2(BatchFlood.decodedEffect(0, n))
                    - Flooding.log2(Flooding.SCORE_ERROR);
            System.out.printf("cleveland MLP 13-8-4-1 batch (%s): reply noise 2^%.1f at scale 2^%.1f: 2^%.1f below it; a "
                            + "statistical flood needs 2^%.1f%n", layout.preset(), Flooding.log2(noise),
                    Flooding.log2(scale), Flooding.log2(scale / noise), needed);
            assertTrue(Flooding.log2(scale / noise) < needed, "the MLP batch would have room for the flood");
        }
    }

    /** A compiled model's batch form served with and without privacy, one client with its batch keys, the ring. */
    private record Served(ModelServer server, ModelServer trusted, ModelClient client, PublicContext keys,
                          CkksContext ctx) implements AutoCloseable {
        static Served of(CompiledModel compiled) {
            ModelServer server = ModelServer.create(compiled);
            ModelServer trusted = ModelServer.withoutModelPrivacy(compiled);
            ModelClient client = ModelClient.create(compiled.manifest());
            return new Served(server, trusted, client, PublicContext.fromBytes(client.batchKeySet().orElseThrow()),
                    CkksContext.create(compiled.manifest().batch().preset()));
        }

        @Override
        public void close() {
            ctx.close();
            keys.close();
            client.close();
            trusted.close();
            server.close();
        }
    }
}
