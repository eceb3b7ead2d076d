package io.he4j.server;

import io.he4j.client.He4jClient;
import io.he4j.client.He4jServiceException;
import io.he4j.client.Prediction;
import io.he4j.client.RemoteModel;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.ProtocolKind;
import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server setting {@code model-privacy.allow-replies-without-statistical-bound}: by default a query form whose
 * replies cannot be flooded within a statistical bound (here the feature-major batch of a two-hidden-layer MLP,
 * which multiplies ciphertexts) is refused with 409 {@code no-statistical-privacy}, as a query and as a record
 * to store, while the same model's single queries (a quartic form, flooded) and a linear model's batch are
 * answered; with the weakening on, the batch is answered too and its labels are right.
 */
class StatisticalPrivacyPolicyTest {

    @Test
    void formsWithoutAStatisticalBoundAreRefusedUnlessAllowed(@TempDir Path dir) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Dataset train = TestServer.cleveland().train();
        TrainedModel deep = Trainer.train(train, TrainOptions.mlp(List.of(8, 4), "relu", 2).withL2(0.05)
                .withMaxIterations(200));
        ModelFile.write(deep, models.resolve("deep.json"));
        ModelFile.write(Trainer.train(train, TrainOptions.linear(1)), models.resolve("lr.json"));
        double[][] rows = Arrays.copyOf(TestServer.cleveland().test().x(), 8);

        try (TestServer s = TestServer.start(dir.resolve("default"), models, Map.of());
             He4jClient c = client(s); RemoteModel m = c.model("deep"); RemoteModel lr = c.model("lr")) {
            assertEquals(ProtocolKind.FEATURE_MAJOR_BATCH, m.manifest().batch().kind());
            assertEquals(ProtocolKind.QUARTIC_FORM, m.manifest().single().kind());
            assertEquals(deep.predictLabel(rows[0]), m.predict(rows[0]).label());     // flooded: answered
            He4jServiceException e = assertThrows(He4jServiceException.class, () -> m.predictBatch(rows));
            assertEquals(409, e.status());
            assertEquals("no-statistical-privacy", e.code());
            assertTrue(e.getMessage().contains("model-privacy.allow-replies-without-statistical-bound"),
                    e.getMessage());
            He4jServiceException stored = assertThrows(He4jServiceException.class,
                    () -> m.uploadBatchRecord("batch-1", rows, "p-1", false));
            assertEquals("no-statistical-privacy", stored.code());
            assertEquals(rows.length, lr.predictBatch(rows).size());    // a linear batch is flooded: answered
        }

        try (TestServer s = TestServer.start(dir.resolve("allowed"), models,
                Map.of("model-privacy.allow-replies-without-statistical-bound", "true"));
             He4jClient c = client(s); RemoteModel m = c.model("deep")) {
            List<Prediction> ps = m.predictBatch(rows);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(deep.predictLabel(rows[i]), ps.get(i).label(), "row " + i);
            }
        }
    }

    private static He4jClient client(TestServer s) {
        return He4jClient.builder(s.server.uri().toString()).token(s.tenant("hospital", Role.CLIENT)).build();
    }
}
