package io.he4j.ml.he;

import io.he4j.ckks.PublicContext;
import io.he4j.ml.TestData;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.ActivationFit;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.ProtocolKind;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encrypted cubic sigmoid stays within its stated approximation error of the true sigmoid. */
class EncryptedSigmoidTest {
    @Test
    void clevelandProbabilitiesUnderEncryption() {
        Dataset d = Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND, MissingValues.Policy.DROP_ROWS);
        Split s = Splits.trainTest(d, 0.25, 42);
        TrainedModel m = Trainer.train(s.train(), TrainOptions.linear(1));
        double radius = 0;
        for (double[] row : s.train().x()) {
            radius = Math.max(radius, Math.abs(m.scores(m.imputer().apply(row))[0]));
        }
        radius = Math.ceil(radius);
        CompiledModel compiled = CompiledModel.compileWithEncryptedSigmoid(m, "sigmoid", "1", radius);
        assertEquals(ProtocolKind.ENCRYPTED_SIGMOID_BATCH, compiled.manifest().batch().kind());
        ActivationFit fit = EncryptedSigmoidServer.fit(radius);
        try (ModelServer server = ModelServer.fromBytes(compiled.toBytes());
             ModelClient client = ModelClient.create(compiled.manifest());
             PublicContext keys = PublicContext.fromBytes(client.batchKeySet().orElseThrow())) {
            double[][] rows = new double[s.test().rows()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = m.imputer().apply(s.test().x()[i]);
            }
            double[][] prob = client.decryptBatch(server.predictBatch(client.encryptBatch(rows), Optional.of(keys)),
                    rows.length);
            double worst = 0;
            double worstVsPoly = 0;
            for (int i = 0; i < rows.length; i++) {
                double score = m.scores(rows[i])[0];
                worst = Math.max(worst, Math.abs(OutputLink.sigmoid(score) - prob[i][0]));
                worstVsPoly = Math.max(worstVsPoly, Math.abs(fit.polynomial().apply(score) - prob[i][0]));
            }
            System.out.printf("encrypted sigmoid: %s; max |sigmoid - decrypted| %.4f, max |poly - decrypted| %.2e%n",
                    server.description(true), worst, worstVsPoly);
            assertTrue(worstVsPoly < 1e-3, "CKKS error " + worstVsPoly);
            assertTrue(worst <= fit.maxAbsError() + 1e-3, worst + " vs stated " + fit.maxAbsError());
        }
    }
}
