package io.he4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.he4j.client.He4jClient;
import io.he4j.client.RemoteModel;
import io.he4j.ml.he.ModelClient;
import io.he4j.ml.model.ModelFile;
import io.he4j.protocol.ModelManifest;
import io.he4j.ml.train.Trainer;
import io.he4j.ml.train.TrainOptions;
import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new model version goes live while predictions run, none failing; the per-tenant concurrency cap. */
class RedeployTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void newVersionWithoutDroppingRequests(@TempDir Path dir) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        var train = TestServer.cleveland().train();
        ModelFile.write(Trainer.train(train, TrainOptions.linear(1)), models.resolve("lr.json"));
        try (TestServer s = TestServer.start(dir.resolve("data"), models, Map.of())) {
            String client = s.tenant("hospital", Role.CLIENT);
            String admin = s.tenant("provider", Role.ADMIN);
            String v1 = JSON.readTree(s.get("/v1/models/lr", client).body()).get("version").asText();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            double[] x = TestServer.cleveland().test().x()[0];
            ModelManifest manifest = ModelManifest.fromJson(s.get("/v1/models/lr", client).body());
            double expected = ModelFile.read(models.resolve("lr.json")).scores(x)[0];
            // a client that holds the v1 manifest and names v1 in every query, as the SDK should
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                try (ModelClient mc = ModelClient.create(manifest)) {
                    // model privacy: replies are re-randomized under the client's registered public key
                    HttpResponse<String> up = s.post("/v1/keysets", client, mc.keySet().orElseThrow(), Map.of());
                    assertEquals(201, up.statusCode(), up.body());
                    String keySet = io.he4j.protocol.KeySetId.of(mc.keySet().orElseThrow());
                    while (running.get()) {
                        HttpResponse<byte[]> r = s.postBytes("/v1/models/lr/predict", client, mc.encryptQuery(x),
                                Map.of("He4j-Model-Version", v1, "He4j-Key-Set", keySet));
                        assertEquals(200, r.statusCode(), () -> new String(r.body()));
                        assertEquals(expected, mc.decryptScores(r.body())[0], 1e-2, "v1 answers v1's queries");
                        ok.incrementAndGet();
                    }
                }
            });
            Thread.sleep(300);
            ModelFile.write(Trainer.train(train, TrainOptions.linear(2).withL2(0.5)), models.resolve("lr.json"));
            HttpResponse<String> r = s.post("/v1/admin/models/reload", admin, new byte[0], Map.of());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("[\"lr\"]", JSON.readTree(r.body()).get("deployed").toString());
            int atSwap = ok.get();
            Thread.sleep(300);
            running.set(false);
            load.get(); // rethrows if any prediction failed
            assertTrue(ok.get() > atSwap && atSwap > 0, ok.get() + " predictions, " + atSwap + " before the swap");
            String v2 = JSON.readTree(s.get("/v1/models/lr", client).body()).get("version").asText();
            assertNotEquals(v1, v2);
            // a new client gets v2 and v2's answers
            try (He4jClient c = He4jClient.builder(s.server.uri().toString()).token(client).build();
                 RemoteModel m = c.model("lr")) {
                assertEquals(v2, m.manifest().version());
                assertEquals(ModelFile.read(models.resolve("lr.json")).scores(x)[0], m.predict(x).scores()[0], 1e-2);
            }
            HttpResponse<String> live = s.get("/v1/models/lr", client);
            assertEquals(200, live.statusCode());
            assertEquals(404, s.post("/v1/models/lr/predict", client, new byte[8],
                    Map.of("He4j-Model-Version", "no-such-version")).statusCode());
            assertEquals(403, s.post("/v1/admin/models/reload", client, new byte[0], Map.of()).statusCode());
        }
    }

    @Test
    void concurrencyCapPerTenant(@TempDir Path dir) throws Exception {
        try (TestServer s = TestServer.start(dir, Map.of("limits.concurrent-per-tenant", "1",
                "limits.concurrent-keyset-uploads", "1"))) {
            String a = s.tenant("a", Role.CLIENT);
            String b = s.tenant("b", Role.CLIENT);
            HttpRequest slow = HttpRequest.newBuilder(s.uri("/v1/keysets")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + a).POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> ServerLifecycleTest.trickle(TestServer.newKeySet("P2K-IFMA"), 8, 150))).build();
            CompletableFuture<HttpResponse<String>> inFlight = s.http.sendAsync(slow,
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(400);
            HttpResponse<String> refused = s.get("/v1/models", a);
            assertEquals(429, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("too-many-concurrent-requests"), refused.body());
            assertEquals(200, s.get("/v1/models", b).statusCode(), "other tenants are not affected");
            HttpResponse<String> busy = s.post("/v1/keysets", b, TestServer.newKeySet("P2K-IFMA"), Map.of());
            assertEquals(503, busy.statusCode(), "one key-set upload at a time server-wide: " + busy.body());
            assertTrue(busy.headers().firstValue("retry-after").isPresent());
            assertEquals(201, inFlight.get().statusCode());
            assertEquals(200, s.get("/v1/models", a).statusCode());
        }
    }
}
