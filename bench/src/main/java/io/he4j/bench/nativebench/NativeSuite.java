package io.he4j.bench.nativebench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Runs the Google Benchmark executables with JSON output and repetitions and turns their output into
 * figures. The ring benchmarks run once (own engine only); the CKKS benchmarks of the own engine and of
 * the SEAL backend run in interleaved rounds (own, SEAL, own, SEAL, ...) so both see the same machine load,
 * and each backend's repetitions from all rounds are pooled. Quick mode keeps what the targets need at P8K.
 */
public final class NativeSuite {
    static final String RING_FILTER_QUICK = "^(ntt_forward|ntt_inverse)(_scalar)?/(8192|16384)/(40|59)$";
    static final String RING_FILTER_FULL = "^(ntt_|mulmod)";
    static final String CKKS_FILTER_QUICK = "^ckks_.*/P8K$";
    static final String CKKS_FILTER_FULL = "^ckks_";

    /** One invocation's settings. */
    record Invocation(String filter, int repetitions, double minTime, String tag) {
    }

    private NativeSuite() {
    }

    /** Locates (and, when asked, builds) the executables and runs the suites. */
    public static List<SuiteResult> runAll(BenchContext ctx, boolean build) {
        List<SuiteResult> out = new ArrayList<>();
        if (build) {
            long t0 = System.nanoTime();
            Optional<String> err = NativeBinaries.build(ctx, true);
            double secs = (System.nanoTime() - t0) / 1e9;
            String cmd = "cmake -S . -B build/bench-native -DHE4J_BUILD_BENCH=ON ... && cmake --build build/bench-native";
            out.add(new SuiteResult(new SuiteRun("native-build", err.isPresent() ? SuiteRun.Status.FAILED
                    : SuiteRun.Status.RAN, err.orElse("build/bench-native up to date (not part of the benchmark "
                    + "budget)"), secs, cmd), List.of()));
        }
        Optional<Path> own = NativeBinaries.find(ctx.root(), NativeBinaries.OWN);
        Optional<Path> seal = NativeBinaries.find(ctx.root(), NativeBinaries.SEAL);
        if (own.isEmpty()) {
            out.add(SuiteResult.skipped("native@he4j", NativeBinaries.OWN + " not built (CMake found no Google "
                    + "Benchmark: apt-get install libbenchmark-dev)"));
        }
        if (seal.isEmpty()) {
            out.add(SuiteResult.skipped("native@seal", NativeBinaries.SEAL + " not built (the SEAL backend needs "
                    + "Microsoft SEAL >= 4.1 found by CMake, e.g. CMAKE_PREFIX_PATH=/opt/seal)"));
        }
        boolean quick = ctx.quick();
        double minTime = quick ? 0.05 : 0.2;
        List<JsonNode> ownDocs = new ArrayList<>();
        List<JsonNode> sealDocs = new ArrayList<>();
        List<String> ownCmds = new ArrayList<>();
        List<String> sealCmds = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        double ownSecs = 0;
        double sealSecs = 0;
        if (own.isPresent()) {
            // Ring kernels are short and stable: 3 repetitions of 0.1 s keep the full run within its budget.
            Run r = invoke(ctx, own.get(), new Invocation(quick ? RING_FILTER_QUICK : RING_FILTER_FULL,
                    3, Math.min(minTime, 0.1), "native-ring"));
            r.doc().ifPresent(ownDocs::add);
            r.problem().ifPresent(problems::add);
            ownCmds.add(r.command());
            ownSecs += r.seconds();
        }
        int rounds = seal.isPresent() ? (quick ? 2 : 3) : 1;
        int repsPerRound = seal.isPresent() ? 2 : (quick ? 3 : 5);
        String ckksFilter = quick ? CKKS_FILTER_QUICK : CKKS_FILTER_FULL;
        for (int round = 1; round <= rounds; round++) {
            if (own.isPresent()) {
                Run r = invoke(ctx, own.get(), new Invocation(ckksFilter, repsPerRound, minTime, "native-ckks-" + round));
                r.doc().ifPresent(ownDocs::add);
                r.problem().ifPresent(problems::add);
                ownCmds.add(r.command());
                ownSecs += r.seconds();
            }
            if (seal.isPresent()) {
                Run r = invoke(ctx, seal.get(), new Invocation(ckksFilter, repsPerRound, minTime, "seal-ckks-" + round));
                r.doc().ifPresent(sealDocs::add);
                r.problem().ifPresent(problems::add);
                sealCmds.add(r.command());
                sealSecs += r.seconds();
            }
        }
        String interleave = seal.isPresent() ? " (CKKS: " + rounds + " interleaved rounds x " + repsPerRound
                + " repetitions with the SEAL suite)" : "";
        if (own.isPresent()) {
            out.add(result(ctx, "native@he4j", Backends.OWN, own.get(), ownDocs, ownCmds, ownSecs, interleave,
                    problems));
        }
        if (seal.isPresent()) {
            out.add(result(ctx, "native@seal", Backends.SEAL, seal.get(), sealDocs, sealCmds, sealSecs, interleave,
                    problems));
        }
        return out;
    }

