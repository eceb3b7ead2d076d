package io.he4j.bench.load;

import io.he4j.protocol.KeySetId;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Registers a benchmark client's key set with the service (every model's replies are re-randomized under the
 * client's public key, so encrypted queries name it in {@value #HEADER}) and gives the id to name.
 */
public final class ServiceKeySet {
    public static final String HEADER = "He4j-Key-Set";

    private ServiceKeySet() {
    }

    public static String register(URI service, String token, byte[] keySet) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(service.resolve("/v1/keysets"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(keySet)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("key set registration: HTTP " + r.statusCode() + " " + r.body());
            }
        }
        return KeySetId.of(keySet);
    }
}
