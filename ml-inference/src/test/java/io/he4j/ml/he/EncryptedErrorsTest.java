package io.he4j.ml.he;

import io.he4j.ckks.PublicContext;
import io.he4j.ml.MlException;
import io.he4j.ml.he.QueryRejectedException.Reason;
import io.he4j.ml.model.ModelFileTest;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.MessageKind;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong shapes, foreign or broken ciphertexts and missing keys give clear errors, each with its reason. */
class EncryptedErrorsTest {
    private static final TrainedModel LR = Trainer.train(ModelFileTest.toyData(), TrainOptions.linear(1));
    private static final TrainedModel MLP = Trainer.train(ModelFileTest.toyData(),
            TrainOptions.mlp(List.of(3, 3), "square", 1).withMaxIterations(30));

    private static Reason reason(Runnable r) {
        return assertThrows(QueryRejectedException.class, r::run).reason();
    }

    @Test
    void clientSideChecksShapes() {
        try (ModelClient a = ModelClient.create(CompiledModel.compile(LR, "lr", "1").manifest());
             ModelClient b = ModelClient.create(CompiledModel.compile(MLP, "mlp", "1").manifest())) {
            MlException e = assertThrows(MlException.class, () -> a.encryptQuery(new double[] {1, 2}));
            assertTrue(e.getMessage().contains("expects 3 features, got 2"), e.getMessage());
            e = assertThrows(MlException.class, () -> b.encryptQuery(new double[] {1, 2, 3, 4}));
            assertTrue(e.getMessage().contains("expects 3 features, got 4"), e.getMessage());
            e = assertThrows(MlException.class, () -> a.encryptBatch(new double[][] {{1, 2, 3}, {1, 2}}));
            assertTrue(e.getMessage().contains("expects 3 features, got 2"), e.getMessage());
        }
    }

    /**
     * The two-hidden-layer MLP with its single query on slots (relinearization and Galois keys): its own
     * compilation picks the quartic form, which needs no evaluation key.
     */
    static CompiledModel onSlots(TrainedModel m) {
        CompiledModel c = CompiledModel.compile(m, "mlp", "1");
        assertEquals(ProtocolKind.QUARTIC_FORM, c.manifest().single().kind());
        SquareNetwork net = Folding.fold(m);
        String preset = HeCompiler.choosePreset(net, true);
        QueryLayout slot;
        try (io.he4j.ckks.CkksContext ctx = io.he4j.ckks.CkksContext.create(preset)) {
            slot = SlotPlan.of(net, ctx).layout(net, preset, ctx);
        }
        io.he4j.protocol.ModelManifest x = c.manifest();
        return new CompiledModel(io.he4j.protocol.ModelManifest.of(x.modelId(), x.version(), x.featureNames(),
                x.imputation(), x.classNames(), x.outputLink(), slot, x.batch()), net, 0, 0);
    }

    @Test
    void serverRefusesEachBadQueryWithItsReason() {
        CompiledModel lr = CompiledModel.compile(LR, "lr", "1");
        CompiledModel mlp = onSlots(MLP);
        assertEquals(ProtocolKind.COEFFICIENT, lr.manifest().single().kind());
        assertEquals(ProtocolKind.SLOT, mlp.manifest().single().kind());
        try (ModelServer lrServer = ModelServer.create(lr); ModelServer mlpServer = ModelServer.create(mlp);
             ModelClient lrClient = ModelClient.create(lr.manifest());
             ModelClient mlpClient = ModelClient.create(mlp.manifest());
             PublicContext lrKeys = PublicContext.fromBytes(lrClient.keySet().orElseThrow())) {
            byte[] good = lrClient.encryptQuery(new double[] {1, 2, 3});
            Optional<PublicContext> lrKeySet = Optional.of(lrKeys);   // the LR server needs only the public key
            // model privacy: no key set, no reply (the reply is re-randomized under the client's public key)
            assertEquals(Reason.KEY_SET_REQUIRED, reason(() -> lrServer.predict(good, Optional.empty())));
            assertEquals(LR.scores(new double[] {1, 2, 3})[0], lrClient.decryptScores(lrServer.predict(good, lrKeySet))[0],
                    1e-3);
            // a query for another parameter set (the MLP's N=16384) is refused by the LR server, and vice versa
            byte[] foreign = mlpClient.encryptQuery(new double[] {1, 2, 3});
            assertEquals(Reason.WRONG_PARAMETERS, reason(() -> lrServer.predict(foreign, lrKeySet)));
            // garbage, truncation, bit flips
            assertEquals(Reason.MALFORMED, reason(() -> lrServer.predict(new byte[] {1, 2, 3}, lrKeySet)));
            assertEquals(Reason.MALFORMED, reason(() -> lrServer.predict(java.util.Arrays.copyOf(good,
                    good.length / 2), lrKeySet)));
            SplittableRandom r = new SplittableRandom(7);
            for (int i = 0; i < 40; i++) {
                byte[] flipped = good.clone();
                flipped[r.nextInt(flipped.length)] ^= (byte) (1 << r.nextInt(8));
                try {
                    lrServer.predict(flipped, lrKeySet);  // a flip in a coefficient still decodes: a valid ciphertext
                } catch (QueryRejectedException e) {
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                }
            }
            // a broken envelope and a wrong message kind
            assertEquals(Reason.MALFORMED, reason(() -> lrServer.predict(java.util.Arrays.copyOf(
                    ModelClient.envelope(good), 20), lrKeySet)));
            assertEquals(Reason.MALFORMED, reason(() -> lrServer.predict(Envelope.of(MessageKind.REPLY, good)
                    .toBytes(), lrKeySet)));
            // shape: the batch wants 3 ciphertexts
            assertEquals(Reason.WRONG_SHAPE, reason(() -> lrServer.predictBatch(List.of(good), lrKeySet)));
            // the MLP needs the client's evaluation keys
            byte[] mlpQuery = mlpClient.encryptQuery(new double[] {1, 2, 3});
            assertEquals(Reason.KEY_SET_REQUIRED, reason(() -> mlpServer.predict(mlpQuery, Optional.empty())));
            // and the LR client's key set (other parameters) does not do either
            assertEquals(Reason.KEY_SET_REQUIRED, reason(() -> mlpServer.predict(mlpQuery, lrKeySet)));
            try (PublicContext keys = PublicContext.fromBytes(mlpClient.keySet().orElseThrow())) {
                double[] scores = mlpClient.decryptScores(mlpServer.predict(mlpQuery, Optional.of(keys)));
                assertEquals(MLP.scores(new double[] {1, 2, 3})[0], scores[0], 1e-3);
                // an LR query at the wrong level for the MLP server: right envelope, wrong everything else
                assertEquals(Reason.WRONG_PARAMETERS, reason(() -> mlpServer.predict(good, Optional.of(keys))));
            }
        }
    }

