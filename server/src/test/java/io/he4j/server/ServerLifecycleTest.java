package io.he4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restart keeps state; shutdown lets in-flight requests finish; HTTP/2. */
class ServerLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void restartKeepsTenantsAndKeySets(@TempDir Path dataDir) throws Exception {
        String token;
        String id;
        byte[] ks = TestServer.newKeySet("P2K-IFMA");
        try (TestServer s = TestServer.start(dataDir, Map.of())) {
            token = s.tenant("hospital", Role.CLIENT);
            HttpResponse<String> up = s.post("/v1/keysets", token, ks, Map.of());
            assertEquals(201, up.statusCode(), up.body());
            id = JSON.readTree(up.body()).get("id").asText();
        }
        try (TestServer s = TestServer.start(dataDir, Map.of())) {
            HttpResponse<String> list = s.get("/v1/keysets", token);
            assertEquals(200, list.statusCode(), list.body());
            assertTrue(list.body().contains(id), list.body());
            assertEquals(200, s.post("/v1/keysets", token, ks, Map.of()).statusCode(), "already stored");
            assertEquals(401, s.get("/v1/keysets", token + "x").statusCode());
        }
    }

    /** A body that trickles in: the request is still being received when shutdown starts. */
    static InputStream trickle(byte[] bytes, int pieces, long pauseMillis) {
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= bytes.length) {
                    return -1;
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int n = Math.min(len, Math.min(bytes.length - pos, bytes.length / pieces + 1));
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Test
    void shutdownLetsInFlightRequestsFinish(@TempDir Path dataDir) throws Exception {
        TestServer s = TestServer.start(dataDir, Map.of("shutdown.grace-period", "20s"));
        String token = s.tenant("hospital", Role.CLIENT);
        byte[] ks = TestServer.newKeySet("P2K-IFMA");
        HttpRequest slow = HttpRequest.newBuilder(s.uri("/v1/keysets")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> trickle(ks, 10, 150))).build();
        CompletableFuture<HttpResponse<String>> inFlight = s.http.sendAsync(slow, HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500); // the upload has started and is far from done
        java.net.URI health = s.uri("/health");
        long t0 = System.nanoTime();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
        HttpResponse<String> r = inFlight.get();
        assertEquals(201, r.statusCode(), r.body());
        closing.get();
        assertTrue(System.nanoTime() - t0 < 15e9, "shutdown waits for the request, not for the grace period");
        try (HttpClient fresh = HttpClient.newHttpClient()) {
            assertThrows(java.io.IOException.class, () -> fresh.send(
                    HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void http2ByUpgrade(@TempDir Path dataDir) throws Exception {
        try (TestServer s = TestServer.start(dataDir, Map.of());
             HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> first = h2.send(HttpRequest.newBuilder(s.uri("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, first.statusCode());
            HttpResponse<String> second = h2.send(HttpRequest.newBuilder(s.uri("/openapi")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, second.version());
        }
    }
}
