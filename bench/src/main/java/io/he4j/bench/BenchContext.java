package io.he4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a run reads from and writes to, and how thorough it is.
 *
 * @param quick   the short run (few reps, fewer cases): under 2 minutes
 * @param root    the repository root (holds pom.xml and the he4j launcher)
 * @param outDir  bench/results/&lt;timestamp&gt; (or --out)
 * @param dataDir ../shared/data beside the root, when present
 * @param log     progress messages (stderr)
 */
public record BenchContext(boolean quick, Path root, Path outDir, Optional<Path> dataDir, PrintStream log) {

    /** Raw outputs of the suites (Google Benchmark JSON, JMH JSON, logs), kept as evidence. */
    public Path rawDir() {
        Path raw = outDir.resolve("raw");
        try {
            Files.createDirectories(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + raw, e);
        }
        return raw;
    }

    /** The java binary of this JVM (forks and probes use the same JDK). */
    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's class path (the shaded CLI jar under ./he4j; target/classes + deps under Maven). */
    public static String classPath() {
        return System.getProperty("java.class.path");
    }

    public void progress(String message) {
        log.println("[bench] " + message);
        log.flush();
    }
}