    @Test
    void aQueryAtTheWrongLevelIsRefused() {
        CompiledModel mlp = onSlots(MLP);
        QueryLayout l = mlp.manifest().single();
        QueryLayout lower = new QueryLayout(l.kind(), l.preset(), l.parameterId(), l.securityBits(), l.inputs(),
                l.outputs(), l.level() - 1, l.inputScale(), l.period(), l.scorePositions(), l.capacity(), l.keys());
        try (ModelServer server = ModelServer.create(mlp); ModelClient client = ModelClient.create(mlp.manifest());
             LayoutClient wrong = new LayoutClient(lower);
             PublicContext keys = PublicContext.fromBytes(client.keySet().orElseThrow())) {
            byte[] query = wrong.encrypt(new double[] {1, 2, 3});
            assertEquals(Reason.WRONG_LEVEL, reason(() -> server.predict(query, Optional.of(keys))));
        }
    }

    @Test
    void linearModelsTooWideForOneProductTakeSeveral() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 240;
        int d = 70;
        int k = 120; // 70 x 120 = 8400 > 8192 coefficients, the largest coefficient preset's N
        double[][] x = new double[n][d];
        double[] y = new double[n];
        List<String> names = new java.util.ArrayList<>();
        List<String> classes = new java.util.ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("f" + j);
        }
        for (int c = 0; c < k; c++) {
            classes.add("c" + c);
        }
        for (int i = 0; i < n; i++) {
            y[i] = i % k;
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextGaussian() + (j % k == i % k ? 3 : 0);
            }
        }
        io.he4j.ml.data.Dataset data = new io.he4j.ml.data.Dataset("wide", names, classes, x, y);
        TrainedModel m = Trainer.train(data, TrainOptions.linear(1).withMaxIterations(40));
        CompiledModel compiled = CompiledModel.compile(m, "wide", "1");
        // classes x features exceed the ring: the classes go in groups, one product and reply ciphertext each
        assertEquals(ProtocolKind.COEFFICIENT, compiled.manifest().single().kind());
        int products;
        try (io.he4j.ckks.CkksContext ctx = io.he4j.ckks.CkksContext.create(compiled.manifest().single().preset())) {
            products = CoefficientPacking.products(d, k, ctx.polyDegree());
        }
        assertTrue(products > 1, "products " + products);
        try (ModelServer server = ModelServer.fromBytes(compiled.toBytes());
             ModelClient client = ModelClient.create(compiled.manifest());
             PublicContext keys = PublicContext.fromBytes(client.keySet().orElseThrow())) {
            for (int i = 0; i < 6; i++) {
                double[] plain = m.scores(x[i]);
                byte[] reply = server.predict(client.encryptQuery(x[i]), Optional.of(keys));
                // several reply ciphertexts come in an envelope even for a bare query
                assertEquals(products, io.he4j.protocol.Envelope.fromBytes(reply)
                        .partsOf(io.he4j.protocol.MessageKind.REPLY).size());
                double[] enc = client.decryptScores(reply);
                for (int c = 0; c < k; c++) {
                    assertTrue(Math.abs(plain[c] - enc[c]) < 1e-4, "row " + i + " class " + c);
                }
            }
        }
    }
}
