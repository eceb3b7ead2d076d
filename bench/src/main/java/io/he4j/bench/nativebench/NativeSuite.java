package io.he4j.bench.nativebench;

import io.he4j.bench.BenchContext;
import io.he4j.bench.ProcessRunner;
import io.he4j.bench.SuiteResult;
import io.he4j.bench.model.Backends;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.ResultsJson;
import io.he4j.bench.model.SuiteRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a Google Benchmark executable (own engine or SEAL backend) with JSON output and repetitions, and
 * turns its output into figures. Quick mode keeps the benchmarks the targets need at the smaller sizes.
 */
public final class NativeSuite {
    /** Everything the targets use, at both presets and both NTT sizes that have bars. */
    static final String QUICK_FILTER = "^(ntt_forward|ntt_inverse)(_scalar)?/(8192|16384)/(40|59)$|^ckks_.*/P8K$";

    private NativeSuite() {
    }

    public static SuiteResult run(BenchContext ctx, Path binary, String backend) {
        String suite = "native";
        Path raw = ctx.rawDir();
        String tag = Backends.SEAL.equals(backend) ? "seal" : "native";
        Path json = raw.resolve(tag + "-gbench.json");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--benchmark_out=" + json,
                "--benchmark_out_format=json", "--benchmark_report_aggregates_only=false",
                "--benchmark_display_aggregates_only=true"));
        if (ctx.quick()) {
            cmd.addAll(List.of("--benchmark_filter=" + QUICK_FILTER, "--benchmark_repetitions=3",
                    "--benchmark_min_time=0.05"));
        } else {
            cmd.addAll(List.of("--benchmark_repetitions=5", "--benchmark_min_time=0.2"));
        }
        String display = ProcessRunner.display(cmd);
        ctx.progress("native suite (" + backend + "): " + display);
        ProcessRunner.Outcome o = ProcessRunner.run(cmd, ctx.root(), Map.of(),
                Duration.ofMinutes(ctx.quick() ? 3 : 10), raw.resolve(tag + "-gbench.txt"),
                raw.resolve(tag + "-gbench.err"));
        if (!o.ok() && !Files.exists(json)) {
            return SuiteResult.failed(suite, binary.getFileName() + " failed (exit " + o.exitCode()
                    + (o.timedOut() ? ", timed out" : "") + "): " + o.stderrTail(), o.seconds(), display);
        }
        try {
            var doc = ResultsJson.mapper().readTree(json.toFile());
            List<Figure> figures = new ArrayList<>(GoogleBenchmarkJson.figures(doc, suite, backend, display));
            figures.addAll(GoogleBenchmarkJson.sizeCounters(doc, backend, display));
            String detail = figures.size() + " benchmarks from " + ctx.root().relativize(binary)
                    + (o.ok() ? "" : " (exited " + o.exitCode() + (o.timedOut() ? " after the time limit" : "")
                    + "; partial output kept)");
            return new SuiteResult(new SuiteRun(suite + "@" + backend, o.ok() ? SuiteRun.Status.RAN
                    : SuiteRun.Status.FAILED, detail, o.seconds(), display), figures);
        } catch (IOException e) {
            return SuiteResult.failed(suite, "unreadable benchmark JSON " + json + ": " + e.getMessage(), o.seconds(),
                    display);
        }
    }

    /** Locates (or builds) and runs the own-engine suite, then the SEAL one when it exists. */
    public static List<SuiteResult> runAll(BenchContext ctx, boolean build) {
        List<SuiteResult> out = new ArrayList<>();
        if (build) {
            Optional<String> err = NativeBinaries.build(ctx, true);
            if (err.isPresent()) {
                ctx.progress("native build: " + err.get());
                if (NativeBinaries.find(ctx.root(), NativeBinaries.OWN).isEmpty()) {
                    out.add(SuiteResult.skipped("native@he4j", err.get()));
                    return out;
                }
            }
        }
        Optional<Path> own = NativeBinaries.find(ctx.root(), NativeBinaries.OWN);
        if (own.isEmpty()) {
            out.add(SuiteResult.skipped("native@he4j", NativeBinaries.OWN + " not built (CMake found no Google "
                    + "Benchmark, or native/bench has no sources)"));
        } else {
            out.add(run(ctx, own.get(), Backends.OWN));
        }
        Optional<Path> seal = NativeBinaries.find(ctx.root(), NativeBinaries.SEAL);
        if (seal.isPresent()) {
            out.add(run(ctx, seal.get(), Backends.SEAL));
        } else {
            out.add(SuiteResult.skipped("native@seal", NativeBinaries.SEAL + " not built (SEAL backend needs "
                    + "Microsoft SEAL >= 4.1 found by CMake, e.g. CMAKE_PREFIX_PATH=/work/ext/install)"));
        }
        return out;
    }
}
