package io.he4j.server;

import io.he4j.ml.data.Split;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.paillier.PaillierKeyPair;
import io.he4j.paillier.PaillierKeySize;
import io.he4j.paillier.io.PaillierJson;
import io.he4j.paillier.ml.EncryptedAnswer;
import io.he4j.paillier.ml.EncryptedData;
import io.he4j.paillier.ml.EncryptedRow;
import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/models/{id}/predict-paillier: the CLI's data.json over HTTP, answers equal to the plaintext model. */
class PaillierRouteTest {
    @Test
    void paillierPredictionsOverHttpEqualPlaintext(@TempDir Path dir) throws Exception {
        try (TestServer s = TestServer.start(dir, Map.of());
             PaillierKeyPair keys = PaillierKeyPair.generate(PaillierKeySize.BITS_2048)) {
            String token = s.tenant("bank", Role.CLIENT);
            TrainedModel m = ModelFile.read(TestServer.modelsDir().resolve(TestServer.MODEL + ".json"));
            Split split = TestServer.cleveland();
            List<EncryptedRow> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rows.add(EncryptedRow.encrypt(split.test().x()[i], keys.privateKey()::encrypt));
            }
            String data = PaillierJson.data(new EncryptedData(keys.publicKey(), m.featureNames(), rows), true);
            HttpResponse<String> r = s.post("/v1/models/" + TestServer.MODEL + "/predict-paillier", token,
                    data.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
            assertEquals(200, r.statusCode(), r.body());
            EncryptedAnswer answer = PaillierJson.readAnswer(r.body(), "answer", keys.publicKey());
            double[][] scores = answer.decrypt(keys.privateKey());
            for (int i = 0; i < 5; i++) {
                assertEquals(m.scores(split.test().x()[i])[0], scores[i][0], 1e-9, "row " + i);
            }
            // broken JSON and a foreign schema are 4xx with a problem body
            HttpResponse<String> bad = s.post("/v1/models/" + TestServer.MODEL + "/predict-paillier", token,
                    "{\"format\":".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("\"type\""), bad.body());
        }
    }
}
