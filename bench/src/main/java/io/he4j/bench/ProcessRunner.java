package io.he4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external command with a deadline; stdout goes to a file, stderr to a log file. */
public final class ProcessRunner {
    /** How a command ended. */
    public record Outcome(int exitCode, boolean timedOut, Path stdout, Path stderr, double seconds) {
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        public String stdoutText() {
            return read(stdout);
        }

        /** The last lines of stderr, for error messages. */
        public String stderrTail() {
            String s = read(stderr);
            String[] lines = s.split("\n");
            int from = Math.max(0, lines.length - 8);
            return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length)).strip();
        }

        private static String read(Path p) {
            try {
                return Files.exists(p) ? Files.readString(p) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private ProcessRunner() {
    }

    public static Outcome run(List<String> command, Path workDir, Map<String, String> env, Duration timeout,
                              Path stdoutFile, Path stderrFile) {
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdoutFile.toFile()).redirectError(stderrFile.toFile());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            return new Outcome(done ? p.exitValue() : -1, !done, stdoutFile, stderrFile,
                    (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /** The command as one shell-readable line (for the report's "produced by"). */
    public static String display(List<String> command) {
        StringBuilder b = new StringBuilder();
        for (String a : command) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(a.matches("[A-Za-z0-9_./:=@,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }
}
