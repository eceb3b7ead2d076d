package io.he4j.bench.records;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own for one benchmark run (Debian's postgresql: initdb, pg_ctl), on a loopback
 * port, trust authentication for the user he4j, stopped and removed by {@link #close}. Durable commits
 * (fsync on), unlike the test clusters: ingest rates must include them.
 */
final class ThrowawayCluster implements AutoCloseable {
    final String url;
    private final Path dir;
    private final Path bin;
    private final List<String> asUser;

    ThrowawayCluster() throws IOException, InterruptedException {
        bin = findBin();
        asUser = "root".equals(System.getProperty("user.name")) ? List.of("runuser", "-u", "postgres", "--")
                : List.of();
        dir = Files.createTempDirectory("he4j-bench-pg");
        if (!asUser.isEmpty()) {
            Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "he4j",
                "--encoding=UTF8");
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-l",
                dir.resolve("log").toString(), "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
                "start");
        url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static Path findBin() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Path::compareTo).orElseThrow(() -> new IOException("no PostgreSQL under /usr/lib/postgresql"));
        }
    }

    private void run(String... cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(asUser);
        full.addAll(List.of(cmd));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("failed: " + String.join(" ", cmd));
        }
    }

    @Override
    public void close() {
        try {
            run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
        } catch (IOException | InterruptedException e) {
            // best effort: the directory is temporary
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
