package io.he4j.ml.he;

import io.he4j.ml.TestData;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.KeyRequirements;
import io.he4j.protocol.MessageKind;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batches of one-hidden-layer square networks as linear batches over the client's monomials
 * ({@link ProtocolKind#QUADRATIC_FORM_BATCH}): scores within 1e-4 and equal labels on every test row of the heart
 * disease and breast cancer MLPs, the statistical flood's noise bound measured with the secret key, every reply
 * coefficient uniform, two networks with the same scores indistinguishable; with the checks of
 * {@link BatchFloodTest}, which this reuses.
 */
class QuadraticFormBatchTest {
    private static Split cleveland() {
        return Splits.trainTest(Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND,
                MissingValues.Policy.DROP_ROWS), 0.25, 42);
    }

    private static TrainedModel heartMlp(Split s) {
        return Trainer.train(s.train(), TrainOptions.mlp(List.of(8), "gelu", 5).withL2(0.05));
    }

    @Test
    void heartDiseaseAndBreastCancerMlpsStayWithinTheTargetOnEveryTestRow() {
        Split cleveland = cleveland();
        BatchFloodTest.check("cleveland MLP 13-8-1", heartMlp(cleveland), cleveland.test(),
                ProtocolKind.QUADRATIC_FORM_BATCH);
        Split breast = Splits.trainTest(Datasets.breastCancer(TestData.dir()), 0.25, 42);
        BatchFloodTest.check("breast cancer MLP 30-16-1", Trainer.train(breast.train(),
                TrainOptions.mlp(List.of(16), "gelu", 1)), breast.test(), ProtocolKind.QUADRATIC_FORM_BATCH);
    }

    @Test
    void theLayoutNamesRawFeaturesAndNeedsNoEvaluationKey() {
        Split s = cleveland();
        CompiledModel c = CompiledModel.compile(heartMlp(s), "mlp", "1");
        QueryLayout batch = c.manifest().batch();
        assertEquals(ProtocolKind.QUADRATIC_FORM_BATCH, batch.kind());
        assertEquals(13, batch.inputs());
        assertEquals(104, PolynomialForm.batchCiphertexts(batch));
        assertEquals(KeyRequirements.publicKeyOnly(), batch.keys());
        // the compiled plan survives its bytes (the record store and Spark build servers from them)
        try (ModelServer server = ModelServer.fromBytes(c.toBytes())) {
            assertTrue(server.description(true).contains("104 input ciphertexts"), server.description(true));
            assertTrue(server.privacyDescription(true).contains("statistical distance"),
                    server.privacyDescription(true));
            // the client sends monomials; a query of one ciphertext per feature is refused before any work
            try (ModelClient client = ModelClient.create(c.manifest())) {
                List<byte[]> query = client.encryptBatch(new double[][]{new double[13], new double[13]});
                assertEquals(104, query.size());
                server.validate(true, query);
                QueryRejectedException e = assertThrows(QueryRejectedException.class,
                        () -> server.validate(true, query.subList(0, 13)));
                assertEquals(QueryRejectedException.Reason.WRONG_SHAPE, e.reason());
                // the same as one envelope, checked in place; a cut envelope is malformed, not a server fault
                byte[] envelope = new Envelope(MessageKind.BATCH_QUERY, query).toBytes();
                server.validateBatch(envelope);
                QueryRejectedException cut = assertThrows(QueryRejectedException.class,
                        () -> server.validateBatch(Arrays.copyOf(envelope, envelope.length - 1)));
                assertEquals(QueryRejectedException.Reason.MALFORMED, cut.reason());
            }
        }
    }

    @Test
    void measuredNoiseIsWithinTheBoundAndEveryCoefficientIsUniform() {
        BatchFloodTest.checkFlood("cleveland MLP 13-8-1", heartMlp(cleveland()));
    }

    @Test
    void twoNetworksWithTheSameScoresGiveIndistinguishableBatchReplies() {
        CompiledModel a = CompiledModel.compile(heartMlp(cleveland()), "a", "1");
        // B negates input 3 in every hidden unit (x_3 -> -x_3): its monomial weights are A's with the sign of
        // those holding x_3 once flipped (same magnitudes: same flood width); same scores on the all-zero batch
        Dense l1 = a.network().layers().getFirst();
        double[][] w = new double[l1.out()][];
        for (int i = 0; i < w.length; i++) {
            w[i] = l1.weights()[i].clone();
            w[i][3] = -w[i][3];
        }
        SquareNetwork nb = new SquareNetwork(List.of(new Dense(w, l1.bias().clone()), a.network().layers().getLast()),
                a.network().output());
        CompiledModel b = new CompiledModel(a.manifest(), nb, a.weightScale(), 0);
        BatchFloodTest.checkIndistinguishable("cleveland MLP 13-8-1", a, b);
    }

    @Test
    void deeperNetworksAndWideInputsKeepTheFeatureMajorBatch() {
        Split s = cleveland();
        TrainedModel deep = Trainer.train(s.train(), TrainOptions.mlp(List.of(8, 4), "relu", 2).withL2(0.05)
                .withMaxIterations(200));
        assertFalse(PolynomialForm.appliesToBatch(Folding.fold(deep)));
        assertEquals(ProtocolKind.FEATURE_MAJOR_BATCH, CompiledModel.compile(deep, "deep", "1").manifest().batch().kind());
        // the line: D(D+3)/2 <= 600 monomials, D <= 33 (digits' 64 features are 2144)
        assertEquals(594, PolynomialForm.monomials(33, 2));
        assertTrue(PolynomialForm.monomials(34, 2) > PolynomialForm.MAX_BATCH_MONOMIALS);
        assertTrue(PolynomialForm.monomials(33, 2) <= PolynomialForm.MAX_BATCH_MONOMIALS);
    }
}
