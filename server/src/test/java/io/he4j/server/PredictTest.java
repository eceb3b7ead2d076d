package io.he4j.server;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Encryptor;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.PublicKey;
import io.he4j.ckks.SecretKey;
import io.he4j.client.He4jClient;
import io.he4j.client.He4jServiceException;
import io.he4j.client.Prediction;
import io.he4j.client.RemoteModel;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.Trainer;
import io.he4j.ml.train.TrainOptions;
import io.he4j.protocol.ModelManifest;
import io.he4j.protocol.ProtocolKind;
import io.he4j.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encrypted predictions through the SDK over loopback, for every protocol kind: labels equal to the plaintext
 * model's on every Cleveland test sample (the slot MLP, which needs relinearization and Galois keys, is a
 * two-hidden-layer network on breast cancer's 30 features, too many monomials for the quartic form; first rows
 * only: its queries are slow), single queries and feature-major batches.
 */
class PredictTest {
    @TempDir
    static Path dir;
    static TestServer s;
    static String token;
    static Map<String, TrainedModel> models;

    @BeforeAll
    static void start() throws Exception {
        Path modelsDir = Files.createDirectories(dir.resolve("models"));
        Dataset train = TestServer.cleveland().train();
        models = Map.of(
                "lr", Trainer.train(train, TrainOptions.linear(1)),
                "mlp-quadratic", Trainer.train(train, TrainOptions.mlp(List.of(8), "gelu", 5).withL2(0.05)),
                "mlp-quartic", Trainer.train(train, TrainOptions.mlp(List.of(8, 4), "relu", 2).withL2(0.05)
                        .withMaxIterations(200)),
                // two hidden layers on 30 features: C(34, 4) - 1 = 46,375 monomials do not fit a ring, so slots
                "mlp-slot", Trainer.train(breastCancer().train(), TrainOptions.mlp(List.of(8, 4), "relu", 2)
                        .withL2(0.05).withMaxIterations(200)));
        models.forEach((id, m) -> ModelFile.write(m, modelsDir.resolve(id + ".json")));
        // every protocol end to end, including the forms the service refuses by default for want of a statistical
        // privacy bound (StatisticalPrivacyPolicyTest checks the refusal)
        s = TestServer.start(dir.resolve("data"), modelsDir, Map.of("limits.body-bytes", "67108864",
                "model-privacy.allow-replies-without-statistical-bound", "true"));
        token = s.tenant("hospital", Role.CLIENT);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static He4jClient client() {
        return He4jClient.builder(s.server.uri().toString()).token(token).build();
    }

    private static io.he4j.ml.data.Split breastCancer() {
        return io.he4j.ml.data.Splits.trainTest(io.he4j.ml.data.Datasets.breastCancer(
                io.he4j.ml.data.DataDir.locate().orElseThrow()), 0.3, 7);
    }

    private static void checkSingle(String id, ProtocolKind kind, int rows) {
        checkSingle(id, kind, rows, TestServer.cleveland().test());
    }

    private static void checkSingle(String id, ProtocolKind kind, int rows, Dataset test) {
        TrainedModel plain = models.get(id);
        try (He4jClient c = client(); RemoteModel m = c.model(id)) {
            assertEquals(kind, m.manifest().single().kind(), id);
            int n = Math.min(rows, test.rows());
            for (int i = 0; i < n; i++) {
                Prediction p = m.predict(test.x()[i]);
                assertEquals(plain.predictLabel(test.x()[i]), p.label(), id + " row " + i);
                assertEquals(plain.scores(test.x()[i])[0], p.scores()[0], 1e-2, id + " row " + i + " score");
            }
            // Reply reduction is the ML protocol's job (not the service's); the sizes are reported, not asserted.
            System.out.println(id + " (" + kind + "): upload " + m.lastQueryBytes() + " bytes, reply "
                    + m.lastReplyBytes() + " bytes");
        }
    }

    private static void checkBatch(String id) {
        checkBatch(id, TestServer.cleveland().test());
    }

    private static void checkBatch(String id, Dataset test) {
        TrainedModel plain = models.get(id);
        try (He4jClient c = client(); RemoteModel m = c.model(id)) {
            List<Prediction> ps = m.predictBatch(test.x());
            assertEquals(test.rows(), ps.size());
            for (int i = 0; i < test.rows(); i++) {
                assertEquals(plain.predictLabel(test.x()[i]), ps.get(i).label(), id + " batch row " + i);
            }
        }
    }

    @Test
    void linearCoefficientProtocol() {
        checkSingle("lr", ProtocolKind.COEFFICIENT, Integer.MAX_VALUE);
        checkBatch("lr");
    }

    @Test
    void quadraticFormMlp() {
        checkSingle("mlp-quadratic", ProtocolKind.QUADRATIC_FORM, Integer.MAX_VALUE);
        checkBatch("mlp-quadratic");
    }

    @Test
    void quarticFormMlp() {
        checkSingle("mlp-quartic", ProtocolKind.QUARTIC_FORM, Integer.MAX_VALUE);
        checkBatch("mlp-quartic");
    }

    @Test
    void slotMlpWithGaloisKeys() {
        Dataset test = breastCancer().test();
        checkSingle("mlp-slot", ProtocolKind.SLOT, 12, test);
        checkBatch("mlp-slot", test);
    }

    @Test
    void slotMlpWithoutItsKeySetIsRefused() {
        try (He4jClient c = client(); RemoteModel lr = c.model("lr"); RemoteModel slot = c.model("mlp-slot")) {
            // a query without the He4j-Key-Set header
            byte[] query;
            try (var mc = io.he4j.ml.he.ModelClient.create(slot.manifest())) {
                query = mc.encryptQuery(breastCancer().test().x()[0]);
            }
            HttpResponse<String> r = s.post("/v1/models/mlp-slot/predict", token, query, Map.of());
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"code\":\"key-set-required\""), r.body());
            // another model's key set (a public key only, other parameters): refused, and the server keeps serving
            byte[] otherKeys = TestServer.newKeySet(lr.manifest().single().preset());
            String otherId = io.he4j.protocol.KeySetId.of(otherKeys);
            assertEquals(201, s.post("/v1/keysets", token, otherKeys, Map.of()).statusCode());
            r = s.post("/v1/models/mlp-slot/predict", token, query, Map.of("He4j-Key-Set", otherId));
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(lr.predict(TestServer.cleveland().test().x()[0]).label() >= 0);
        }
    }

    @Test
    void ciphertextAtTheWrongLevelOrParameters() {
        ModelManifest lr;
        try (He4jClient c = client(); RemoteModel m = c.model("lr")) {
            lr = m.manifest();
        }
        String preset = lr.single().preset();
        try (CkksContext ctx = CkksContext.create(preset)) {
            KeyGenerator kg = new KeyGenerator(ctx);
            try (SecretKey sk = kg.secretKey(); PublicKey pk = kg.publicKey(sk)) {
                Encoder enc = new Encoder(ctx);
                Encryptor encryptor = new Encryptor(ctx, pk);
                for (int level = 0; level <= ctx.maxLevel(); level++) {
                    byte[] ct = encryptor.encrypt(enc.encode(new double[] {1}, ctx.defaultScale(), level)).toBytes();
                    HttpResponse<String> r = s.post("/v1/models/lr/predict", token, ct, Map.of());
                    if (level != lr.single().level()) {
                        assertEquals(422, r.statusCode(), "level " + level + ": " + r.body());
                        assertTrue(r.body().contains("\"code\":\"wrong-level\""), r.body());
                    }
                }
            }
        }
        String other = preset.equals("P4K-IFMA") ? "P2K-IFMA" : "P4K-IFMA";
        try (CkksContext ctx = CkksContext.create(other)) {
            KeyGenerator kg = new KeyGenerator(ctx);
            try (SecretKey sk = kg.secretKey(); PublicKey pk = kg.publicKey(sk)) {
                byte[] ct = new Encryptor(ctx, pk).encrypt(new Encoder(ctx).encode(new double[] {1})).toBytes();
                HttpResponse<String> r = s.post("/v1/models/lr/predict", token, ct, Map.of());
                assertEquals(422, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"code\":\"wrong-parameters\""), r.body());
            }
        }
    }

    @Test
    void sdkSeesProblemCodes() {
        try (He4jClient c = client()) {
            He4jServiceException e = assertThrows(He4jServiceException.class, () -> c.model("no-such-model"));
            assertEquals(404, e.status());
            assertEquals("model-not-found", e.code());
        }
        try (He4jClient bad = He4jClient.builder(s.server.uri().toString()).token("he4j_wrong").build()) {
            He4jServiceException e = assertThrows(He4jServiceException.class, () -> bad.model("lr"));
            assertEquals(401, e.status());
        }
    }

    @Test
    void plaintextEndpointWhenEnabledAgreesWithTheModel(@TempDir Path other) throws Exception {
        Path modelsDir = Files.createDirectories(other.resolve("models"));
        ModelFile.write(models.get("lr"), modelsDir.resolve("lr.json"));
        try (TestServer plain = TestServer.start(other.resolve("data"), modelsDir,
                Map.of("predict-plain.enabled", "true"))) {
            String t = plain.tenant("bench", Role.CLIENT);
            double[] x = TestServer.cleveland().test().x()[3];
            String body = "{\"features\":" + Arrays.toString(x) + "}";
            HttpResponse<String> r = plain.post("/v1/models/lr/predict-plain", t, body.getBytes(),
                    Map.of("Content-Type", "application/json"));
            assertEquals(200, r.statusCode(), r.body());
            double score = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("scores").get(0)
                    .asDouble();
            assertEquals(models.get("lr").scores(x)[0], score, 1e-9);
            assertEquals(400, plain.post("/v1/models/lr/predict-plain", t, "{\"features\":[1,2]}".getBytes(),
                    Map.of("Content-Type", "application/json")).statusCode());
            assertEquals(400, plain.post("/v1/models/lr/predict-plain", t, "{nope".getBytes(),
                    Map.of("Content-Type", "application/json")).statusCode());
        }
    }
}
