package io.he4j.bench.nativebench;

import io.he4j.bench.BenchContext;
import io.he4j.bench.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds and finds the Google Benchmark executables ({@code he4j_native_bench}, and {@code he4j_seal_bench}
 * when the SEAL backend can be built). The runner keeps its own Release build with benchmarks on,
 * build/bench-native, and brings it up to date (incrementally) before each run, so the numbers are those of
 * the sources checked out; with --no-build it uses what build/bench-native or build/native already hold.
 */
public final class NativeBinaries {
    public static final String OWN = "he4j_native_bench";
    public static final String SEAL = "he4j_seal_bench";
    private NativeBinaries() {
    }

    public static Optional<Path> find(Path root, String name) {
        for (String dir : List.of("build/bench-native", "build/native")) {
            Path d = root.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(d, 4)) {
                Optional<Path> hit = s.filter(p -> p.getFileName().toString().equals(name))
                        .filter(Files::isRegularFile).filter(Files::isExecutable).findFirst();
                if (hit.isPresent()) {
                    return hit;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot search " + d, e);
            }
        }
        return Optional.empty();
    }

    /**
     * Configures and builds build/bench-native (benchmarks on, tests off): the own suite, and the SEAL suite
     * when SEAL is installed. Returns an error description, or empty on success.
     */
    public static Optional<String> build(BenchContext ctx, boolean withSeal) {
        Path root = ctx.root();
        Path dir = root.resolve("build/bench-native");
        List<String> configure = new ArrayList<>(List.of("cmake", "-S", root.toString(), "-B", dir.toString(),
                "-DCMAKE_BUILD_TYPE=Release", "-DHE4J_BUILD_TESTS=OFF", "-DHE4J_BUILD_BENCH=ON"));
        // SEAL, when installed, is found by CMake through the standard CMAKE_PREFIX_PATH / SEAL_DIR environment.
        if (!withSeal) {
            configure.add("-DCMAKE_DISABLE_FIND_PACKAGE_SEAL=ON");
        }
        ctx.progress("building the native benchmarks in " + dir + " (incremental; the first time takes minutes)...");
        Path raw = ctx.rawDir();
        ProcessRunner.Outcome c = ProcessRunner.run(configure, root, Map.of(), Duration.ofMinutes(5),
                raw.resolve("cmake-configure.log"), raw.resolve("cmake-configure.err"));
        if (!c.ok()) {
            return Optional.of("cmake configure failed: " + c.stderrTail());
        }
        List<String> targets = new ArrayList<>(List.of("cmake", "--build", dir.toString(), "--parallel", "2",
                "--target", OWN));
        ProcessRunner.Outcome b = ProcessRunner.run(targets, root, Map.of(), Duration.ofMinutes(20),
                raw.resolve("cmake-build.log"), raw.resolve("cmake-build.err"));
        if (!b.ok()) {
            return Optional.of("cmake build of " + OWN + " failed (is libbenchmark-dev installed?): " + b.stderrTail());
        }
        if (withSeal && sealConfigured(dir)) {
            // The SEAL bench exists only when CMake found SEAL (the configure step says so in its cache).
            ProcessRunner.run(List.of("cmake", "--build", dir.toString(), "--parallel", "2", "--target", SEAL), root,
                    Map.of(), Duration.ofMinutes(20), raw.resolve("cmake-build-seal.log"),
                    raw.resolve("cmake-build-seal.err"));
        }
        return Optional.empty();
    }

    private static boolean sealConfigured(Path buildDir) {
        try {
            return Files.readString(buildDir.resolve("CMakeCache.txt")).lines()
                    .anyMatch(l -> l.startsWith("SEAL_DIR:") && !l.endsWith("-NOTFOUND"));
        } catch (IOException e) {
            return false;
        }
    }
}
