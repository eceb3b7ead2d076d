package io.he4j.server;

import com.sun.net.httpserver.HttpServer;
import io.he4j.ckks.SecretKey;
import io.he4j.ckks.SecretKeyAccess;
import io.he4j.client.He4jClient;
import io.he4j.client.RemoteModel;
import io.he4j.ml.data.Split;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK's requests, recorded by a loopback proxy between it and a real server, hold no secret key: no engine
 * object of the secret-key kind, and none of the bytes of the client's actual secret keys (read out of the SDK
 * by reflection after the run), while they do hold the ciphertexts and the public key set the server needs.
 */
class SdkSecretKeyTest {
    private static final int KIND_SECRET_KEY = 4;
    private static final int KIND_PUBLIC_KEY = 5;
    private static final int KIND_CIPHERTEXT = 3;

    @Test
    void noRequestBodyCarriesTheSecretKey(@TempDir Path dir) throws Exception {
        Split s = TestServer.cleveland();
        Path models = Files.createDirectories(dir.resolve("models"));
        // one hidden layer: single queries need no key (quadratic form); batches need a relinearization key
        ModelFile.write(Trainer.train(s.train(), TrainOptions.mlp(List.of(4), "square", 3).withMaxIterations(60)),
                models.resolve("mlp.json"));
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(dir.resolve("data"), models,
                Map.of("limits.body-bytes", "67108864"))) {
            String token = server.tenant("hospital", Role.CLIENT);
            HttpServer proxy = recordingProxy(server.server.uri(), bodies);
            try (He4jClient c = He4jClient.builder("http://127.0.0.1:" + proxy.getAddress().getPort())
                    .token(token).build(); RemoteModel m = c.model("mlp")) {
                double[][] rows = Arrays.copyOf(s.test().x(), 5);
                for (double[] row : rows) {
                    m.predict(row);
                }
                assertEquals(5, m.predictBatch(rows).size());
                List<byte[]> secrets = secretKeys(m);
                assertEquals(2, secrets.size(), "one key per query form");
                boolean sawCiphertext = false;
                boolean sawPublicKey = false;
                for (byte[] body : bodies) {
                    assertFalse(hasObjectOfKind(body, KIND_SECRET_KEY), "a request carries a secret-key object");
                    for (byte[] secret : secrets) {
                        byte[] payload = Arrays.copyOfRange(secret, 24, secret.length);
                        for (int at = 0; at + 16 <= payload.length; at += 16) {
                            byte[] window = Arrays.copyOfRange(payload, at, at + 16);
                            assertFalse(contains(body, window), "a request body holds secret-key bytes (offset "
                                    + at + " of the key's payload)");
                        }
                    }
                    sawCiphertext |= hasObjectOfKind(body, KIND_CIPHERTEXT);
                    sawPublicKey |= hasObjectOfKind(body, KIND_PUBLIC_KEY);
                }
                assertTrue(sawCiphertext && sawPublicKey, "the recording must hold the queries and the key set");
            } finally {
                proxy.stop(0);
            }
        }
    }

    /** Forwards every request to {@code target}, keeping a copy of each body. */
    private static HttpServer recordingProxy(URI target, List<byte[]> bodies) throws IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            bodies.add(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((k, v) -> {
                if (!List.of("host", "content-length", "connection").contains(k.toLowerCase())) {
                    v.forEach(value -> b.header(k, value));
                }
            });
            try {
                HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                r.headers().firstValue("content-type").ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
                exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(r.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            }
        });
        proxy.start();
        return proxy;
    }

    /** The serialized secret keys inside the SDK (single and batch forms), read by reflection. */
    private static List<byte[]> secretKeys(RemoteModel m) throws ReflectiveOperationException {
        Object modelClient = field(m, "client");
        List<byte[]> out = new ArrayList<>();
        for (String form : List.of("single", "batch")) {
            Object layoutClient = field(modelClient, form);
            if (layoutClient != null) {
                SecretKey sk = (SecretKey) field(field(layoutClient, "keys"), "secretKey");
                out.add(sk.toBytes(SecretKeyAccess.insecureExport()));
            }
        }
        return out;
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    /** Whether an engine object header ("HE4J", then the kind at offset 6) of {@code kind} occurs anywhere. */
    private static boolean hasObjectOfKind(byte[] body, int kind) {
        for (int i = 0; i + 24 <= body.length; i++) {
            if (body[i] == 'H' && body[i + 1] == 'E' && body[i + 2] == '4' && body[i + 3] == 'J'
                    && body[i + 6] == kind) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] body, byte[] window) {
        outer:
        for (int i = 0; i + window.length <= body.length; i++) {
            for (int j = 0; j < window.length; j++) {
                if (body[i + j] != window[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