    record Run(Optional<JsonNode> doc, Optional<String> problem, String command, double seconds) {
    }

    static Run invoke(BenchContext ctx, Path binary, Invocation inv) {
        Path raw = ctx.rawDir();
        Path json = raw.resolve(inv.tag() + ".json");
        List<String> cmd = List.of(binary.toString(), "--benchmark_out=" + json, "--benchmark_out_format=json",
                "--benchmark_report_aggregates_only=false", "--benchmark_display_aggregates_only=true",
                "--benchmark_filter=" + inv.filter(), "--benchmark_repetitions=" + inv.repetitions(),
                "--benchmark_min_time=" + inv.minTime());
        String display = ProcessRunner.display(cmd).replace(ctx.root() + "/", "").replace(raw + "/", "raw/");
        ctx.progress("native: " + display);
        ProcessRunner.Outcome o = ProcessRunner.run(cmd, ctx.root(), Map.of(),
                Duration.ofMinutes(ctx.quick() ? 3 : 10), raw.resolve(inv.tag() + ".txt"),
                raw.resolve(inv.tag() + ".err"));
        Optional<String> problem = o.ok() ? Optional.empty() : Optional.of(binary.getFileName() + " " + inv.tag()
                + " exited " + o.exitCode() + (o.timedOut() ? " (time limit)" : "") + ": " + o.stderrTail());
        if (!Files.exists(json)) {
            return new Run(Optional.empty(), problem.or(() -> Optional.of("no JSON from " + inv.tag())), display,
                    o.seconds());
        }
        try {
            return new Run(Optional.of(ResultsJson.mapper().readTree(json.toFile())), problem, display, o.seconds());
        } catch (IOException e) {
            return new Run(Optional.empty(), Optional.of("unreadable " + json + ": " + e.getMessage()), display,
                    o.seconds());
        }
    }

    /** Pools the benchmark rows of several invocations into one document (context of the first). */
    static JsonNode merge(List<JsonNode> docs) {
        ObjectNode merged = ResultsJson.mapper().createObjectNode();
        merged.set("context", docs.isEmpty() ? ResultsJson.mapper().createObjectNode() : docs.get(0).path("context"));
        ArrayNode all = merged.putArray("benchmarks");
        for (JsonNode d : docs) {
            d.path("benchmarks").forEach(all::add);
        }
        return merged;
    }

    private static SuiteResult result(BenchContext ctx, String suiteName, String backend, Path binary,
                                      List<JsonNode> docs, List<String> cmds, double seconds, String interleave,
                                      List<String> problems) {
        String command = String.join(" ; ", cmds);
        if (docs.isEmpty()) {
            return SuiteResult.failed(suiteName, String.join("; ", problems), seconds, command);
        }
        JsonNode doc = merge(docs);
        List<Figure> figures = new ArrayList<>(GoogleBenchmarkJson.figures(doc, "native", backend, command));
        figures.addAll(GoogleBenchmarkJson.sizeCounters(doc, backend, command));
        String detail = figures.size() + " figures from " + ctx.root().relativize(binary) + interleave
                + (problems.isEmpty() ? "" : "; problems: " + String.join("; ", problems));
        return new SuiteResult(new SuiteRun(suiteName, problems.isEmpty() ? SuiteRun.Status.RAN
                : SuiteRun.Status.FAILED, detail, seconds, command), figures);
    }
}
