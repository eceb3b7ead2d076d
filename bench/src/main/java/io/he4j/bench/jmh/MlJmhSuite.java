package io.he4j.bench.jmh;

import io.he4j.bench.BenchContext;
import io.he4j.bench.SuiteResult;
import io.he4j.bench.ml.MlCase;
import io.he4j.bench.model.Backends;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;
import io.he4j.bench.model.SuiteRun;
import org.openjdk.jmh.results.RunResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Encrypted vs plaintext inference through the ML module's protocols, under JMH: single query
 * ({@code jmh-ml/<case>/single_<plaintext|e2e|server>}) and batches of several sizes
 * ({@code jmh-ml/<case>/batch_<plaintext|e2e|server>/<size>}, time per batch), plus the server throughput at
 * the largest batch ({@code jmh-ml/<case>/batch_throughput}, predictions per second, derived from the
 * measured time per batch).
 */
public final class MlJmhSuite {
    static final String SUITE = "jmh-ml";

    private MlJmhSuite() {
    }

    public static SuiteResult run(BenchContext ctx, String cpuPath) {
        if (ctx.dataDir().isEmpty()) {
            return SuiteResult.failed(SUITE, "no ../shared/data beside the repository", 0, "n/a");
        }
        Path models = ctx.rawDir().resolve("models");
        List<MlCase> single = MlCase.jmhSingle(ctx.quick());
        List<MlCase> batched = MlCase.jmhBatch(ctx.quick());
        try {
            for (MlCase c : java.util.stream.Stream.concat(single.stream(), batched.stream()).distinct().toList()) {
                MlWorkload.trainAndSave(c, ctx.dataDir().get(), models);
            }
        } catch (Exception | LinkageError e) {
            return SuiteResult.failed(SUITE, "training the benchmark models failed: " + e.getMessage(), 0, "n/a");
        }
        List<String> cases = single.stream().map(MlCase::id).toList();
        List<String> batchCases = batched.stream().map(MlCase::id).toList();
        JmhSuite.Naming naming = new JmhSuite.Naming(SUITE, MlJmhSuite::name);
        List<String> jvm = List.of("-D" + MlWorkload.MODELS_PROPERTY + "=" + models,
                "-D" + MlWorkload.DATA_PROPERTY + "=" + ctx.dataDir().get());
        SuiteResult singleRun = JmhSuite.run(ctx, Backends.OWN, cpuPath, naming,
                MlSingleQueryBench.class.getName() + "\\.", Map.of("model", cases), jvm, "jmh-ml-single");
        // Quick: the server at the largest batch only (the throughput bar); full: every kind at 1, 64, 2048.
        String batchInclude = MlBatchBench.class.getName() + "\\." + (ctx.quick() ? "encryptedServer$" : "");
        SuiteResult batchRun = JmhSuite.run(ctx, Backends.OWN, cpuPath, naming, batchInclude,
                Map.of("model", batchCases, "batch", ctx.quick() ? List.of("2048") : List.of("1", "64", "2048")),
                jvm, "jmh-ml-batch");
        List<Figure> figures = new ArrayList<>(singleRun.figures());
        figures.addAll(batchRun.figures());
        figures.addAll(throughputs(batchRun.figures()));
        SuiteRun.Status status = figures.isEmpty() ? SuiteRun.Status.FAILED : SuiteRun.Status.RAN;
        return new SuiteResult(new SuiteRun(SUITE, status, "single: " + singleRun.run().detail() + "; batch: "
                + batchRun.run().detail(), singleRun.run().seconds() + batchRun.run().seconds(),
                singleRun.run().command() + " ; " + batchRun.run().command()), figures);
    }

    static Optional<String> name(RunResult r) {
        String method = JmhSuite.method(r.getParams());
        String kind = switch (method) {
            case "plaintext" -> "plaintext";
            case "encryptedEndToEnd" -> "e2e";
            case "encryptedServer" -> "server";
            default -> "";
        };
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String model = r.getParams().getParam("model");
        String batch = r.getParams().getParam("batch");
        return Optional.of(batch == null ? model + "/single_" + kind : model + "/batch_" + kind + "/" + batch);
    }

    /** Server predictions per second at each case's largest measured batch. */
    static List<Figure> throughputs(List<Figure> batchFigures) {
        Map<String, Figure> largest = new LinkedHashMap<>();
        for (Figure f : batchFigures) {
            String[] parts = f.name().split("/");
            if (parts.length != 3 || !parts[1].equals("batch_server")) {
                continue;
            }
            Figure prev = largest.get(parts[0]);
            if (prev == null || Integer.parseInt(parts[2]) > Integer.parseInt(prev.name().split("/")[2])) {
                largest.put(parts[0], f);
            }
        }
        List<Figure> out = new ArrayList<>();
        largest.forEach((c, f) -> {
            double b = Double.parseDouble(f.name().split("/")[2]);
            double us = f.median();
            Map<String, Object> params = new LinkedHashMap<>(f.params());
            params.put("batch", (long) b);
            params.put("derived_from", f.id());
            Spread s = f.spread();
            out.add(new Figure(SUITE + "/" + c + "/batch_throughput", SUITE, c + "/batch_throughput", "ops/s",
                    b / us * 1e6, new Spread(b / s.max() * 1e6, b / s.min() * 1e6, b / s.p75() * 1e6,
                    b / s.p25() * 1e6, s.n()), params, f.backend(), f.cpuPath(), f.command()));
        });
        return out;
    }
}
