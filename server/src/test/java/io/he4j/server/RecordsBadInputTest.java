package io.he4j.server;

import io.he4j.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to the records and jobs routes gets its 4xx problem+json, never a 5xx, and stores nothing. */
class RecordsBadInputTest {
    @TempDir
    static Path dir;
    static TestServer s;
    static String token;

    @BeforeAll
    static void start() {
        s = TestServer.start(dir, Map.of("limits.body-bytes", "65536"));
        token = s.tenant("bad-input", Role.CLIENT);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static void problem(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.body());
        assertTrue(r.body().contains("\"code\":\"" + code + "\""), r.body());
    }

    private static HttpResponse<String> put(String path, byte[] body) {
        return s.send(RecordsTest.putReq(s, path, token, body));
    }

    @Test
    void uploads() {
        byte[] junk = "not a ciphertext".getBytes(StandardCharsets.UTF_8);
        String m = "?model=" + TestServer.MODEL;
        problem(put("/v1/records/a" + m, junk), 400, "malformed-query");
        problem(put("/v1/records/a" + m + "&layout=batch&rows=3", junk), 400, "malformed-query");
        problem(put("/v1/records/a", junk), 400, "bad-parameter");
        problem(put("/v1/records/a?model=nope", junk), 404, "model-not-found");
        problem(put("/v1/records/a" + m + "&layout=diagonal", junk), 400, "bad-parameter");
        problem(put("/v1/records/a" + m + "&layout=batch", junk), 400, "bad-parameter");
        problem(put("/v1/records/a" + m + "&layout=batch&rows=99999999", junk), 400, "bad-parameter");
        problem(put("/v1/records/a" + m + "&layout=batch&rows=-1", junk), 400, "bad-parameter");
        problem(put("/v1/records/a" + m + "&replace=maybe", junk), 400, "bad-parameter");
        problem(put("/v1/records/" + "x".repeat(200) + m, junk), 400, "bad-parameter");
        problem(put("/v1/records/a%2Fb" + m, junk), 404, "not-found"); // decoded before routing: no such route
        problem(put("/v1/records/a" + m + "&patient=%00", junk), 400, "bad-parameter");
        problem(put("/v1/records/a" + m, new byte[70_000]), 413, "body-too-large");
        problem(s.send(HttpRequest.newBuilder(s.uri("/v1/records/a" + m)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(junk)).build()), 415, "unsupported-media-type");
        problem(s.send(HttpRequest.newBuilder(s.uri("/v1/records/a" + m)).timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(junk)).build()), 401, "unauthorized");
        assertTrue(s.get("/v1/records", token).body().contains("\"records\":[]"), "nothing stored");
    }

    @Test
    void listsReadsAndJobs() {
        problem(s.get("/v1/records?limit=0", token), 400, "bad-parameter");
        problem(s.get("/v1/records?limit=abc", token), 400, "bad-parameter");
        problem(s.get("/v1/records?after=%20", token), 400, "bad-parameter");
        problem(s.get("/v1/records/none", token), 404, "record-not-found");
        problem(s.send(RecordsTest.delete(s, "/v1/records", token)), 400, "bad-parameter");
        problem(s.post("/v1/jobs", token, "{".getBytes(StandardCharsets.UTF_8), Map.of()), 400, "bad-json");
        problem(s.post("/v1/jobs", token, "{\"model\": 5}".getBytes(StandardCharsets.UTF_8), Map.of()), 400,
                "bad-json");
        problem(s.post("/v1/jobs", token, "{\"model\": \"nope\"}".getBytes(StandardCharsets.UTF_8), Map.of()), 404,
                "model-not-found");
        problem(s.get("/v1/jobs/job_unknown", token), 404, "job-not-found");
        problem(s.get("/v1/jobs/job_unknown/results", token), 404, "job-not-found");
        problem(s.get("/v1/jobs?limit=5000", token), 400, "bad-parameter");
        problem(s.send(RecordsTest.putJson(s, "/v1/retention", token, "{\"days\": \"x\"}")), 400, "bad-json");
        problem(s.send(RecordsTest.putJson(s, "/v1/retention", token, "{\"days\": 99999999}")), 400, "bad-parameter");
    }
}
