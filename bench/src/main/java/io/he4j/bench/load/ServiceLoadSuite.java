package io.he4j.bench.load;

import io.he4j.bench.BenchContext;
import io.he4j.bench.SuiteResult;
import io.he4j.bench.ml.MlCase;
import io.he4j.ml.data.Split;
import io.he4j.bench.ml.HeProtocols;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;
import io.he4j.bench.model.SuiteRun;
import io.he4j.client.He4jClient;
import io.he4j.client.RemoteModel;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.protocol.ModelManifest;
import io.he4j.server.He4jServer;
import io.he4j.server.ServerConfig;
import io.he4j.server.auth.Role;
import io.he4j.server.db.TenantStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The inference service under load, on loopback only: a real server (in this JVM) with the Cleveland
 * logistic regression deployed; closed-loop connections post pre-encrypted queries for a bounded time and
 * count ({@link HttpLoad}), then the plaintext JSON endpoint the same way in the same run; finally one SDK
 * client's sequential predictions, encryption and decryption included. Figures: throughput, p50 and p99 per
 * endpoint, errors, upload and reply bytes.
 */
public final class ServiceLoadSuite {
    public static final String SUITE = "service";
    static final int CONNECTIONS = 16;
    static final String MODEL = "cleveland-lr";

    private ServiceLoadSuite() {
    }

    public static SuiteResult run(BenchContext ctx) {
        long t0 = System.nanoTime();
        String command = "./he4j bench --only service";
        Duration duration = Duration.ofSeconds(ctx.quick() ? 8 : 30);
        Duration warmup = Duration.ofSeconds(ctx.quick() ? 2 : 5);
        try {
            Path dir = Files.createTempDirectory("he4j-load");
            Split s = MlCase.CLEVELAND_LR.split(ctx.dataDir().orElseThrow(() ->
                    new IllegalStateException("datasets not found (../shared/data)")));
            TrainedModel lr = MlCase.CLEVELAND_LR.train(s);
            Path models = Files.createDirectories(dir.resolve("models"));
            ModelFile.write(lr, models.resolve(MODEL + ".json"));
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("port", "0");
            settings.put("host", "127.0.0.1");
            settings.put("data-dir", dir.resolve("data").toString());
            settings.put("models-dir", models.toString());
            settings.put("predict-plain.enabled", "true");
            settings.put("limits.rate-per-second", "1000000");
            List<Figure> figures = new ArrayList<>();
            try {
                try (He4jServer server = He4jServer.start(ServerConfig.load(Optional.empty(), Map.of(), settings))) {
                    String token = new TenantStore(server.database()).create("load", Role.CLIENT).token();
                    ModelManifest manifest = manifest(server.uri(), token);
                    HeProtocols.Encrypted encrypted = HeProtocols.encryptQueries(manifest, s.test().x());
                    List<byte[]> plain = new ArrayList<>();
                    for (double[] row : s.test().x()) {
                        plain.add(json(row));
                    }
                    ctx.progress("service: encrypted predict (model privacy on), " + CONNECTIONS + " connections, "
                            + duration.toSeconds() + " s");
                    HttpLoad.Result enc = encryptedLoad(server, token, manifest, encrypted, warmup, duration);
                    ctx.progress("service: plaintext predict-plain, same load");
                    HttpLoad.Result pl = HttpLoad.run(new HttpLoad.Plan(server.port(), "/v1/models/" + MODEL
                            + "/predict-plain", Map.of("Authorization", "Bearer " + token, "Content-Type",
                            "application/json"), plain, CONNECTIONS, warmup, duration, 5_000_000));
                    ctx.progress("service: transport floor (a bare Helidon route, same bodies and reply size)");
                    HttpLoad.Result floor;
                    try (TransportFloor echo = new TransportFloor(enc.replyBytes())) {
                        floor = HttpLoad.run(new HttpLoad.Plan(echo.port(), TransportFloor.PATH, Map.of("Content-Type",
                                "application/octet-stream"), encrypted.bodies(), CONNECTIONS, warmup, duration, 5_000_000));
                        figures.add(roundTrip("http_client_floor_round_trip/p50", URI.create("http://127.0.0.1:"
                                + echo.port() + TransportFloor.PATH), Map.of("Content-Type", "application/octet-stream"),
                                encrypted.bodies(), ctx.quick() ? 500 : 3000, command));
                    }
                    figures.addAll(figures("predict_encrypted", enc, command));
                    figures.addAll(figures("predict_plain", pl, command));
                    figures.addAll(figures("transport_floor", floor, command));
                    figures.add(exact("encrypted_vs_transport_floor", "ratio", enc.perSecond() / floor.perSecond(),
                            command));
                    figures.add(exact("encrypted_vs_plain_throughput", "ratio", enc.perSecond() / pl.perSecond(), command));
                    figures.add(exact("predict_encrypted/upload_bytes", "bytes", enc.requestBytes(), command));
                    figures.add(exact("predict_encrypted/reply_bytes", "bytes", enc.replyBytes(), command));
                    figures.add(singleClient(server.uri(), token, s.test().x(), ctx.quick() ? 500 : 3000, command));
                    figures.add(roundTrip("http_client_plain_round_trip/p50", server.uri().resolve("/v1/models/"
                            + MODEL + "/predict-plain"), Map.of("Authorization", "Bearer " + token, "Content-Type",
                            "application/json"), plain, ctx.quick() ? 500 : 3000, command));
                }
                // the same load on a server weakened for trusted clients (no re-randomization, no flooding): the cost
                Map<String, String> trusted = new LinkedHashMap<>(settings);
                trusted.put("data-dir", dir.resolve("data-trusted").toString());
                trusted.put("model-privacy.disable-for-trusted-clients", "true");
                try (He4jServer server = He4jServer.start(ServerConfig.load(Optional.empty(), Map.of(), trusted))) {
                    String token = new TenantStore(server.database()).create("load", Role.CLIENT).token();
                    ModelManifest manifest = manifest(server.uri(), token);
                    ctx.progress("service: encrypted predict without model privacy (trusted clients), same load");
                    HttpLoad.Result enc = encryptedLoad(server, token, manifest,
                            HeProtocols.encryptQueries(manifest, s.test().x()), warmup, duration);
                    figures.addAll(figures("predict_encrypted_trusted", enc, command));
                }
            } finally {
                deleteTree(dir);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new SuiteResult(new SuiteRun(SUITE, SuiteRun.Status.RAN, "Cleveland LR over loopback", seconds,
                    command), figures);
        } catch (IOException | RuntimeException | InterruptedException e) {
            return SuiteResult.failed(SUITE, e.toString(), (System.nanoTime() - t0) / 1e9, command);
        }
    }

    /** Closed-loop encrypted predictions, the client's key set registered and named as the SDK does. */
    private static HttpLoad.Result encryptedLoad(He4jServer server, String token, ModelManifest manifest,
                                                 HeProtocols.Encrypted encrypted, Duration warmup, Duration duration)
            throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/octet-stream", "He4j-Model-Version", manifest.version()));
        if (encrypted.keySet().isPresent()) {
            headers.put(ServiceKeySet.HEADER, ServiceKeySet.register(server.uri(), token, encrypted.keySet().get()));
        }
        return HttpLoad.run(new HttpLoad.Plan(server.port(), "/v1/models/" + MODEL + "/predict", headers,
                encrypted.bodies(), CONNECTIONS, warmup, duration, 5_000_000));
    }

