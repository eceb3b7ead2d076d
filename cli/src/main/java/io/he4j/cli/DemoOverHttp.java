package io.he4j.cli;

import io.he4j.client.He4jClient;
import io.he4j.client.Prediction;
import io.he4j.client.RemoteModel;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.server.He4jServer;
import io.he4j.server.ServerConfig;
import io.he4j.server.auth.Role;
import io.he4j.server.db.TenantStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The demo's network part: a real he4j server on a loopback port (its own temporary data directory), the
 * demo's models deployed on it, and this process as the hospital: the client SDK encrypts each test patient,
 * sends it over HTTP, and decrypts the answer.
 */
final class DemoOverHttp {
    private DemoOverHttp() {
    }

    static void run(Map<String, TrainedModel> models, Dataset test, ProgressBar bar) {
        Path dir;
        try {
            dir = Files.createTempDirectory("he4j-demo");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the demo server", e);
        }
        try {
            Path modelDir = Files.createDirectories(dir.resolve("models"));
            models.forEach((id, m) -> ModelFile.write(m, modelDir.resolve(id + ".json")));
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("port", "0");
            settings.put("host", "127.0.0.1");
            settings.put("data-dir", dir.resolve("data").toString());
            settings.put("models-dir", modelDir.toString());
            bar.status("starting an he4j server on loopback...");
            try (He4jServer server = He4jServer.start(ServerConfig.load(Optional.empty(), Map.of(), settings))) {
                String token = new TenantStore(server.database()).create("demo-hospital", Role.CLIENT).token();
                System.out.println();
                System.out.println("Encrypted over HTTP: a real he4j server at " + server.uri() + " (this process is "
                        + "the hospital: the SDK encrypts, the server computes, the SDK decrypts):");
                System.out.println("| model | protocol | labels equal to plaintext | p50 ms per prediction | upload | reply |");
                System.out.println("|---|---|---:|---:|---:|---:|");
                try (He4jClient client = He4jClient.builder(server.uri().toString()).token(token).build()) {
                    for (Map.Entry<String, TrainedModel> e : models.entrySet()) {
                        predictAll(client, e.getKey(), e.getValue(), test, bar);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
    }

    private static void predictAll(He4jClient client, String id, TrainedModel m, Dataset test, ProgressBar bar) {
        try (RemoteModel remote = client.model(id)) {
            long[] nanos = new long[test.rows()];
            int agree = 0;
            for (int i = 0; i < test.rows(); i++) {
                long t0 = System.nanoTime();
                Prediction p = remote.predict(test.x()[i]);
                nanos[i] = System.nanoTime() - t0;
                agree += p.label() == m.predictLabel(test.x()[i]) ? 1 : 0;
                bar.update("encrypted predictions over HTTP (" + id + ")", i + 1, test.rows());
            }
            Arrays.sort(nanos);
            System.out.printf("| %s | %s, %s | %d / %d | %.3f | %,d B | %,d B |%n", id,
                    remote.manifest().single().kind(), remote.manifest().single().keys(), agree, test.rows(),
                    nanos[nanos.length / 2] / 1e6, remote.lastQueryBytes(), remote.lastReplyBytes());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
