package io.he4j.server;

import io.he4j.ml.he.ModelClient;
import io.he4j.protocol.KeySetId;
import io.he4j.protocol.ModelManifest;
import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server setting {@code model-privacy.disable-for-trusted-clients}: by default a coefficient-encoded
 * model answers only queries that name a key set (the reply is re-randomized under its public key), and a
 * repeated query gets a different reply; with the weakening on, it answers without a key set and the reply to
 * the same query repeats (c1 = a W: the weights are readable).
 */
class ModelPrivacyOptionTest {

    @Test
    void onByDefaultAndOffOnlyWhenWeakened(@TempDir Path dir) throws Exception {
        double[] x = TestServer.cleveland().test().x()[0];
        String path = "/v1/models/" + TestServer.MODEL + "/predict";
        try (TestServer s = TestServer.start(dir.resolve("private"), Map.of())) {
            String client = s.tenant("hospital", Role.CLIENT);
            ModelManifest manifest = ModelManifest.fromJson(s.get("/v1/models/" + TestServer.MODEL, client).body());
            assertTrue(manifest.single().keys().publicKey(), "the manifest asks for the public key");
            try (ModelClient mc = ModelClient.create(manifest)) {
                byte[] q = mc.encryptQuery(x);
                HttpResponse<byte[]> none = s.postBytes(path, client, q, Map.of());
                assertEquals(422, none.statusCode());
                assertTrue(new String(none.body()).contains("key-set-required"));
                byte[] keys = mc.keySet().orElseThrow();
                assertEquals(201, s.post("/v1/keysets", client, keys, Map.of()).statusCode());
                Map<String, String> named = Map.of("He4j-Key-Set", KeySetId.of(keys));
                HttpResponse<byte[]> a = s.postBytes(path, client, q, named);
                HttpResponse<byte[]> b = s.postBytes(path, client, q, named);
                assertEquals(200, a.statusCode());
                assertTrue(!java.util.Arrays.equals(a.body(), b.body()), "private replies are fresh");
                assertEquals(mc.decryptScores(a.body())[0], mc.decryptScores(b.body())[0], 1e-4);
            }
        }
        try (TestServer s = TestServer.start(dir.resolve("trusted"),
                Map.of("model-privacy.disable-for-trusted-clients", "true"))) {
            String client = s.tenant("hospital", Role.CLIENT);
            ModelManifest manifest = ModelManifest.fromJson(s.get("/v1/models/" + TestServer.MODEL, client).body());
            try (ModelClient mc = ModelClient.create(manifest)) {
                byte[] q = mc.encryptQuery(x);
                HttpResponse<byte[]> a = s.postBytes(path, client, q, Map.of());
                HttpResponse<byte[]> b = s.postBytes(path, client, q, Map.of());
                assertEquals(200, a.statusCode(), new String(a.body()));
                assertTrue(java.util.Arrays.equals(a.body(), b.body()), "without privacy the reply repeats");
            }
        }
    }
}
