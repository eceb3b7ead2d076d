package io.he4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The commit a run measured: {@code git rev-parse HEAD}, with "-dirty" when tracked files had changes. */
public final class GitInfo {
    private GitInfo() {
    }

    public static String commit(Path root, Path scratch) {
        try {
            ProcessRunner.Outcome head = ProcessRunner.run(List.of("git", "rev-parse", "HEAD"), root, Map.of(),
                    Duration.ofSeconds(20), scratch.resolve("git-head.txt"), scratch.resolve("git-head.err"));
            if (!head.ok()) {
                return "unknown";
            }
            String sha = head.stdoutText().strip();
            ProcessRunner.Outcome st = ProcessRunner.run(List.of("git", "status", "--porcelain",
                    "--untracked-files=no"), root, Map.of(), Duration.ofSeconds(20), scratch.resolve("git-status.txt"),
                    scratch.resolve("git-status.err"));
            boolean dirty = st.ok() && !st.stdoutText().isBlank();
            Files.deleteIfExists(scratch.resolve("git-head.txt"));
            Files.deleteIfExists(scratch.resolve("git-head.err"));
            Files.deleteIfExists(scratch.resolve("git-status.err"));
            Files.deleteIfExists(scratch.resolve("git-status.txt"));
            return sha.isEmpty() ? "unknown" : sha + (dirty ? "-dirty" : "");
        } catch (Exception e) {
            return "unknown";
        }
    }
}
