package io.he4j.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import io.he4j.bench.BenchContext;
import io.he4j.bench.ProcessRunner;
import io.he4j.bench.SuiteResult;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.ResultsJson;
import io.he4j.bench.model.SuiteRun;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@link CkksOverheadProbe} in a fresh JVM (the project's engine) and collects its figures. */
public final class CkksOverheadSuite {
    private CkksOverheadSuite() {
    }

    public static SuiteResult run(BenchContext ctx, String backend) {
        String suite = CkksOverheadProbe.SUITE + "@" + backend;
        List<String> presets = ctx.quick() ? List.of("P8K") : List.of(CkksOp.PRESETS);
        List<String> args = new ArrayList<>(presets);
        if (ctx.quick()) {
            args.addFirst("--quick");
        }
        String display = "java --enable-native-access=ALL-UNNAMED -Dhe4j.backend=" + backend
                + " -cp <he4j-cli.jar> " + CkksOverheadProbe.class.getName() + " " + String.join(" ", args);
        List<String> cmd = new ArrayList<>(List.of(BenchContext.javaBin(), "--enable-native-access=ALL-UNNAMED",
                "-Dhe4j.backend=" + backend, "-cp", BenchContext.classPath(), "-Dhe4j.bench.command=" + display,
                CkksOverheadProbe.class.getName()));
        cmd.addAll(args);
        ctx.progress(suite + ": " + display);
        ProcessRunner.Outcome o = ProcessRunner.run(cmd, ctx.root(), Map.of(), Duration.ofMinutes(5),
                ctx.rawDir().resolve("java-overhead-" + backend + ".json"),
                ctx.rawDir().resolve("java-overhead-" + backend + ".err"));
        if (!o.ok()) {
            return SuiteResult.failed(suite, "probe failed (exit " + o.exitCode() + "): " + o.stderrTail(),
                    o.seconds(), display);
        }
        try {
            List<Figure> figures = new ArrayList<>();
            for (JsonNode f : ResultsJson.mapper().readTree(o.stdoutText()).path("figures")) {
                figures.add(ResultsJson.figureFromJson(f));
            }
            return new SuiteResult(new SuiteRun(suite, SuiteRun.Status.RAN, figures.size()
                    + " figures: API vs bare downcall, paired in one JVM", o.seconds(), display), figures);
        } catch (IOException | RuntimeException e) {
            return SuiteResult.failed(suite, "unreadable probe output: " + e.getMessage(), o.seconds(), display);
        }
    }
}
