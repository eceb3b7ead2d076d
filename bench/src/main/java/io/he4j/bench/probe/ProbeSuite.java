package io.he4j.bench.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.he4j.bench.BenchContext;
import io.he4j.bench.ProcessRunner;
import io.he4j.bench.SuiteResult;
import io.he4j.bench.jmh.CkksOp;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.ResultsJson;
import io.he4j.bench.model.SuiteRun;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@link SizesProbe} in a fresh JVM for one backend and collects its figures. */
public final class ProbeSuite {
    private ProbeSuite() {
    }

    public static SuiteResult run(BenchContext ctx, String backend, List<String> jvmArgs) {
        String suite = "sizes+memory@" + backend;
        List<String> cmd = new ArrayList<>(List.of(BenchContext.javaBin(), "--enable-native-access=ALL-UNNAMED",
                "-Dhe4j.backend=" + backend, "-cp", BenchContext.classPath()));
        cmd.addAll(jvmArgs);
        List<String> presets = ctx.quick() ? List.of("P8K") : List.of(CkksOp.PRESETS);
        String display = "java --enable-native-access=ALL-UNNAMED -Dhe4j.backend=" + backend
                + (jvmArgs.isEmpty() ? "" : " " + String.join(" ", jvmArgs)) + " -cp <he4j-cli.jar> "
                + SizesProbe.class.getName() + " " + String.join(" ", presets);
        cmd.add("-Dhe4j.bench.command=" + display);
        cmd.add(SizesProbe.class.getName());
        cmd.addAll(presets);
        ctx.progress(suite + ": " + display);
        ProcessRunner.Outcome o = ProcessRunner.run(cmd, ctx.root(), Map.of(), Duration.ofMinutes(3),
                ctx.rawDir().resolve("sizes-" + backend + ".json"), ctx.rawDir().resolve("sizes-" + backend + ".err"));
        if (!o.ok()) {
            return SuiteResult.failed(suite, "probe failed (exit " + o.exitCode() + "): " + o.stderrTail(),
                    o.seconds(), display);
        }
        try {
            JsonNode root = ResultsJson.mapper().readTree(o.stdoutText());
            List<Figure> figures = new ArrayList<>();
            for (JsonNode f : root.path("figures")) {
                figures.add(ResultsJson.figureFromJson(f));
            }
            JsonNode lib = root.path("library");
            return new SuiteResult(new SuiteRun(suite, SuiteRun.Status.RAN, figures.size() + " figures; library "
                    + lib.path("version").asText() + " backend " + lib.path("backend").asText() + " cpu path "
                    + lib.path("cpu_path").asText(), o.seconds(), display), figures);
        } catch (IOException | RuntimeException e) {
            return SuiteResult.failed(suite, "unreadable probe output: " + e.getMessage(), o.seconds(), display);
        }
    }
}
