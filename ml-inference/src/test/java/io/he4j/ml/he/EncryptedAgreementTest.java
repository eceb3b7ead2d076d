package io.he4j.ml.he;

import io.he4j.ckks.CkksContext;
import io.he4j.ml.TestData;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.ModelManifest;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encrypted and plaintext predictions of the same model agree on every test sample, for every protocol kind.
 * The server side runs in another JVM ({@link RemoteServer}), built from the compiled model's bytes and the
 * client's key set bytes; the client is built from the manifest's JSON. Only bytes cross.
 */
class EncryptedAgreementTest {
    private static final double MAX_DIFF = 1e-3;
    private static final double COEFFICIENT_MAX_DIFF = 1e-4;
    private static RemoteServer server;

    @BeforeAll
    static void startServer() {
        server = new RemoteServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** A model deployed on the remote server and a client that knows it only by its manifest's JSON. */
    private record Deployed(byte handle, ModelManifest manifest) {
        static Deployed of(CompiledModel compiled) {
            return new Deployed(server.deploy(compiled.toBytes()), ModelManifest.fromJson(compiled.manifest().toJson()));
        }
    }

    private static void checkSingle(TrainedModel m, Dataset test, String what, CompiledModel compiled,
                                    ProtocolKind expected) {
        assertEquals(expected, compiled.manifest().single().kind(), what);
        Deployed d = Deployed.of(compiled);
        double worst = 0;
        try (ModelClient client = ModelClient.create(d.manifest())) {
            Optional<Byte> keys = client.keySet().map(server::register);
            for (int i = 0; i < test.rows(); i++) {
                double[] x = m.imputer().apply(test.x()[i]);
                double[] plain = m.scores(x);
                List<byte[]> reply = server.query(d.handle(), keys, List.of(client.encryptQuery(x)), false);
                double[] enc = client.decryptScores(reply);
                assertEquals(plain.length, enc.length);
                for (int k = 0; k < plain.length; k++) {
                    worst = Math.max(worst, Math.abs(plain[k] - enc[k]));
                }
                assertEquals(m.network().output().label(plain), m.network().output().label(enc),
                        what + ": label differs on test row " + i + ": " + Arrays.toString(plain) + " vs "
                                + Arrays.toString(enc));
            }
        }
        System.out.printf("%s single (%s, %s): max |dscore| %.3g over %d rows%n", what, expected,
                compiled.manifest().single().preset(), worst, test.rows());
        // coefficient kinds (flooded for model privacy) are planned for 1e-4; slot kinds for about 1e-3
        double max = expected.encoding() == ProtocolKind.Encoding.COEFFICIENTS ? COEFFICIENT_MAX_DIFF : MAX_DIFF;
        assertTrue(worst < max, what + ": max |plain - encrypted score| " + worst);
    }

    private static void checkSingle(TrainedModel m, Dataset test, String what, ProtocolKind expected) {
        checkSingle(m, test, what, CompiledModel.compile(m, what, "1"), expected);
    }

    private static void checkBatch(TrainedModel m, Dataset test, String what, ProtocolKind expected) {
        CompiledModel compiled = CompiledModel.compile(m, what, "1");
        assertEquals(expected, compiled.manifest().batch().kind(), what);
        Deployed d = Deployed.of(compiled);
        double worst = 0;
        try (ModelClient client = ModelClient.create(d.manifest())) {
            Optional<Byte> keys = client.batchKeySet().map(server::register);
            double[][] rows = new double[test.rows()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = m.imputer().apply(test.x()[i]);
            }
            double[][] enc = client.decryptBatch(server.query(d.handle(), keys, client.encryptBatch(rows), true),
                    rows.length);
            for (int i = 0; i < rows.length; i++) {
                double[] plain = m.scores(rows[i]);
                for (int k = 0; k < plain.length; k++) {
                    worst = Math.max(worst, Math.abs(plain[k] - enc[i][k]));
                }
                assertEquals(m.network().output().label(plain), m.network().output().label(enc[i]),
                        what + ": batch label differs on test row " + i);
            }
        }
        System.out.printf("%s batch (%s, %s): max |dscore| %.3g%n", what, expected, compiled.manifest().batch().preset(),
                worst);
        // linear and quadratic-form batches are planned for 1e-4 (BatchFlood); MLP feature-major ones for 1e-3
        double max = compiled.network().isLinear() || expected == ProtocolKind.QUADRATIC_FORM_BATCH
                ? COEFFICIENT_MAX_DIFF : MAX_DIFF;
        assertTrue(worst < max, what + ": batch max |plain - encrypted score| " + worst);
    }

    private static Split cleveland() {
        Dataset d = Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND, MissingValues.Policy.DROP_ROWS);
        return Splits.trainTest(d, 0.25, 42);
    }

