package io.he4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.he4j.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Auth, tenant isolation, key sets, problem+json, health, metrics and OpenAPI over a real loopback server. */
class ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dataDir;
    static TestServer s;
    static String alice;
    static String bob;
    static String admin;

    @BeforeAll
    static void start() {
        s = TestServer.start(dataDir, Map.of("limits.keyset-bytes", "200000", "limits.keysets-per-tenant", "2"));
        alice = s.tenant("alice-hospital", Role.CLIENT);
        bob = s.tenant("bob-clinic", Role.CLIENT);
        admin = s.tenant("provider", Role.ADMIN);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static JsonNode problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""));
        JsonNode p = JSON.readTree(r.body());
        assertEquals(code, p.get("code").asText());
        assertEquals("urn:he4j:problem:" + code, p.get("type").asText());
        assertEquals(status, p.get("status").asInt());
        assertTrue(p.hasNonNull("title") && p.hasNonNull("detail") && p.hasNonNull("instance"), r.body());
        return p;
    }

    @Test
    void everyV1RouteNeedsAValidToken() throws Exception {
        for (String path : new String[] {"/v1/models", "/v1/models/" + TestServer.MODEL, "/v1/keysets"}) {
            problem(s.get(path, null), 401, "unauthorized");
            problem(s.get(path, "he4j_not-a-real-token"), 401, "unauthorized");
        }
        for (String path : new String[] {"/v1/keysets", "/v1/models/" + TestServer.MODEL + "/predict",
                "/v1/models/" + TestServer.MODEL + "/predict-batch", "/v1/models/x/predict-plain"}) {
            problem(s.post(path, null, new byte[10], Map.of()), 401, "unauthorized");
            problem(s.post(path, alice + "x", new byte[10], Map.of()), 401, "unauthorized");
        }
        assertEquals(200, s.get("/v1/models", alice).statusCode());
    }

    @Test
    void manifestsArePublicToTenants() throws Exception {
        JsonNode list = JSON.readTree(s.get("/v1/models", alice).body());
        assertEquals(TestServer.MODEL, list.get("models").get(0).get("modelId").asText());
        JsonNode one = JSON.readTree(s.get("/v1/models/" + TestServer.MODEL, bob).body());
        assertEquals(13, one.get("featureNames").size());
        problem(s.get("/v1/models/no-such-model", alice), 404, "model-not-found");
    }

    @Test
    void keySetsAreContentAddressedAndIsolatedPerTenant() throws Exception {
        byte[] ks = TestServer.newKeySet("P2K-IFMA");
        HttpResponse<String> up = s.post("/v1/keysets", alice, ks, Map.of());
        assertEquals(201, up.statusCode(), up.body());
        String id = JSON.readTree(up.body()).get("id").asText();
        assertEquals(io.he4j.protocol.KeySetId.of(ks), id);
        assertEquals(200, s.post("/v1/keysets", alice, ks, Map.of()).statusCode(), "same bytes again: same id");
        assertTrue(s.get("/v1/keysets", alice).body().contains(id));
        assertFalse(s.get("/v1/keysets", bob).body().contains(id));
        // Bob can neither use nor delete Alice's key set: 404, as for an unknown id
        problem(s.post("/v1/models/" + TestServer.MODEL + "/predict", bob, new byte[16],
                Map.of("He4j-Key-Set", id)), 404, "key-set-not-found");
        problem(s.send(java.net.http.HttpRequest.newBuilder(s.uri("/v1/keysets/" + id))
                .header("Authorization", "Bearer " + bob).DELETE().build()), 404, "key-set-not-found");
        assertEquals(204, s.send(java.net.http.HttpRequest.newBuilder(s.uri("/v1/keysets/" + id))
                .header("Authorization", "Bearer " + alice).DELETE().build()).statusCode());
        problem(s.post("/v1/models/" + TestServer.MODEL + "/predict", alice, new byte[16],
                Map.of("He4j-Key-Set", id)), 404, "key-set-not-found");
    }

    @Test
    void keySetLimitsAndValidation() throws Exception {
        String carol = s.tenant("carol", Role.CLIENT);
        problem(s.post("/v1/keysets", carol, new byte[200_001], Map.of()), 413, "key-set-too-large");
        problem(s.post("/v1/keysets", carol, "not a public context".getBytes(), Map.of()), 400, "malformed-key-set");
        byte[] ks = TestServer.newKeySet("P2K-IFMA");
        // a flipped bit in the framing is refused (one in a key's coefficients may still be a valid key)
        for (int i : new int[] {0, 5, 9}) {
            byte[] flipped = ks.clone();
            flipped[i] ^= 0x10;
            HttpResponse<String> r = s.post("/v1/keysets", carol, flipped, Map.of());
            assertTrue(r.statusCode() == 400 || r.statusCode() == 422, "byte " + i + ": " + r.body());
        }
        byte[] truncated = java.util.Arrays.copyOf(ks, ks.length - 7);
        problem(s.post("/v1/keysets", carol, truncated, Map.of()), 400, "malformed-key-set");
        // quota of 2 key sets per tenant
        assertEquals(201, s.post("/v1/keysets", carol, ks, Map.of()).statusCode());
        assertEquals(201, s.post("/v1/keysets", carol, TestServer.newKeySet("P2K-IFMA"), Map.of()).statusCode());
        problem(s.post("/v1/keysets", carol, TestServer.newKeySet("P2K-IFMA"), Map.of()), 429,
                "key-set-quota-exceeded");
        assertEquals(200, s.get("/health", null).statusCode(), "still serving");
    }

    @Test
    void theOpenApiDocumentListsEveryRoute() {
        String api = s.get("/openapi", null).body();
        java.util.Set<String> documented = new java.util.HashSet<>();
        for (String line : api.split("\n")) {
            if (line.matches("  /\\S*:\\s*")) {
                documented.add(line.trim().replaceAll(":$", ""));
            }
        }
        java.util.Set<String> served = new java.util.HashSet<>(s.server.routes());
        served.remove("(unmatched)");
        assertEquals(served, documented);
    }

    @Test
    void unknownRoutesAnswerProblemJson() throws Exception {
        problem(s.get("/v2/nothing", alice), 404, "not-found");
        problem(s.send(java.net.http.HttpRequest.newBuilder(s.uri("/v1/models"))
                .header("Authorization", "Bearer " + alice).PUT(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build()), 404, "not-found");
    }

    @Test
    void predictPlainIsOffByDefault() throws Exception {
        problem(s.post("/v1/models/" + TestServer.MODEL + "/predict-plain", alice,
                "{\"features\":[1,2,3]}".getBytes(), Map.of("Content-Type", "application/json")), 404,
                "endpoint-disabled");
    }

    @Test
    void adminRoutesNeedTheAdminRole() throws Exception {
        problem(s.get("/v1/admin/audit/verify", alice), 403, "forbidden");
        problem(s.get("/v1/admin/tenants", alice), 403, "forbidden");
        problem(s.post("/v1/admin/tenants", alice, "{\"name\":\"x\"}".getBytes(), Map.of()), 403, "forbidden");
        // an admin creates a tenant over the API; its token works at once and is audited (without the token)
        HttpResponse<String> created = s.post("/v1/admin/tenants", admin,
                "{\"name\":\"dave-hospital\",\"role\":\"client\"}".getBytes(), Map.of());
        assertEquals(201, created.statusCode(), created.body());
        String dave = JSON.readTree(created.body()).get("token").asText();
        assertEquals(200, s.get("/v1/models", dave).statusCode());
        problem(s.post("/v1/admin/tenants", admin, "{\"name\":\"dave-hospital\"}".getBytes(), Map.of()), 409,
                "tenant-exists");
        problem(s.post("/v1/admin/tenants", admin, "{\"name\":\"\"}".getBytes(), Map.of()), 400, "bad-json");
        assertTrue(s.get("/v1/admin/tenants", admin).body().contains("\"dave-hospital\""));
        String log = s.get("/v1/admin/audit?limit=50", admin).body();
        assertTrue(log.contains("\"action\":\"tenant.add\"") && log.contains("\"target\":\"dave-hospital\""), log);
        assertFalse(log.contains(dave.substring(5)), "the audit trail never holds a token");
        JsonNode v = JSON.readTree(s.get("/v1/admin/audit/verify", admin).body());
        assertTrue(v.get("intact").asBoolean(), v.toString());
    }

    @Test
    void healthMetricsAndOpenApi() throws Exception {
        JsonNode h = JSON.readTree(s.get("/health", null).body());
        assertTrue(h.get("live").asBoolean() && h.get("ready").asBoolean(), h.toString());
        assertEquals(200, s.get("/health/live", null).statusCode());
        assertEquals(200, s.get("/health/ready", null).statusCode());
        s.get("/v1/models", alice);
        s.get("/v1/models", null);
        s.post("/v1/keysets", alice, "not a key set".getBytes(), Map.of());
        String m = s.get("/metrics", null).body();
        assertTrue(m.contains("he4j_http_bytes_in_bytes_total{route=\"/v1/keysets\"}"), "bytes in");
        assertTrue(m.contains("he4j_http_request_seconds_bucket{"), "latency histogram");
        assertTrue(m.contains("route=\"/v1/models\""), "per route");
        assertTrue(m.contains("he4j_http_rejected_total{reason=\"unauthorized\"}"), "rejections by reason");
        assertTrue(m.contains("he4j_http_bytes_out_bytes_total"), "bytes out");
        String api = s.get("/openapi", null).body();
        assertTrue(api.startsWith("openapi: 3.1.0") && api.contains("/v1/models/{id}/predict:"), api);
    }
}
