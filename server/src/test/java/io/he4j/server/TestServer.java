package io.he4j.server;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.PublicContext;
import io.he4j.ckks.PublicKey;
import io.he4j.ckks.SecretKey;
import io.he4j.ml.data.DataDir;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.Trainer;
import io.he4j.ml.train.TrainOptions;
import io.he4j.server.auth.Role;
import io.he4j.server.db.TenantStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A real server on a loopback port over a temporary data directory, with a Cleveland LR model deployed. */
final class TestServer implements AutoCloseable {
    static final String MODEL = "cleveland-lr";
    private static Path modelsDir;
    private static Split cleveland;

    final Path dataDir;
    final He4jServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Path dataDir, He4jServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    static TestServer start(Path dataDir, Map<String, String> overrides) {
        return start(dataDir, modelsDir(), overrides);
    }

    static TestServer start(Path dataDir, Path models, Map<String, String> overrides) {
        Map<String, String> o = new HashMap<>(Map.of("port", "0", "host", "127.0.0.1",
                "data-dir", dataDir.toString(), "models-dir", models.toString()));
        o.putAll(overrides);
        return new TestServer(dataDir, He4jServer.start(ServerConfig.load(java.util.Optional.empty(), Map.of(), o)));
    }

    /** The Cleveland split (70/30, seed 7) the test model was trained on. */
    static synchronized Split cleveland() {
        if (cleveland == null) {
            Path data = DataDir.locate().orElseThrow(() -> new IllegalStateException(
                    "dataset directory ../shared/data not found (set -Dhe4j.data.dir)"));
            cleveland = Splits.trainTest(Datasets.heartDisease(data, Datasets.Institution.CLEVELAND,
                    MissingValues.Policy.DROP_ROWS), 0.3, 7);
        }
        return cleveland;
    }

    /** A directory holding {@code cleveland-lr.json}, trained once per JVM. */
    static synchronized Path modelsDir() {
        if (modelsDir == null) {
            try {
                modelsDir = Files.createTempDirectory("he4j-models");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TrainedModel m = Trainer.train(cleveland().train(), TrainOptions.linear(7));
            ModelFile.write(m, modelsDir.resolve(MODEL + ".json"));
        }
        return modelsDir;
    }

    /** A new tenant's token. */
    String tenant(String name, Role role) {
        return new TenantStore(server.database()).create(name, role).token();
    }

    URI uri(String path) {
        return server.uri().resolve(path);
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    /** A 200 body as bytes. */
    byte[] getBytes(String path, String token) {
        HttpRequest r = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<byte[]> res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
            if (res.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + res.statusCode());
            }
            return res.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("request failed: " + e, e);
        }
    }

    HttpResponse<String> post(String path, String token, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::setHeader);
        return send(b.build());
    }

    HttpResponse<byte[]> postBytes(String path, String token, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::setHeader);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("request failed: " + e, e);
        }
    }

    HttpResponse<String> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("request failed: " + e, e);
        }
    }

    /** A fresh serialized public context (what a client registers as its key set). */
    static byte[] newKeySet(String preset) {
        try (CkksContext ctx = CkksContext.create(preset)) {
            KeyGenerator kg = new KeyGenerator(ctx);
            try (SecretKey sk = kg.secretKey(); PublicKey pk = kg.publicKey(sk);
                 PublicContext pc = PublicContext.of(ctx, pk)) {
                return pc.toBytes();
            }
        }
    }

    @Override
    public void close() {
        server.close();
        http.close();
    }
}
