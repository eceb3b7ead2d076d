package io.he4j.server;

import io.he4j.client.He4jClient;
import io.he4j.client.RecordResult;
import io.he4j.client.RemoteModel;
import io.he4j.client.ScoringJob;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.server.auth.Role;
import io.he4j.server.db.AuditLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record store and scoring jobs end to end over real HTTP, on SQLite and on PostgreSQL: upload (single and
 * batch records), list, score, download and decrypt equal to the plaintext model on every record; tenant
 * isolation (404); idempotent uploads; no plaintext feature value in the database; erasure; the audit chain.
 */
class RecordsTest {
    /** A feature value no real record has; its encodings must never reach the database. */
    static final double SENTINEL = 271.8281828;
    static ThrowawayPostgres pg;

    @BeforeAll
    static void startPostgres() {
        pg = new ThrowawayPostgres();
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    @Test
    void sqlite(@TempDir Path dir) throws Exception {
        try (TestServer s = TestServer.start(dir, Map.of("jobs.lease", "2s"))) {
            scenario(s, "sq-");
            // no plaintext in the database files (the WAL and shared-memory files too)
            for (Path f : dbFiles(dir)) {
                assertNoSentinel(Files.readAllBytes(f), f.toString());
            }
            erasureLeavesTheFiles(s, dir);
            auditEditDetected(s, "jdbc:sqlite:" + dir.resolve("he4j.db"));
        }
    }

    @Test
    void postgresql(@TempDir Path dir) throws Exception {
        Map<String, String> onPg = Map.of("database.url", pg.url, "database.user", "he4j", "jobs.lease", "2s");
        try (TestServer s = TestServer.start(dir, onPg)) {
            scenario(s, "pg-");
            try (Connection c = DriverManager.getConnection(pg.url, "he4j", "");
                 Statement st = c.createStatement()) {
                for (String table : List.of("records", "job_results", "jobs", "audit_log")) {
                    try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                        int cols = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= cols; i++) {
                                byte[] b = rs.getBytes(i);
                                if (b != null) {
                                    assertNoSentinel(b, table);
                                }
                            }
                        }
                    }
                }
            }
            auditEditDetected(s, pg.url);
        }
    }

    /** Everything a tenant does with records and jobs, and what another tenant cannot do to them. */
    static void scenario(TestServer s, String prefix) throws Exception {
        String a = s.tenant(prefix + "hospital-a", Role.CLIENT);
        String b = s.tenant(prefix + "hospital-b", Role.CLIENT);
        Dataset test = TestServer.cleveland().test();
        TrainedModel plain = ModelFile.read(TestServer.modelsDir().resolve(TestServer.MODEL + ".json"));
        double[][] x = Arrays.copyOf(test.x(), 40);
        x[3] = x[3].clone();
        x[3][0] = SENTINEL;
        try (He4jClient c = He4jClient.builder(s.server.uri().toString()).token(a).build();
             RemoteModel m = c.model(TestServer.MODEL)) {
            // 12 single records (patients p0..p11), then the other 28 rows in batch records of 10, 10, 8
            for (int i = 0; i < 12; i++) {
                assertEquals("created", m.uploadRecord(String.format("r%03d", i), x[i], "p" + i, false));
            }
            int cap = Math.min(10, m.batchCapacity());
            List<String> batchIds = new ArrayList<>();
            for (int start = 12; start < x.length; start += cap) {
                String id = String.format("r%03d-batch", start);
                batchIds.add(id);
                assertEquals("created", m.uploadBatchRecord(id, Arrays.copyOfRange(x, start,
                        Math.min(x.length, start + cap)), "", false));
            }

            // listing: paging in id order, filters
            List<String> listed = new ArrayList<>();
            String after = "";
            do {
                var page = s.get("/v1/records?limit=5" + (after.isEmpty() ? "" : "&after=" + after), a);
                assertEquals(200, page.statusCode(), page.body());
                for (String id : page.body().split("\"id\":\"")) {
                    if (!id.startsWith("{")) {
                        listed.add(id.substring(0, id.indexOf('"')));
                    }
                }
                after = page.body().contains("\"next\":null") ? ""
                        : page.body().replaceAll(".*\"next\":\"([^\"]+)\".*", "$1");
            } while (!after.isEmpty());
            assertEquals(12 + batchIds.size(), listed.size(), listed.toString());
            assertEquals(listed.stream().sorted().toList(), listed);
            assertEquals(batchIds.size(), count(s.get("/v1/records?layout=batch", a).body()));
            assertEquals(1, count(s.get("/v1/records?patient=p4", a).body()));

            // scoring: every record, equal to the plaintext model
            ScoringJob job = m.score();
            assertEquals(12 + batchIds.size(), job.total());
            ScoringJob finished = m.await(job.id(), Duration.ofMillis(100), j -> { });
            assertEquals("done", finished.state(), finished.toString());
            assertEquals(0, finished.failed());
            List<RecordResult> results = m.results(job.id());
            assertEquals(12 + batchIds.size(), results.size());
            int row = 0;
            for (RecordResult r : results) {
                assertTrue(r.error().isEmpty(), r.toString());
                for (var p : r.predictions()) {
                    double[] want = plain.scores(x[row]);
                    assertEquals(plain.predictLabel(x[row]), p.label(), r.recordId() + " row " + row);
                    assertEquals(want[0], p.scores()[0], 1e-2 * Math.max(1, Math.abs(want[0])), "row " + row);
                    row++;
                }
            }
            assertEquals(x.length, row);

            // tenant B sees none of it: 404 for reads, deletes, the job and its results; its own job scores nothing
            assertEquals(0, count(s.get("/v1/records", b).body()));
            assertEquals(404, s.get("/v1/records/r000", b).statusCode());
            assertEquals(404, s.get("/v1/records/r000?content=true", b).statusCode());
            assertEquals(404, s.send(delete(s, "/v1/records/r000", b)).statusCode());
            assertEquals(404, s.get("/v1/jobs/" + job.id(), b).statusCode());
            assertEquals(404, s.get("/v1/jobs/" + job.id() + "/results", b).statusCode());
            assertEquals(404, s.send(delete(s, "/v1/jobs/" + job.id(), b)).statusCode());
            assertEquals(0, s.send(delete(s, "/v1/records?patient=p1", b)).body().contains("\"deleted\":0") ? 0 : 1);
            try (He4jClient cb = He4jClient.builder(s.server.uri().toString()).token(b).build();
                 RemoteModel mb = cb.model(TestServer.MODEL)) {
                assertEquals(0, mb.score().total());
            }
            assertEquals(200, s.get("/v1/records/r000", a).statusCode());

            // idempotency: same bytes = no-op; other bytes = 409 unless replace
            byte[] stored = s.getBytes("/v1/records/r001?content=true", a);
            String put = "/v1/records/r001?model=" + TestServer.MODEL + "&patient=p1";
            assertEquals(200, s.send(putReq(s, put, a, stored, m.keySetId())).statusCode());
            assertTrue(s.get("/v1/records/r001", a).body().contains(sha256(stored)));
            assertEquals("created", m.uploadRecord("r900", x[0], "", false));
            byte[] other = s.getBytes("/v1/records/r900?content=true", a);
            HttpResponse<String> conflict = s.send(putReq(s, put, a, other, m.keySetId()));
            assertEquals(409, conflict.statusCode(), conflict.body());
            assertTrue(conflict.body().contains("record-conflict"));
            assertEquals(200, s.send(putReq(s, put + "&replace=true", a, other, m.keySetId())).statusCode());
            assertTrue(s.get("/v1/records/r001", a).body().contains(sha256(other)));
            // every ciphertext passes the loader first: garbage and a truncated ciphertext are refused, not stored
            byte[] cut = Arrays.copyOf(other, other.length / 2);
            assertEquals(400, s.send(putReq(s, "/v1/records/bad1?model=" + TestServer.MODEL, a, cut)).statusCode());
            assertEquals(400, s.send(putReq(s, "/v1/records/bad2?model=" + TestServer.MODEL, a,
                    "hello".getBytes(StandardCharsets.UTF_8))).statusCode());
            assertEquals(404, s.get("/v1/records/bad1", a).statusCode());

            // erasure of a patient and of one record
            HttpResponse<String> erased = s.send(delete(s, "/v1/records?patient=p2", a));
            assertTrue(erased.body().contains("\"deleted\":1"), erased.body());
            assertEquals(404, s.get("/v1/records/r002", a).statusCode());
            assertEquals(204, s.send(delete(s, "/v1/records/r900", a)).statusCode());
            assertEquals(404, s.send(delete(s, "/v1/records/r900", a)).statusCode());
            List<RecordResult> after2 = m.results(job.id());
            assertFalse(after2.stream().anyMatch(r -> r.recordId().equals("r002")), "scores of an erased record");

            // export of the tenant's own data: every record with its stored bytes, paged; none of B's
            String export = s.get("/v1/records?content=true&limit=100", a).body();
            assertTrue(export.contains("\"content\":\"") && export.contains("\"id\":\"r001\""), "export");
            assertTrue(export.contains(java.util.Base64.getEncoder().encodeToString(other)), "exported bytes");
            assertEquals(0, count(s.get("/v1/records?content=true", b).body()));

            // retention: B keeps forever; A's records not updated for longer than its period are erased
            assertEquals("{\"days\":null}", s.get("/v1/retention", a).body());
            assertEquals(400, s.send(putJson(s, "/v1/retention", a, "{\"days\":0}")).statusCode());
            assertEquals(200, s.send(putJson(s, "/v1/retention", a, "{\"days\":30}")).statusCode());
            assertEquals("{\"days\":30}", s.get("/v1/retention", a).body());
            s.server.database().write(conn -> {
                try (Statement st = conn.createStatement()) {
                    return st.executeUpdate("UPDATE records SET updated_at = updated_at - " + 31L * 86_400_000
                            + " WHERE id = 'r005'");
                }
            });
            var store = new io.he4j.server.records.RecordStore(s.server.database(),
                    new AuditLog(s.server.database()));
            assertEquals(1, store.expire());
            assertEquals(404, s.get("/v1/records/r005", a).statusCode());
            assertEquals(200, s.get("/v1/records/r006", a).statusCode());

            String audit = s.get("/v1/admin/audit?limit=1000", s.tenant(prefix + "admin", Role.ADMIN)).body();
            for (String action : List.of("record.upload", "record.read", "record.list", "record.delete",
                    "record.erase-patient", "record.export", "record.retention", "record.expire", "job.create", "job.claim", "job.done", "job.results")) {
                assertTrue(audit.contains("\"" + action + "\""), action + " not audited");
            }
            assertFalse(audit.contains(a), "a token in the audit trail");
        }
    }

    /** A deleted record's ciphertext bytes are gone from every database file (secure_delete, WAL truncated). */
    static void erasureLeavesTheFiles(TestServer s, Path dir) throws Exception {
        String a = s.tenant("erasure", Role.CLIENT);
        try (He4jClient c = He4jClient.builder(s.server.uri().toString()).token(a).build();
             RemoteModel m = c.model(TestServer.MODEL)) {
            m.uploadRecord("gone", TestServer.cleveland().test().x()[0], "", false);
            byte[] ct = s.getBytes("/v1/records/gone?content=true", a);
            byte[] probe = Arrays.copyOfRange(ct, ct.length / 2, ct.length / 2 + 64);
            assertTrue(Stream.of(dbFiles(dir)).anyMatch(f -> contains(read(f), probe)), "probe not found before");
            assertEquals(204, s.send(delete(s, "/v1/records/gone", a)).statusCode());
            for (Path f : dbFiles(dir)) {
                assertFalse(contains(read(f), probe), "deleted ciphertext still in " + f);
            }
        }
    }

    /** Changing one audit row in the database is detected by the verifier. */
    static void auditEditDetected(TestServer s, String url) throws Exception {
        AuditLog log = new AuditLog(s.server.database());
        assertTrue(log.verify().intact());
        try (Connection c = DriverManager.getConnection(url, url.startsWith("jdbc:postgresql") ? "he4j" : null, "");
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE audit_log SET outcome = 'not found' WHERE action = 'record.delete' "
                    + "AND outcome = 'deleted'");
        }
        assertFalse(log.verify().intact());
    }

    static Path[] dbFiles(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("he4j.db")).toArray(Path[]::new);
        }
    }

    static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The sentinel as text and as binary doubles of either byte order (8 bytes: a chance match in megabytes of
     * uniformly random ciphertext words is ~1e-12; 4-byte float forms would match by chance about once in a
     * few hundred runs, so they are not checked).
     */
    static void assertNoSentinel(byte[] data, String where) {
        List<byte[]> forms = new ArrayList<>();
        forms.add(Double.toString(SENTINEL).getBytes(StandardCharsets.UTF_8));
        forms.add("271.828".getBytes(StandardCharsets.UTF_8));
        for (ByteOrder o : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            forms.add(ByteBuffer.allocate(8).order(o).putDouble(SENTINEL).array());
        }
        for (byte[] f : forms) {
            assertFalse(contains(data, f), "plaintext sentinel " + java.util.HexFormat.of().formatHex(f) + " found in "
                    + where);
        }
    }

    static boolean contains(byte[] data, byte[] probe) {
        outer:
        for (int i = 0; i + probe.length <= data.length; i++) {
            for (int j = 0; j < probe.length; j++) {
                if (data[i + j] != probe[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static int count(String listBody) {
        return listBody.split("\"layout\":").length - 1;
    }

    static String sha256(byte[] b) {
        return io.he4j.server.auth.Tokens.sha256Hex(b);
    }

    static HttpRequest delete(TestServer s, String path, String token) {
        return HttpRequest.newBuilder(s.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).DELETE().build();
    }

    static HttpRequest putJson(TestServer s, String path, String token, String json) {
        return HttpRequest.newBuilder(s.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    static HttpRequest putReq(TestServer s, String path, String token, byte[] body) {
        return putReq(s, path, token, body, Optional.empty());
    }

    /** A raw upload, naming the key set the record is encrypted under (every model's replies need one). */
    static HttpRequest putReq(TestServer s, String path, String token, byte[] body, Optional<String> keySet) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream");
        keySet.ifPresent(k -> b.header("He4j-Key-Set", k));
        return b.PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
