package io.he4j.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the hospital app runs.
 *
 * @param serverUrl     the he4j inference service
 * @param token         the hospital's API token for it (kept in this process only; never sent to the browser)
 * @param dataDir       holds the local users file
 * @param host          address to bind (loopback by default: the app serves the hospital's own machine)
 * @param port          port (0 = any free one)
 * @param secureCookies mark the session cookie Secure (set when the app is reached over TLS, e.g. behind a proxy)
 * @param lockout       how long a login name stays locked after 5 wrong passwords
 */
public record AppConfig(String serverUrl, String token, Path dataDir, String host, int port, boolean secureCookies,
                        Duration lockout) {
    public static final int MAX_LOGIN_FAILURES = 5;

    public AppConfig {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(dataDir, "dataDir");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the app needs the hospital's API token (--token or HE4J_TOKEN)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    public static AppConfig of(String serverUrl, String token, Path dataDir, int port) {
        return new AppConfig(serverUrl, token, dataDir, "127.0.0.1", port, false, Duration.ofMinutes(15));
    }

    @Override
    public String toString() {
        return "AppConfig[server=" + serverUrl + ", token=***, dataDir=" + dataDir + ", " + host + ":" + port + "]";
    }
}
