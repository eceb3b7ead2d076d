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

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server (its own JVM) is killed with SIGKILL during concurrent uploads and during a scoring job, then
 * restarted on the same SQLite data directory: every acknowledged record is there and scores correctly, no
 * stored record is partial, and the job resumes from its checkpoint and completes.
 */
class CrashTest {
    static final int UPLOADERS = 4;

    @Test
    void killedDuringUploadsAndDuringAJob(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        Path data = dir.resolve("data");
        String token;
        try (Database db = Database.openSqlite(data)) {
            token = new TenantStore(db).create("crash-hospital", Role.CLIENT).token();
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> cfg = Map.of("port", Integer.toString(port), "data-dir", data.toString(),
                "models-dir", TestServer.modelsDir().toString(), "jobs.lease", "1s");
        String url = "http://127.0.0.1:" + port;
        double[][] x = TestServer.cleveland().test().x();
        TrainedModel plain = ModelFile.read(TestServer.modelsDir().resolve(TestServer.MODEL + ".json"));

        List<He4jClient> clients = new ArrayList<>();
        List<RemoteModel> models = new ArrayList<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ChildServer first = ChildServer.start(cfg)) {
            System.err.printf("crash test: %s after %.1f s%n", "started 1", (System.nanoTime() - t0) / 1e9);
            for (int t = 0; t < UPLOADERS; t++) {
                He4jClient c = He4jClient.builder(url).token(token).retries(0).timeout(Duration.ofSeconds(10)).build();
                clients.add(c);
                models.add(c.model(TestServer.MODEL));
            }
            AtomicInteger acks = new AtomicInteger();
            List<Thread> uploaders = new ArrayList<>();
            for (int t = 0; t < UPLOADERS; t++) {
                int thread = t;
                uploaders.add(Thread.ofPlatform().start(() -> {
                    RemoteModel m = models.get(thread);
                    for (int i = 0; ; i++) {
                        String id = "t" + thread + "-" + String.format("%04d", i);
                        try {
                            m.uploadRecord(id, x[i % x.length], "", false);
                        } catch (RuntimeException e) {
                            return; // the server died under this upload: it was never acknowledged
                        }
                        acknowledged.add(id);
                        acks.incrementAndGet();
                    }
                }));
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (acks.get() < 128 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            first.kill(); // uploads in flight
            System.err.printf("crash test: %s after %.1f s%n", "killed 1", (System.nanoTime() - t0) / 1e9);
            for (Thread u : uploaders) {
                u.join(30_000);
            }
        }
        assertTrue(acknowledged.size() >= 128, "uploads acknowledged before the kill: " + acknowledged.size());

        String jobId;
        long doneAtKill;
        try (ChildServer second = ChildServer.start(cfg)) {
            HttpClient http = HttpClient.newHttpClient();
            System.err.printf("crash test: %s after %.1f s%n", "started 2", (System.nanoTime() - t0) / 1e9);
            HttpResponse<String> list = get(http, url + "/v1/records?limit=1000", token);
            assertEquals(200, list.statusCode());
            for (String id : acknowledged) {
                assertTrue(list.body().contains("\"id\":\"" + id + "\""), "lost " + id);
            }
            RemoteModel m0 = models.getFirst();
            ScoringJob job = m0.score();
            assertTrue(job.total() >= acknowledged.size());
            jobId = job.id();
            ScoringJob seen = job;
            while (seen.done() == 0 && !seen.finished()) {
                seen = m0.job(jobId);
            }
            second.kill(); // during the job
            System.err.printf("crash test: %s after %.1f s%n", "killed 2", (System.nanoTime() - t0) / 1e9);
            doneAtKill = seen.done();
            assertTrue(seen.pending() > 0, "the job finished before the kill: " + seen);
        }

        try (ChildServer third = ChildServer.start(cfg)) {
            ScoringJob done = models.getFirst().await(jobId, Duration.ofMillis(100), j -> { });
            System.err.printf("crash test: %s after %.1f s%n", "job done", (System.nanoTime() - t0) / 1e9);
            assertEquals("done", done.state());
            assertEquals(0, done.failed(), "a stored record did not load: partial? " + done);
            assertTrue(done.done() > doneAtKill);
            int checked = 0;
            for (int t = 0; t < UPLOADERS; t++) {
                for (RecordResult r : models.get(t).results(jobId)) {
                    if (!r.recordId().startsWith("t" + t + "-")) {
                        continue; // encrypted under another uploader's keys
                    }
                    int i = Integer.parseInt(r.recordId().substring(r.recordId().indexOf('-') + 1));
                    assertEquals(plain.predictLabel(x[i % x.length]), r.predictions().getFirst().label(), r.recordId());
                    checked++;
                }
            }
            assertTrue(checked >= acknowledged.size(), checked + " results for " + acknowledged.size() + " acks");
        } finally {
            models.forEach(RemoteModel::close);
            clients.forEach(He4jClient::close);
        }
    }

    static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
