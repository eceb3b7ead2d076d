package io.he4j.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real he4j server in a JVM of its own, so a test can kill it with SIGKILL (no shutdown hook, no graceful
 * close: what a crash or a lost machine does) and start another on the same database.
 */
final class ChildServer implements AutoCloseable {
    private final Process process;
    final URI uri;
    final String replicaId;

    private ChildServer(Process process, URI uri, String replicaId) {
        this.process = process;
        this.uri = uri;
        this.replicaId = replicaId;
    }

    /** Starts {@link #main} with these configuration keys and waits until it listens. */
    static ChildServer start(Map<String, String> config) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), ChildServer.class.getName()));
        config.forEach((k, v) -> cmd.add(k + "=" + v));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("ready ")) {
                p.destroyForcibly();
                throw new IllegalStateException("child server did not start: " + line);
            }
            String[] f = line.split(" ");
            return new ChildServer(p, URI.create(f[1]), f[2]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server JVM", e);
        }
    }

    /** SIGKILL, then wait for the process to be gone. */
    void kill() {
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** Runs a server with the {@code key=value} arguments; prints "ready URI REPLICA" and serves until killed. */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> o = new java.util.HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            o.put(a.substring(0, eq), a.substring(eq + 1));
        }
        He4jServer s = He4jServer.start(ServerConfig.load(Optional.empty(), Map.of(), o));
        System.out.println("ready " + s.uri() + " " + s.replicaId());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
