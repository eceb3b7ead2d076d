package io.he4j.app;

import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.server.He4jServer;
import io.he4j.server.ServerConfig;
import io.he4j.server.auth.Role;
import io.he4j.server.db.TenantStore;
import io.he4j.web.PageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the service refuses becomes the page's error with the service's reason, not a 500: here the batch form
 * of a two-hidden-layer MLP, which a service with model privacy does not answer (409 no-statistical-privacy),
 * on the evaluate and batch pages' path ({@link ServiceGateway#predictBatch}) and the records upload's.
 */
class ServiceRefusalTest {

    @Test
    void aRefusedBatchFormIsThePagesErrorWithTheServicesReason(@TempDir Path root) throws Exception {
        var split = io.he4j.ml.data.Splits.trainTest(AppFixture.cleveland(), 0.25, AppFixture.SEED);
        TrainedModel deep = Trainer.train(split.train(), TrainOptions.mlp(List.of(8, 4), "relu", 2)
                .withMaxIterations(100));
        Path models = Files.createDirectories(root.resolve("models"));
        ModelFile.write(deep, models.resolve("deep.json"));
        try (He4jServer server = He4jServer.start(ServerConfig.load(Optional.empty(), Map.of(), Map.of("port", "0",
                "host", "127.0.0.1", "data-dir", root.resolve("server").toString(), "models-dir", models.toString())))) {
            String token = new TenantStore(server.database()).create("hospital-a", Role.CLIENT).token();
            try (ServiceGateway gateway = new ServiceGateway(server.uri().toString(), token, root.resolve("keys"))) {
                double[][] rows = Arrays.copyOf(split.test().x(), 4);
                assertEquals(deep.predictLabel(rows[0]), gateway.predict("deep", rows[0]).prediction().label());
                PageException e = assertThrows(PageException.class, () -> gateway.predictBatch("deep", rows));
                assertEquals(409, e.status());
                assertTrue(e.getMessage().contains("statistical"), e.getMessage());
                PageException upload = assertThrows(PageException.class,
                        () -> gateway.uploadRecords("deep", rows, true, false, n -> { }));
                assertEquals(409, upload.status());
            }
        }
    }
}
