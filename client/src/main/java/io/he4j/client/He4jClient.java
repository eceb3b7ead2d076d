package io.he4j.client;

import io.he4j.protocol.ModelManifest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection to an he4j inference service: the URL and the tenant's API token. Models are opened with
 * {@link #model(String)}; each holds its own keys. One {@link HttpClient} (connection reuse, HTTP/2 where the
 * server offers it) serves every model. Requests are retried only where repeating them is harmless: every he4j
 * call is (manifests and predictions are pure reads; key-set registration is content-addressed), on connection
 * failures and 503. Thread-safe; the models it opens are not (one per thread).
 */
public final class He4jClient implements AutoCloseable {
    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern PROBLEM_DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final int retries;
    private final HttpClient http;

    private He4jClient(Builder b) {
        this.base = b.base;
        this.token = b.token;
        this.timeout = b.timeout;
        this.retries = b.retries;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).version(HttpClient.Version.HTTP_1_1)
                .executor(Runnable::run).build();
    }

    /** @param baseUrl the service, e.g. {@code http://127.0.0.1:8080} */
    public static Builder builder(String baseUrl) {
        return new Builder(URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl));
    }

    /** Fetches the model's manifest and makes a client for it (keys are generated on first use). */
    public RemoteModel model(String modelId) {
        if (!modelId.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new IllegalArgumentException("model ids are 1-128 letters, digits, '.', '_' or '-': " + modelId);
        }
        String json = new String(send(get("/v1/models/" + modelId)), StandardCharsets.UTF_8);
        return new RemoteModel(this, ModelManifest.fromJson(json));
    }

    /**
     * The model with the secret keys {@link RemoteModel#exportKeys} saved earlier (for the live version the
     * keys were made for): to decrypt the scores of records stored with them.
     */
    public RemoteModel model(String modelId, byte[] savedKeys) {
        if (!modelId.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new IllegalArgumentException("model ids are 1-128 letters, digits, '.', '_' or '-': " + modelId);
        }
        String json = new String(send(get("/v1/models/" + modelId)), StandardCharsets.UTF_8);
        return new RemoteModel(this, io.he4j.ml.he.ModelClient.withKeys(ModelManifest.fromJson(json), savedKeys));
    }

    HttpRequest get(String path) {
        return request(path).GET().build();
    }

    HttpRequest postBytes(String path, byte[] body, String... headers) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    HttpRequest putBytes(String path, byte[] body, String... headers) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    HttpRequest postJson(String path, String json) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    HttpRequest delete(String path) {
        return request(path).DELETE().build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token);
    }

    /** Sends with retries on connection failures and 503; a 2xx body, or a {@link He4jServiceException}. */
    byte[] send(HttpRequest request) {
        IOException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() / 100 == 2) {
                    return r.body();
                }
                He4jServiceException e = problem(r.statusCode(), r.body());
                if (r.statusCode() != 503 || attempt == retries) {
                    throw e;
                }
            } catch (ConnectException | HttpTimeoutException e) {
                last = e;
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while calling " + request.uri(), e);
            }
            pause(attempt);
        }
        throw new java.io.UncheckedIOException("cannot reach " + request.uri() + " after " + (retries + 1)
                + " attempts", Objects.requireNonNull(last));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L << Math.min(attempt, 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An RFC 9457 problem body to an exception (read without a JSON library: two string fields). */
    static He4jServiceException problem(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Matcher type = PROBLEM_TYPE.matcher(text);
        Matcher detail = PROBLEM_DETAIL.matcher(text);
        String code = type.find() ? type.group(1).replaceFirst("^.*[/:]", "") : "http-" + status;
        String message = detail.find() ? detail.group(1).replace("\\\"", "\"").replace("\\\\", "\\")
                : text.length() > 200 ? text.substring(0, 200) : text;
        return new He4jServiceException(status, code, message);
    }

    @Override
    public void close() {
        http.close();
    }

    /** Connection settings; the token is required. */
    public static final class Builder {
        private final URI base;
        private String token;
        private Duration timeout = Duration.ofSeconds(30);
        private int retries = 2;

        private Builder(URI base) {
            this.base = base;
        }

        /** The tenant's API token (sent as {@code Authorization: Bearer}). */
        public Builder token(String token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /** Connect and request timeout (default 30 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Further attempts after a connection failure or a 503 (default 2). */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be >= 0");
            }
            this.retries = retries;
            return this;
        }

        public He4jClient build() {
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("an API token is required (He4jClient.builder(url).token(...))");
            }
            return new He4jClient(this);
        }
    }
}