    private static List<Figure> figures(String endpoint, HttpLoad.Result r, String command) {
        Map<String, Object> p = Map.of("connections", CONNECTIONS, "requests", r.requests(), "errors", r.errors(),
                "seconds", r.seconds(), "first_error", r.firstError());
        return List.of(
                figure(endpoint + "/throughput", "req/s", r.perSecond(), p, command),
                figure(endpoint + "/p50", "ms", r.p50Ms(), p, command),
                figure(endpoint + "/p99", "ms", r.p99Ms(), p, command),
                figure(endpoint + "/errors", "count", r.errors(), p, command));
    }

    /** One SDK client, sequential: encryption, HTTP round trip and decryption per prediction. */
    private static Figure singleClient(URI uri, String token, double[][] rows, int count, String command) {
        try (He4jClient c = He4jClient.builder(uri.toString()).token(token).build(); RemoteModel m = c.model(MODEL)) {
            for (int i = 0; i < 200; i++) {
                m.predict(rows[i % rows.length]);
            }
            long[] nanos = new long[count];
            for (int i = 0; i < count; i++) {
                long t = System.nanoTime();
                m.predict(rows[i % rows.length]);
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            double p50 = nanos[count / 2] / 1e6;
            Spread spread = new Spread(nanos[0] / 1e6, nanos[count - 1] / 1e6, nanos[count / 4] / 1e6,
                    nanos[3 * count / 4] / 1e6, count);
            return new Figure(Figure.idOf(SUITE, "sdk_predict_single_client/p50", "he4j"), SUITE,
                    "sdk_predict_single_client/p50", "ms", p50, spread, Map.of("p99_ms", nanos[(int) (count * 0.99)] / 1e6,
                    "predictions", count), "he4j", "n/a", command);
        }
    }

    /**
     * A transport floor for one client: one java.net.http client (as the SDK uses), sequential POSTs of
     * {@code bodies} to {@code target}, no HE on either side.
     */
    private static Figure roundTrip(String name, URI target, Map<String, String> headers, List<byte[]> bodies,
                                    int count, String command) {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run)
                .build()) {
            long[] nanos = new long[count];
            for (int i = -200; i < count; i++) {
                HttpRequest.Builder r = HttpRequest.newBuilder(target)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(Math.floorMod(i, bodies.size()))));
                headers.forEach(r::header);
                long t = System.nanoTime();
                HttpResponse<byte[]> res = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (res.statusCode() != 200) {
                    throw new IllegalStateException(target.getPath() + ": HTTP " + res.statusCode());
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t;
                }
            }
            Arrays.sort(nanos);
            return new Figure(Figure.idOf(SUITE, name, "he4j"), SUITE, name, "ms", nanos[count / 2] / 1e6, new Spread(nanos[0] / 1e6,
                    nanos[count - 1] / 1e6, nanos[count / 4] / 1e6, nanos[3 * count / 4] / 1e6, count),
                    Map.of("p99_ms", nanos[(int) (count * 0.99)] / 1e6), "he4j", "n/a", command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Figure figure(String name, String unit, double value, Map<String, Object> params, String command) {
        return new Figure(Figure.idOf(SUITE, name, "he4j"), SUITE, name, unit, value, Spread.exact(value), params,
                "he4j", "n/a", command);
    }

    private static Figure exact(String name, String unit, double value, String command) {
        return figure(name, unit, value, Map.of(), command);
    }

    private static ModelManifest manifest(URI uri, String token) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri.resolve("/v1/models/" + MODEL))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("manifest: HTTP " + r.statusCode() + " " + r.body());
            }
            return ModelManifest.fromJson(r.body());
        }
    }

    private static byte[] json(double[] row) {
        StringJoiner j = new StringJoiner(",", "{\"features\":[", "]}");
        for (double v : row) {
            j.add(Double.isNaN(v) ? "null" : Double.toString(v));
        }
        return j.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
