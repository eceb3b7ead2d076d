package io.he4j.server;

import io.he4j.client.He4jClient;
import io.he4j.client.RecordResult;
import io.he4j.client.RemoteModel;
import io.he4j.client.ScoringJob;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.server.auth.Role;
import io.he4j.server.db.Database;
import io.he4j.server.db.TenantStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas (JVMs of their own) on one throwaway PostgreSQL behind a switchable loopback forwarder:
 * records uploaded through one are listed and scored through the other; the replica that holds the job's
 * lease is killed with SIGKILL mid-job and the other completes it.
 */
class ReplicasTest {
    static final int RECORDS = 128; // at least four checkpoints (<= 32 records each): the kill lands mid-job

    @Test
    void uploadOnOneScoreOnTheOtherAndSurviveAKill(@TempDir Path dir) throws Exception {
        try (ThrowawayPostgres pg = new ThrowawayPostgres()) {
            String token;
            try (Database db = Database.open(pg.url, "he4j", "")) {
                token = new TenantStore(db).create("replica-hospital", Role.CLIENT).token();
            }
            Map<String, String> common = Map.of("port", "0", "database.url", pg.url, "database.user", "he4j",
                    "models-dir", TestServer.modelsDir().toString(), "jobs.lease", "1s");
            double[][] x = TestServer.cleveland().test().x();
            TrainedModel plain = ModelFile.read(TestServer.modelsDir().resolve(TestServer.MODEL + ".json"));
            ChildServer a = ChildServer.start(with(common, "data-dir", dir.resolve("a").toString()));
            ChildServer b = ChildServer.start(with(common, "data-dir", dir.resolve("b").toString()));
            try (LoopbackProxy lb = new LoopbackProxy(a.uri);
                 He4jClient c = He4jClient.builder(lb.url()).token(token).retries(3).build();
                 RemoteModel m = c.model(TestServer.MODEL)) {
                for (int i = 0; i < RECORDS; i++) {
                    m.uploadRecord(String.format("r%03d", i), x[i % x.length], "", false);
                }
                lb.target(b.uri);
                HttpClient http = HttpClient.newHttpClient();
                String list = CrashTest.get(http, b.uri + "/v1/records?limit=1000", token).body();
                assertEquals(RECORDS, list.split("\"layout\":").length - 1, "replica B lists A's uploads");

                ScoringJob job = m.score(); // through B
                ScoringJob seen = job;
                while (seen.done() == 0 && !seen.finished()) {
                    seen = m.job(job.id());
                }
                String holder = leaseOwner(pg.url, job.id());
                ChildServer victim = holder.equals(a.replicaId) ? a : b;
                ChildServer survivor = victim == a ? b : a;
                victim.kill();
                assertTrue(seen.pending() > 0, "the job finished before the kill: " + seen);
                lb.target(survivor.uri);

                ScoringJob done = m.await(job.id(), Duration.ofMillis(100), j -> { });
                assertEquals("done", done.state());
                assertEquals(RECORDS, done.done());
                assertEquals(survivor.replicaId, leaseOwner(pg.url, job.id()), "the survivor finished it");
                List<RecordResult> results = m.results(job.id());
                assertEquals(RECORDS, results.size());
                for (RecordResult r : results) {
                    int i = Integer.parseInt(r.recordId().substring(1));
                    assertEquals(plain.predictLabel(x[i % x.length]), r.predictions().getFirst().label(), r.recordId());
                }
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> out = new java.util.HashMap<>(m);
        out.put(k, v);
        return out;
    }

    private static String leaseOwner(String url, String jobId) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "he4j", "");
             PreparedStatement ps = c.prepareStatement("SELECT lease_owner FROM jobs WHERE id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
