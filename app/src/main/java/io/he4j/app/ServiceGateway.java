package io.he4j.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.client.FederationClient;
import io.he4j.client.He4jClient;
import io.he4j.client.KeyFile;
import io.he4j.client.Prediction;
import io.he4j.client.RecordCatalog;
import io.he4j.client.RecordResult;
import io.he4j.client.RemoteModel;
import io.he4j.client.ScoringJob;
import io.he4j.ml.MlException;
import io.he4j.protocol.ModelManifest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The app's side of the service: one SDK client (which generates and keeps the keys, per model, in this
 * process), plus the two read-only calls the SDK has no method for (the model list, and the plaintext endpoint
 * used for side-by-side evaluation when the provider enables it). Each model's {@link RemoteModel} is used under
 * its own lock (it is not thread-safe). Round-trip times are kept for the model page.
 *
 * <p>Each model's secret keys are kept in {@code DATA_DIR/keys/MODEL.keys} (owner-only, {@link KeyFile}): records
 * stored on the service stay decryptable after the app restarts. Keys made for another version of the model (a
 * redeploy) are moved aside to {@code MODEL.keys.replaced} and new ones made.
 */
public final class ServiceGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PLAIN_IN_FLIGHT = 16;

    private final String base;
    private final String token;
    private final He4jClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Held> models = new ConcurrentHashMap<>();
    private final Path keyDir;
    private final RecordCatalog catalog;
    private final FederationClient federations;

    /** One predicted patient and what crossed the wire for it. */
    public record Outcome(Prediction prediction, int queryBytes, int replyBytes, Optional<String> keySetId,
                          long roundTripNanos) {
    }

    private static final class Held {
        final ReentrantLock lock = new ReentrantLock();
        final RemoteModel model;
        final LatencyLog latencies = new LatencyLog(500);

        Held(RemoteModel model) {
            this.model = model;
        }
    }

    /** @param keyDir where the models' secret keys are kept (created owner-only when first needed) */
    public ServiceGateway(String serverUrl, String token, Path keyDir) {
        this.base = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        this.token = token;
        this.keyDir = keyDir;
        this.client = He4jClient.builder(base).token(token).build();
        this.catalog = new RecordCatalog(client);
        this.federations = new FederationClient(client);
    }

    /** The file holding a model's secret keys. */
    public Path keyFile(String modelId) {
        return keyDir.resolve(modelId + ".keys");
    }

    /** The tenant's stored records and jobs across models (no keys needed). */
    public RecordCatalog catalog() {
        return catalog;
    }

    /** The federation endpoints, as this tenant. */
    public FederationClient federations() {
        return federations;
    }

    /**
     * Encrypts {@code rows} here and stores them as records with the ids `./he4j records upload` gives
     * ({@link io.he4j.client.RowRecordIds}): one per row, or one per batch capacity of rows when {@code batch}.
     * {@code progress} hears the rows stored so far.
     *
     * @return the count of each outcome: created, replaced, unchanged
     */
    public int[] uploadRecords(String id, double[][] rows, boolean batch, boolean replace,
                               java.util.function.IntConsumer progress) {
        int[] outcomes = new int[3];
        int step = batch ? withModel(id, RemoteModel::batchCapacity) : 1;
        for (int start = 0; start < rows.length; start += step) {
            int first = start;
            int end = Math.min(rows.length, start + step);
            String outcome = withModel(id, m -> batch
                    ? m.uploadBatchRecord(io.he4j.client.RowRecordIds.batch(first + 1, end),
                    java.util.Arrays.copyOfRange(rows, first, end), "", replace)
                    : m.uploadRecord(io.he4j.client.RowRecordIds.single(first + 1), rows[first], "", replace));
            outcomes[switch (outcome) {
                case "created" -> 0;
                case "replaced" -> 1;
                default -> 2;
            }]++;
            progress.accept(end);
        }
        return outcomes;
    }

    /** Starts a scoring job over every record of the model the tenant stored. */
    public ScoringJob score(String id) {
        return withModel(id, RemoteModel::score);
    }

    /** A job's encrypted results, downloaded and decrypted here with the model's kept keys. */
    public List<RecordResult> results(String id, String jobId) {
        return withModel(id, m -> m.results(jobId));
    }

    /** The deployed models' manifests. */
    public List<ModelManifest> list() {
        JsonNode root = getJson("/v1/models");
        List<ModelManifest> out = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            out.add(ModelManifest.fromJson(m.toString()));
        }
        return out;
    }

    /** The manifest the app encrypts for (fetched once per model, with fresh keys). */
    public ModelManifest manifest(String id) {
        return held(id).model.manifest();
    }

    public Outcome predict(String id, double[] features) {
        LatencyLog latencies = latencies(id);
        return withModel(id, m -> {
            long t0 = System.nanoTime();
            Prediction p = m.predict(features);
            long dt = System.nanoTime() - t0;
            latencies.add(dt);
            return new Outcome(p, m.lastQueryBytes(), m.lastReplyBytes(), m.keySetId(), dt);
        });
    }

    /** Encrypted batch predictions (one request per batch capacity). */
    public List<Prediction> predictBatch(String id, double[][] rows) {
        return withModel(id, m -> m.predictBatch(rows));
    }

    /**
     * Runs {@code call} on the model under its lock (the SDK's model is not thread-safe). What the service
     * refuses (a 4xx problem, e.g. 409 no-statistical-privacy for a batch form it does not answer) becomes this
     * page's error with the service's reason; 401/403 mean the app's own token is wrong (502).
     */
    private <T> T withModel(String id, java.util.function.Function<RemoteModel, T> call) {
        Held h = held(id);
        h.lock.lock();
        try {
            return call.apply(h.model);
        } catch (io.he4j.client.He4jServiceException e) {
            if (e.status() >= 400 && e.status() < 500) {
                throw new io.he4j.web.PageException(e.status() == 401 || e.status() == 403 ? 502 : e.status(),
                        "the service refused: " + e.getMessage());
            }
            throw e;
        } finally {
            h.lock.unlock();
        }
    }

    public LatencyLog latencies(String id) {
        return held(id).latencies;
    }

    /**
     * Plaintext scores from the provider's predict-plain endpoint, or empty when the provider has it off (its
     * default: it exists for side-by-side evaluation only; the patient rows then travel in clear).
     */
    public Optional<double[][]> plainScores(String id, double[][] rows) {
        double[][] out = new double[rows.length][];
        URI uri = URI.create(base + "/v1/models/" + id + "/predict-plain");
        // one row per request (the endpoint's form), PLAIN_IN_FLIGHT at a time
        for (int start = 0; start < rows.length; start += PLAIN_IN_FLIGHT) {
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = start; i < Math.min(rows.length, start + PLAIN_IN_FLIGHT); i++) {
                inFlight.add(http.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(plainBody(rows[i]))).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (int k = 0; k < inFlight.size(); k++) {
                HttpResponse<String> r;
                try {
                    r = inFlight.get(k).join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw new java.io.UncheckedIOException("cannot reach the service at " + base,
                            e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
                }
                if (r.statusCode() == 404 && r.body().contains("endpoint-disabled")) {
                    return Optional.empty();
                }
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("predict-plain answered " + r.statusCode());
                }
                out[start + k] = scores(r.body());
            }
        }
        return Optional.of(out);
    }

    private static String plainBody(double[] row) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode f = body.putArray("features");
        for (double v : row) {
            if (Double.isNaN(v)) {
                f.addNull();
            } else {
                f.add(v);
            }
        }
        return body.toString();
    }

    private static double[] scores(String json) {
        try {
            JsonNode s = JSON.readTree(json).path("scores");
            double[] out = new double[s.size()];
            for (int k = 0; k < s.size(); k++) {
                out[k] = s.get(k).asDouble();
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("predict-plain: unreadable answer", e);
        }
    }

    private Held held(String id) {
        try {
            return models.computeIfAbsent(id, k -> new Held(open(k)));
        } catch (io.he4j.client.He4jServiceException e) {
            if (e.status() == 404) {
                throw new io.he4j.web.PageException(404, "the service has no model '" + id + "'");
            }
            throw e;
        }
    }

    /** The model with its kept keys, or with new keys saved before anything is encrypted under them. */
    private RemoteModel open(String id) {
        Path file = keyFile(id);
        char[] passphrase = KeyFile.passphraseFromEnvironment();
        try {
            return open(id, file, passphrase);
        } finally {
            if (passphrase != null) {
                java.util.Arrays.fill(passphrase, '\0');
            }
        }
    }

    private RemoteModel open(String id, Path file, char[] passphrase) {
        java.util.Optional<byte[]> saved;
        try {
            saved = KeyFile.read(file, passphrase);
        } catch (IllegalStateException e) {
            // sealed and not opened: never replace keys that stored records may need; the operator must act
            throw new io.he4j.web.PageException(503, e.getMessage() + " (the app reads the passphrase from "
                    + KeyFile.PASSPHRASE_ENV + ")");
        }
        if (saved.isPresent()) {
            try {
                return client.model(id, saved.get());
            } catch (MlException e) {
                // keys of an earlier version of the model (or not a key file): keep them aside, start anew
                System.getLogger(ServiceGateway.class.getName()).log(System.Logger.Level.WARNING,
                        "key file " + file + " not usable (" + e.getMessage() + "); moved to " + file + ".replaced");
                try {
                    Files.move(file, file.resolveSibling(file.getFileName() + ".replaced"),
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException io) {
                    throw new java.io.UncheckedIOException("cannot move the key file " + file + " aside", io);
                }
            } finally {
                java.util.Arrays.fill(saved.get(), (byte) 0);
            }
        }
        RemoteModel m = client.model(id);
        KeyFile.write(file, m.exportKeys(), passphrase);
        return m;
    }

    private JsonNode getJson(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).GET().build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": unreadable JSON", e);
        }
    }

    private HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot reach the service at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        models.values().forEach(h -> h.model.close());
        client.close();
        http.close();
    }
}
