package io.he4j.server;

import io.he4j.ml.he.ModelPrivacy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Everything the service can be told, in one record. Sources, later ones winning: built-in defaults, a
 * properties file ({@code --config FILE}), environment variables ({@code HE4J_} + the key in upper case with
 * {@code .} and {@code -} as {@code _}, e.g. {@code HE4J_LIMITS_BODY_BYTES}), command-line overrides.
 * The keys are listed in {@link #KEYS} and documented in docs/server.md. Passwords never appear in
 * {@link #toString()}.
 *
 * @param host                 address to bind (default 127.0.0.1)
 * @param port                 TCP port; 0 picks a free one
 * @param dataDir              holds the embedded SQLite database
 * @param modelsDir            model files to deploy ({@code ./he4j train} output), if any
 * @param databaseUrl          a JDBC URL (PostgreSQL); empty: SQLite in {@code dataDir}
 * @param databaseUser         user for {@code databaseUrl}
 * @param databasePassword     password for {@code databaseUrl}
 * @param tlsKeystore          PKCS12 keystore with the server's key and certificate; empty: plain HTTP
 * @param tlsKeystorePassword  its password
 * @param maxBodyBytes         cap on a request body (queries, batches, JSON)
 * @param maxKeySetBytes       cap on one uploaded key set
 * @param keySetsPerTenant     how many key sets a tenant may hold
 * @param keySetBytesPerTenant how many bytes of key sets a tenant may hold
 * @param keySetMaxAge         key sets unused for longer are evicted
 * @param ratePerSecond        per-tenant sustained request rate (token bucket)
 * @param rateBurst            per-tenant burst (bucket size)
 * @param concurrentPerTenant  per-tenant requests in flight
 * @param concurrentKeySetUploads key-set uploads in flight server-wide (each buffers up to maxKeySetBytes)
 * @param requestTimeout       deadline for receiving a request body: a client that stalls is cut off (408)
 * @param shutdownGrace        how long in-flight requests may take to finish on shutdown
 * @param predictPlainEnabled  whether {@code POST /v1/models/{id}/predict-plain} answers (off by default)
 * @param modelPrivacyDisabledForTrustedClients true weakens every deployed model: replies are neither
 *                             re-randomized nor flooded, so any client can read the weights from one reply
 *                             (key {@code model-privacy.disable-for-trusted-clients}, default false)
 * @param unboundedRepliesAllowed true also answers query forms whose replies have no statistical privacy bound
 *                             (key {@code model-privacy.allow-replies-without-statistical-bound}, default false)
 * @param jobLease             how long a replica holds a scoring job between checkpoints before another may take it
 */
public record ServerConfig(String host, int port, Path dataDir, Optional<Path> modelsDir, String databaseUrl,
                           String databaseUser, String databasePassword, Optional<Path> tlsKeystore,
                           String tlsKeystorePassword, long maxBodyBytes, long maxKeySetBytes, int keySetsPerTenant,
                           long keySetBytesPerTenant, Duration keySetMaxAge, double ratePerSecond, int rateBurst,
                           int concurrentPerTenant, int concurrentKeySetUploads, Duration requestTimeout, Duration shutdownGrace,
                           boolean predictPlainEnabled, boolean modelPrivacyDisabledForTrustedClients,
                           boolean unboundedRepliesAllowed, Duration jobLease) {

    /** The largest body the service buffers (a Java array's practical limit, rounded down). */
    public static final long MAX_BUFFER = 1L << 30;

    /** Every key with its default ("" = unset). */
    public static final Map<String, String> KEYS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("host", "127.0.0.1");
        d.put("port", "8080");
        d.put("data-dir", "he4j-data");
        d.put("models-dir", "");
        d.put("database.url", "");
        d.put("database.user", "");
        d.put("database.password", "");
        d.put("tls.keystore", "");
        d.put("tls.keystore-password", "");
        d.put("limits.body-bytes", "16777216");
        d.put("limits.keyset-bytes", "67108864");
        d.put("limits.keysets-per-tenant", "16");
        d.put("limits.keyset-bytes-per-tenant", "268435456");
        d.put("limits.keyset-max-age", "30d");
        d.put("limits.rate-per-second", "100000");
        d.put("limits.rate-burst", "20000");
        d.put("limits.concurrent-per-tenant", "256");
        d.put("limits.concurrent-keyset-uploads", "4");
        d.put("limits.request-timeout", "30s");
        d.put("shutdown.grace-period", "10s");
        d.put("predict-plain.enabled", "false");
        d.put("model-privacy.disable-for-trusted-clients", "false");
        d.put("model-privacy.allow-replies-without-statistical-bound", "false");
        d.put("jobs.lease", "30s");
        return Map.copyOf(d);
    }

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        positive("limits.body-bytes", maxBodyBytes);
        positive("limits.keyset-bytes", maxKeySetBytes);
        positive("limits.keysets-per-tenant", keySetsPerTenant);
        positive("limits.keyset-bytes-per-tenant", keySetBytesPerTenant);
        positive("limits.rate-burst", rateBurst);
        positive("limits.concurrent-per-tenant", concurrentPerTenant);
        positive("limits.concurrent-keyset-uploads", concurrentKeySetUploads);
        if (maxBodyBytes > MAX_BUFFER || maxKeySetBytes > MAX_BUFFER) {
            throw new IllegalArgumentException("limits.body-bytes and limits.keyset-bytes must be <= " + MAX_BUFFER);
        }
        if (jobLease.toMillis() < 100) {
            throw new IllegalArgumentException("jobs.lease must be at least 100ms, got " + jobLease);
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("limits.rate-per-second must be > 0, got " + ratePerSecond);
        }
    }

    /** Defaults only (tests and embedding start here and use {@link #load}'s overrides). */
    public static ServerConfig defaultConfig() {
        return load(Optional.empty(), Map.of(), Map.of());
    }

    /**
     * Builds the configuration from the file (if given), the environment and the overrides, in that order of
     * increasing precedence. Unknown keys are refused, so a typo does not silently leave a default in force.
     */
    public static ServerConfig load(Optional<Path> file, Map<String, String> environment,
                                    Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>(KEYS);
        file.ifPresent(f -> putAll(v, readProperties(f), "config file " + f));
        for (String key : KEYS.keySet()) {
            String env = environment.get(envName(key));
            if (env != null) {
                v.put(key, env);
            }
        }
        putAll(v, overrides, "command line");
        return fromMap(v);
    }

    /** The environment variable for a key: {@code limits.body-bytes} is {@code HE4J_LIMITS_BODY_BYTES}. */
    public static String envName(String key) {
        return "HE4J_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A copy with other values for some keys (same names as the file). */
    public ServerConfig with(Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>(toMap());
        putAll(v, overrides, "override");
        return fromMap(v);
    }

    /** What the two model-privacy keys make of deployed models' replies; disabling wins over allowing. */
    public ModelPrivacy modelPrivacy() {
        return modelPrivacyDisabledForTrustedClients ? ModelPrivacy.DISABLED
                : unboundedRepliesAllowed ? ModelPrivacy.ALLOW_UNBOUNDED_FORMS : ModelPrivacy.STATISTICAL;
    }

    public boolean tlsEnabled() {
        return tlsKeystore.isPresent();
    }

    private Map<String, String> toMap() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("host", host);
        v.put("port", Integer.toString(port));
        v.put("data-dir", dataDir.toString());
        v.put("models-dir", modelsDir.map(Path::toString).orElse(""));
        v.put("database.url", databaseUrl);
        v.put("database.user", databaseUser);
        v.put("database.password", databasePassword);
        v.put("tls.keystore", tlsKeystore.map(Path::toString).orElse(""));
        v.put("tls.keystore-password", tlsKeystorePassword);
        v.put("limits.body-bytes", Long.toString(maxBodyBytes));
        v.put("limits.keyset-bytes", Long.toString(maxKeySetBytes));
        v.put("limits.keysets-per-tenant", Integer.toString(keySetsPerTenant));
        v.put("limits.keyset-bytes-per-tenant", Long.toString(keySetBytesPerTenant));
        v.put("limits.keyset-max-age", keySetMaxAge.toString());
        v.put("limits.rate-per-second", Double.toString(ratePerSecond));
        v.put("limits.rate-burst", Integer.toString(rateBurst));
        v.put("limits.concurrent-per-tenant", Integer.toString(concurrentPerTenant));
        v.put("limits.concurrent-keyset-uploads", Integer.toString(concurrentKeySetUploads));
        v.put("limits.request-timeout", requestTimeout.toString());
        v.put("shutdown.grace-period", shutdownGrace.toString());
        v.put("predict-plain.enabled", Boolean.toString(predictPlainEnabled));
        v.put("model-privacy.disable-for-trusted-clients", Boolean.toString(modelPrivacyDisabledForTrustedClients));
        v.put("model-privacy.allow-replies-without-statistical-bound", Boolean.toString(unboundedRepliesAllowed));
        v.put("jobs.lease", jobLease.toString());
        return v;
    }

    private static ServerConfig fromMap(Map<String, String> v) {
        return new ServerConfig(v.get("host"), integer(v, "port"), Path.of(v.get("data-dir")),
                optionalPath(v.get("models-dir")), v.get("database.url"), v.get("database.user"),
                v.get("database.password"), optionalPath(v.get("tls.keystore")), v.get("tls.keystore-password"),
                longValue(v, "limits.body-bytes"), longValue(v, "limits.keyset-bytes"),
                integer(v, "limits.keysets-per-tenant"), longValue(v, "limits.keyset-bytes-per-tenant"),
                duration(v, "limits.keyset-max-age"), decimal(v, "limits.rate-per-second"),
                integer(v, "limits.rate-burst"), integer(v, "limits.concurrent-per-tenant"),
                integer(v, "limits.concurrent-keyset-uploads"),
                duration(v, "limits.request-timeout"), duration(v, "shutdown.grace-period"),
                bool(v, "predict-plain.enabled"), bool(v, "model-privacy.disable-for-trusted-clients"),
                bool(v, "model-privacy.allow-replies-without-statistical-bound"), duration(v, "jobs.lease"));
    }

    private static void putAll(Map<String, String> target, Map<String, String> source, String origin) {
        for (var e : source.entrySet()) {
            if (!KEYS.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown configuration key '" + e.getKey() + "' in " + origin
                        + "; known keys: " + KEYS.keySet());
            }
            target.put(e.getKey(), e.getValue().trim());
        }
    }

    private static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        Set<String> names = p.stringPropertyNames();
        for (String n : names) {
            m.put(n, p.getProperty(n));
        }
        return m;
    }

    private static Optional<Path> optionalPath(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(Path.of(s));
    }

    private static int integer(Map<String, String> v, String key) {
        long x = longValue(v, key);
        if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " is out of range: " + x);
        }
        return (int) x;
    }

    private static long longValue(Map<String, String> v, String key) {
        try {
            return Long.parseLong(v.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v.get(key) + "'");
        }
    }

    private static double decimal(Map<String, String> v, String key) {
        try {
            return Double.parseDouble(v.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v.get(key) + "'");
        }
    }

    private static boolean bool(Map<String, String> v, String key) {
        String s = v.get(key).toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got '" + v.get(key) + "'");
        }
        return Boolean.parseBoolean(s);
    }

    /** ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 30d}. */
    static Duration duration(Map<String, String> v, String key) {
        String s = v.get(key).trim();
        try {
            if (s.startsWith("P") || s.startsWith("p")) {
                return Duration.parse(s);
            }
            int split = 0;
            while (split < s.length() && Character.isDigit(s.charAt(split))) {
                split++;
            }
            long n = Long.parseLong(s.substring(0, split));
            return switch (s.substring(split)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 30s, 10m, 30d or PT30S, got '"
                    + s + "'");
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, got " + value);
        }
    }

    @Override
    public String toString() {
        Map<String, String> v = toMap();
        v.replace("database.password", databasePassword.isEmpty() ? "" : "***");
        v.replace("tls.keystore-password", tlsKeystorePassword.isEmpty() ? "" : "***");
        return "ServerConfig" + v;
    }
}
