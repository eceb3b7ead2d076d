package io.he4j.bench.records;

import io.he4j.bench.BenchContext;
import io.he4j.bench.SuiteResult;
import io.he4j.bench.load.ServiceKeySet;
import io.he4j.bench.ml.MlCase;
import io.he4j.ml.data.Split;
import io.he4j.bench.ml.HeProtocols;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;
import io.he4j.bench.model.SuiteRun;
import io.he4j.client.He4jClient;
import io.he4j.client.RemoteModel;
import io.he4j.client.ScoringJob;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.protocol.ModelManifest;
import io.he4j.protocol.RecordUploads;
import io.he4j.server.He4jServer;
import io.he4j.server.ServerConfig;
import io.he4j.server.auth.Role;
import io.he4j.server.db.TenantStore;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The encrypted record store (docs/server.md, "Records and jobs") on SQLite and on PostgreSQL: ingest rate of
 * single-patient and feature-major batch records over HTTP (durable commits), batch scoring throughput end to
 * end from the database (job created -> every record scored and its encrypted result stored), and stored bytes
 * per record against the ciphertexts' own size. Ciphertexts are encrypted once up front and uploaded under
 * many record ids (the server validates and stores each upload in full; the cost it measures is the server's).
 * Also research-study aggregates on SQLite ({@link StudySuite}).
 */
public final class RecordsSuite {
    public static final String SUITE = "records";
    static final String MODEL = "cleveland-lr";
    static final int UPLOADERS = 4;
    static final int MULTI = 64;

    private RecordsSuite() {
    }

    public static SuiteResult run(BenchContext ctx) {
        long t0 = System.nanoTime();
        String command = "./he4j bench --only records";
        try {
            Path dir = Files.createTempDirectory("he4j-records-bench");
            Split s = MlCase.CLEVELAND_LR.split(ctx.dataDir().orElseThrow(() ->
                    new IllegalStateException("datasets not found (../shared/data)")));
            TrainedModel lr = MlCase.CLEVELAND_LR.train(s);
            Path models = Files.createDirectories(dir.resolve("models"));
            ModelFile.write(lr, models.resolve(MODEL + ".json"));
            List<Figure> figures = new ArrayList<>();
            figures.addAll(backend(ctx, "sqlite", Map.of("data-dir", dir.resolve("sqlite").toString()), models,
                    s.test().x(), dir.resolve("sqlite"), command));
            figures.addAll(StudySuite.run(ctx, dir.resolve("study"), s.test().x(), command));
            try (ThrowawayCluster pg = new ThrowawayCluster()) {
                figures.addAll(backend(ctx, "postgresql", Map.of("data-dir", dir.resolve("pg").toString(),
                        "database.url", pg.url, "database.user", "he4j"), models, s.test().x(), null, command));
            }
            return new SuiteResult(new SuiteRun(SUITE, SuiteRun.Status.RAN, "record ingest and batch scoring on "
                    + "SQLite and PostgreSQL", (System.nanoTime() - t0) / 1e9, command), figures);
        } catch (Exception e) {
            return SuiteResult.failed(SUITE, e.toString(), (System.nanoTime() - t0) / 1e9, command);
        }
    }

    private static List<Figure> backend(BenchContext ctx, String db, Map<String, String> where, Path models,
                                        double[][] x, Path sqliteDir, String command) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(where);
        settings.put("port", "0");
        settings.put("models-dir", models.toString());
        settings.put("limits.body-bytes", Integer.toString(64 << 20));
        settings.put("limits.rate-per-second", "1000000");
        int singles = ctx.quick() ? 400 : 2000;
        int batches = ctx.quick() ? 32 : 256;
        List<Figure> out = new ArrayList<>();
        try (He4jServer server = He4jServer.start(ServerConfig.load(Optional.empty(), Map.of(), settings));
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            TenantStore tenants = new TenantStore(server.database());
            String single = tenants.create(db + "-single", Role.CLIENT).token();
            String batch = tenants.create(db + "-batch", Role.CLIENT).token();
            ModelManifest manifest;
            try (He4jClient c = He4jClient.builder(server.uri().toString()).token(single).build();
                 RemoteModel m = c.model(MODEL)) {
                manifest = m.manifest();
            }
            int capacity = manifest.batch().capacity();
            HeProtocols.Encrypted queries = HeProtocols.encryptQueries(manifest, Arrays.copyOf(x, Math.min(64, x.length)));
            double[][] rows = new double[capacity][];
            for (int i = 0; i < capacity; i++) {
                rows[i] = x[i % x.length];
            }
            HeProtocols.Encrypted envelopes = HeProtocols.encryptBatches(manifest, rows, 4);
            ctx.progress("records/" + db + ": ingest " + singles + " single records, " + UPLOADERS + " uploaders");
            double singleSeconds = upload(http, server.uri(), single, manifest, "layout=single", queries, singles);
            out.add(exact(db + "/ingest_single/records_per_s", "records/s", singles / singleSeconds,
                    Map.of("uploaders", UPLOADERS, "query_bytes", queries.bodies().getFirst().length), command));
            String multi = tenants.create(db + "-multi", Role.CLIENT).token();
            ctx.progress("records/" + db + ": ingest " + singles + " single records, " + MULTI + " per request");
            double multiSeconds = uploadMulti(http, server.uri(), multi, manifest, queries, singles);
            out.add(exact(db + "/ingest_multi/records_per_s", "records/s", singles / multiSeconds,
                    Map.of("uploaders", UPLOADERS, "records_per_request", MULTI, "query_bytes",
                            queries.bodies().getFirst().length), command));
            long before = storedBytes(server, sqliteDir);
            ctx.progress("records/" + db + ": ingest " + batches + " batch records of " + capacity + " patients");
            double batchSeconds = upload(http, server.uri(), batch, manifest, "layout=batch&rows=" + capacity, envelopes,
                    batches);
            out.add(exact(db + "/ingest_batch/records_per_s", "records/s", batches / batchSeconds,
                    Map.of("uploaders", UPLOADERS, "rows_per_record", capacity), command));
            out.add(exact(db + "/ingest_batch/patients_per_s", "patients/s", (double) batches * capacity / batchSeconds,
                    Map.of("rows_per_record", capacity), command));
            long ct = envelopes.bodies().getFirst().length;
            double stored = (storedBytes(server, sqliteDir) - before) / (double) batches;
            out.add(exact(db + "/stored_bytes_per_batch_record", "bytes", stored, Map.of("envelope_bytes", ct,
                    "how", sqliteDir == null ? "pg_total_relation_size(records) growth / records"
                            : "database files growth / records"),
                    command));
            out.add(exact(db + "/stored_vs_ciphertext", "ratio", stored / ct, Map.of(), command));

            ctx.progress("records/" + db + ": scoring job over " + batches * capacity + " patients");
            try (He4jClient c = He4jClient.builder(server.uri().toString()).token(batch).build();
                 RemoteModel m = c.model(MODEL)) {
                long start = System.nanoTime();
                ScoringJob job = m.score();
                ScoringJob done = m.await(job.id(), Duration.ofMillis(20), j -> { });
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!done.state().equals("done") || done.failed() > 0) {
                    throw new IllegalStateException("scoring job did not complete: " + done);
                }
                out.add(exact(db + "/batch_scoring/predictions_per_s", "predictions/s", batches * capacity / seconds,
                        Map.of("records", batches, "rows_per_record", capacity, "seconds", seconds,
                                "cores", Runtime.getRuntime().availableProcessors()), command));
            }
        }
        return out;
    }

    /** PUTs {@code count} records (cycling through the bodies) from UPLOADERS threads; wall seconds. */
    private static double upload(HttpClient http, URI base, String token, ModelManifest manifest, String layout,
                                 HeProtocols.Encrypted encrypted, int count) throws InterruptedException, IOException {
        List<byte[]> bodies = encrypted.bodies();
        Optional<String> keySet = registerKeySet(base, token, encrypted);
        return inParallel(count, 1, i -> {
            HttpRequest r = recordRequest(base.resolve("/v1/records/r" + i + "?model=" + MODEL + "&" + layout), token,
                    manifest, keySet).PUT(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size()))).build();
            HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 201) {
                throw new IllegalStateException("upload " + i + ": " + res.statusCode() + " " + res.body());
            }
        });
    }

    /** POSTs {@code count} single records, MULTI per request (one transaction each), from UPLOADERS threads. */
    private static double uploadMulti(HttpClient http, URI base, String token, ModelManifest manifest,
                                      HeProtocols.Encrypted encrypted, int count) throws InterruptedException,
            IOException {
        List<byte[]> bodies = encrypted.bodies();
        Optional<String> keySet = registerKeySet(base, token, encrypted);
        return inParallel(count, MULTI, first -> {
            List<RecordUploads.Item> items = new ArrayList<>();
            for (int i = first; i < Math.min(count, first + MULTI); i++) {
                items.add(new RecordUploads.Item("m" + i, "", false, 1, bodies.get(i % bodies.size())));
            }
            HttpRequest r = recordRequest(base.resolve("/v1/records?model=" + MODEL), token, manifest, keySet)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(RecordUploads.encode(items))).build();
            HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200 || !res.body().contains("\"created\":" + items.size())) {
                throw new IllegalStateException("multi-record upload at " + first + ": " + res.statusCode() + " "
                        + res.body());
            }
        });
    }

    private static Optional<String> registerKeySet(URI base, String token, HeProtocols.Encrypted encrypted)
            throws IOException, InterruptedException {
        return encrypted.keySet().isEmpty() ? Optional.empty()
                : Optional.of(ServiceKeySet.register(base, token, encrypted.keySet().get()));
    }

    /** A record upload request to {@code uri} with the token, the model version and the key set if any. */
    private static HttpRequest.Builder recordRequest(URI uri, String token, ModelManifest manifest,
                                                     Optional<String> keySet) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .header("He4j-Model-Version", manifest.version());
        keySet.ifPresent(k -> b.header(ServiceKeySet.HEADER, k));
        return b;
    }

    /** Sends the requests for the records from {@code first} on; throws if the service did not store them all. */
    @FunctionalInterface
    private interface UploadFrom {
        void send(int first) throws Exception;
    }

    /**
     * Runs {@code upload} over records [0, count) in steps of {@code step} from UPLOADERS threads, stopping at the
     * first failure (then thrown); wall seconds.
     */
    private static double inParallel(int count, int step, UploadFrom upload) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < UPLOADERS; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int first; (first = next.getAndAdd(step)) < count && failures.isEmpty(); ) {
                    try {
                        upload.send(first);
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("upload failed: " + failures.getFirst(), failures.getFirst());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** SQLite: the database files (with the WAL); PostgreSQL: the records table with its TOAST and indexes. */
    private static long storedBytes(He4jServer server, Path sqliteDir) throws java.io.IOException {
        if (sqliteDir != null) {
            try (var files = Files.list(sqliteDir)) {
                return files.filter(f -> f.getFileName().toString().startsWith("he4j.db"))
                        .mapToLong(f -> f.toFile().length()).sum();
            }
        }
        return server.database().read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('records')")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static Figure exact(String name, String unit, double value, Map<String, Object> params, String command) {
        return new Figure(Figure.idOf(SUITE, name, "he4j"), SUITE, name, unit, value, Spread.exact(value), params,
                "he4j", "n/a", command);
    }

}
