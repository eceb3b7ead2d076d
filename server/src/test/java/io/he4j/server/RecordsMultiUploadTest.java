package io.he4j.server;

import io.he4j.client.He4jClient;
import io.he4j.client.RecordResult;
import io.he4j.client.RemoteModel;
import io.he4j.client.ScoringJob;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.protocol.RecordUploads;
import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/records}: many records in one request and one transaction; outcomes per record (conflicts
 * left as they were); one bad record refuses the whole request before anything is stored; the records score
 * like single uploads.
 */
class RecordsMultiUploadTest {
    @Test
    void manyRecordsInOneRequest(@TempDir Path dir) throws Exception {
        try (TestServer s = TestServer.start(dir, Map.of("jobs.lease", "2s"))) {
            String a = s.tenant("multi-a", Role.CLIENT);
            double[][] x = Arrays.copyOf(TestServer.cleveland().test().x(), 30);
            TrainedModel plain = ModelFile.read(TestServer.modelsDir().resolve(TestServer.MODEL + ".json"));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                ids.add(String.format("m%03d", i));
            }
            try (He4jClient c = He4jClient.builder(s.server.uri().toString()).token(a).build();
                 RemoteModel m = c.model(TestServer.MODEL)) {
                Map<String, String> first = m.uploadRecords(ids, x, false);
                assertEquals(ids, List.copyOf(first.keySet()));
                assertTrue(first.values().stream().allMatch("created"::equals), first.toString());
                // encryption is randomized: the same rows again are other bytes, so conflicts, left as they were
                String sha = s.get("/v1/records/m007", a).body().replaceAll(".*\"sha256\":\"([0-9a-f]+)\".*", "$1");
                Map<String, String> again = m.uploadRecords(ids.subList(5, 10), Arrays.copyOfRange(x, 5, 10), false);
                assertTrue(again.values().stream().allMatch("conflict"::equals), again.toString());
                assertTrue(s.get("/v1/records/m007", a).body().contains(sha));
                Map<String, String> replaced = m.uploadRecords(ids.subList(5, 10), Arrays.copyOfRange(x, 5, 10), true);
                assertTrue(replaced.values().stream().allMatch("replaced"::equals), replaced.toString());

                // the stored bytes of m000 with a fresh id, then garbage: nothing of the request is stored
                byte[] good = s.getBytes("/v1/records/m000?content=true", a);
                List<RecordUploads.Item> items = new ArrayList<>();
                items.add(new RecordUploads.Item("fresh-1", "", false, 1, good));
                items.add(new RecordUploads.Item("fresh-2", "", false, 1, "not a ciphertext".getBytes()));
                HttpResponse<String> bad = post(s, a, RecordUploads.encode(items), m.keySetId().orElseThrow());
                assertEquals(400, bad.statusCode(), bad.body());
                assertTrue(bad.body().contains("malformed-query") && bad.body().contains("record fresh-2"), bad.body());
                assertEquals(404, s.get("/v1/records/fresh-1", a).statusCode());
                items.set(1, new RecordUploads.Item("fresh-1", "", false, 1, good));
                assertEquals(400, post(s, a, RecordUploads.encode(items), m.keySetId().orElseThrow()).statusCode());
                assertEquals(400, post(s, a, "HE4JRECS junk".getBytes(), m.keySetId().orElseThrow()).statusCode());
                items.set(1, new RecordUploads.Item("fresh-2", "", false, 3, good));  // a single record of 3 rows
                assertEquals(400, post(s, a, RecordUploads.encode(items), m.keySetId().orElseThrow()).statusCode());
                assertEquals(404, s.get("/v1/records/fresh-1", a).statusCode());

                // another tenant's upload of the same ids is its own: no conflict with a's records
                String b = s.tenant("multi-b", Role.CLIENT);
                try (He4jClient cb = He4jClient.builder(s.server.uri().toString()).token(b).build();
                     RemoteModel mb = cb.model(TestServer.MODEL)) {
                    assertEquals("created", mb.uploadRecords(ids.subList(0, 1), Arrays.copyOf(x, 1), false)
                            .get(ids.getFirst()));
                }

                ScoringJob job = m.score();
                assertEquals(x.length, job.total());
                ScoringJob done = m.await(job.id(), Duration.ofMillis(100), j -> { });
                assertEquals("done", done.state(), done.toString());
                Map<String, double[]> byId = new HashMap<>();
                for (int i = 0; i < x.length; i++) {
                    byId.put(ids.get(i), x[i]);
                }
                List<RecordResult> results = m.results(job.id());
                assertEquals(x.length, results.size());
                for (RecordResult r : results) {
                    double[] want = plain.scores(byId.get(r.recordId()));
                    double got = r.predictions().getFirst().scores()[0];
                    assertEquals(want[0], got, 1e-2 * Math.max(1, Math.abs(want[0])), r.recordId());
                }
            }
        }
    }

    private static HttpResponse<String> post(TestServer s, String token, byte[] body, String keySet) {
        return s.send(HttpRequest.newBuilder(s.uri("/v1/records?model=" + TestServer.MODEL))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .header("He4j-Key-Set", keySet).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }
}