    @Test
    void heartDiseaseLogisticRegression() {
        Split s = cleveland();
        TrainedModel m = Trainer.train(s.train(), TrainOptions.linear(1));
        checkSingle(m, s.test(), "cleveland LR", ProtocolKind.COEFFICIENT);
        checkBatch(m, s.test(), "cleveland LR", ProtocolKind.FEATURE_MAJOR_BATCH);
    }

    @Test
    void heartDiseaseMlp() {
        Split s = cleveland();
        TrainedModel m = Trainer.train(s.train(), TrainOptions.mlp(List.of(8), "gelu", 5).withL2(0.05));
        checkSingle(m, s.test(), "cleveland MLP", ProtocolKind.QUADRATIC_FORM);
        // the slot-encoded protocol that larger inputs fall back to, on the same model
        checkSingle(m, s.test(), "cleveland MLP, folded output", foldedOutput(m), ProtocolKind.FOLDED_OUTPUT);
        checkBatch(m, s.test(), "cleveland MLP", ProtocolKind.QUADRATIC_FORM_BATCH);
    }

    /** The model compiled with its single query forced to the folded-output protocol under P8K-IFMA. */
    private static CompiledModel foldedOutput(TrainedModel m) {
        CompiledModel c = CompiledModel.compile(m, "folded", "1");
        SquareNetwork net = Folding.fold(m);
        QueryLayout folded;
        try (CkksContext ctx = CkksContext.create("P8K-IFMA")) {
            folded = FoldedOutputServer.layout(net, "P8K-IFMA", ctx);
        }
        ModelManifest x = c.manifest();
        ModelManifest manifest = ModelManifest.of(x.modelId(), x.version(), x.featureNames(), x.imputation(),
                x.classNames(), x.outputLink(), folded, x.batch());
        return new CompiledModel(manifest, net, 0, 0);
    }

    @Test
    void breastCancerLogisticRegressionAndMlp() {
        Split s = Splits.trainTest(Datasets.breastCancer(TestData.dir()), 0.25, 42);
        TrainedModel lr = Trainer.train(s.train(), TrainOptions.linear(1));
        checkSingle(lr, s.test(), "breast cancer LR", ProtocolKind.COEFFICIENT);
        checkBatch(lr, s.test(), "breast cancer LR", ProtocolKind.FEATURE_MAJOR_BATCH);
        TrainedModel mlp = Trainer.train(s.train(), TrainOptions.mlp(List.of(16), "gelu", 1));
        checkSingle(mlp, s.test(), "breast cancer MLP", ProtocolKind.QUADRATIC_FORM);
        checkBatch(mlp, s.test(), "breast cancer MLP", ProtocolKind.QUADRATIC_FORM_BATCH);
    }

    @Test
    void twoHiddenLayersNeedTheDeeperPreset() {
        Split s = cleveland();
        TrainedModel m = Trainer.train(s.train(), TrainOptions.mlp(List.of(8, 4), "relu", 2).withL2(0.05)
                .withMaxIterations(200));
        // a polynomial of degree 4: its 2379 monomials, coefficient-encoded on P8K-IFMA (PolynomialForm)
        checkSingle(m, s.test(), "cleveland MLP 13-8-4-1", ProtocolKind.QUARTIC_FORM);
        checkBatch(m, s.test(), "cleveland MLP 13-8-4-1", ProtocolKind.FEATURE_MAJOR_BATCH);
        assertEquals("P16K-IFMA", CompiledModel.compile(m, "deep", "1").manifest().batch().preset());
    }

    @Test
    void digitsTenClassMlp() {
        Split s = Splits.trainTest(Datasets.digits(TestData.dir()), 0.2, 42);
        TrainedModel m = Trainer.train(s.train(), TrainOptions.mlp(List.of(32), "square", 1).withMaxIterations(300));
        // 2144 monomials: the ten classes in several products (CoefficientPacking)
        checkSingle(m, s.test(), "digits MLP", ProtocolKind.QUADRATIC_FORM);
        checkBatch(m, s.test(), "digits MLP", ProtocolKind.FEATURE_MAJOR_BATCH);
    }
}
