package io.he4j.bench.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.he4j.bench.BenchContext;
import io.he4j.bench.ProcessRunner;
import io.he4j.bench.SuiteResult;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.ResultsJson;
import io.he4j.bench.model.SuiteRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plaintext vs encrypted evaluation per dataset: runs {@code ./he4j evaluate ... --json} (the ML module's
 * evaluation, in a fresh JVM per case, so one case cannot disturb another's timings) and keeps its numbers.
 */
public final class MlSuite {
    static final String CLI_MAIN = "io.he4j.cli.Main";
    static final long SEED = 42;

    private MlSuite() {
    }

    public static SuiteResult run(BenchContext ctx) {
        String suite = "ml";
        if (ClassLoader.getSystemClassLoader().getResource(CLI_MAIN.replace('.', '/') + ".class") == null) {
            return SuiteResult.skipped(suite, "the he4j CLI (evaluate) is not on the class path; run ./he4j bench");
        }
        if (ctx.dataDir().isEmpty()) {
            return SuiteResult.skipped(suite, "no ../shared/data beside the repository (see its README for the files)");
        }
        Path data = ctx.dataDir().get();
        List<Figure> figures = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        double seconds = 0;
        List<MlCase> cases = ctx.quick() ? MlCase.quick() : MlCase.all();
        for (MlCase c : cases) {
            if (!Files.exists(data.resolve(c.dataFile()))) {
                problems.add(c.id() + ": missing " + c.dataFile());
                continue;
            }
            List<String> args = c.evaluateArgs(data, SEED, ctx.quick() ? 100 : 300);
            List<String> cmd = new ArrayList<>(List.of(BenchContext.javaBin(), "--enable-native-access=ALL-UNNAMED",
                    "-cp", BenchContext.classPath(), CLI_MAIN, "evaluate"));
            cmd.addAll(args);
            String display = "./he4j evaluate " + ProcessRunner.display(args);
            ctx.progress("ml " + c.id() + ": " + display);
            Path outFile = ctx.rawDir().resolve("ml-" + c.id() + ".json");
            ProcessRunner.Outcome o = ProcessRunner.run(cmd, ctx.root(), Map.of(),
                    Duration.ofMinutes(ctx.quick() ? 2 : 5), outFile, ctx.rawDir().resolve("ml-" + c.id() + ".err"));
            seconds += o.seconds();
            if (!o.ok()) {
                problems.add(c.id() + ": exit " + o.exitCode() + (o.timedOut() ? " (timed out)" : "") + ": "
                        + firstLine(o.stderrTail()));
                continue;
            }
            try {
                JsonNode root = ResultsJson.mapper().readTree(lastJsonObject(o.stdoutText()));
                figures.addAll(EvaluateJson.figures(root, c, display));
            } catch (Exception e) {
                problems.add(c.id() + ": unreadable JSON (" + e.getMessage() + ")");
            }
        }
        String detail = figures.size() + " figures from " + cases.size() + " cases"
                + (problems.isEmpty() ? "" : "; problems: " + String.join("; ", problems));
        SuiteRun.Status status = figures.isEmpty() ? SuiteRun.Status.FAILED : SuiteRun.Status.RAN;
        return new SuiteResult(new SuiteRun(suite, status, detail, seconds, "./he4j evaluate --data <file> <data options> "
                + "--model <lr|mlp> --mode <single|batch> --seed " + SEED + " [--queries Q] --json"), figures);
    }

    /** evaluate may print progress before the JSON: keep the last top-level object. */
    static String lastJsonObject(String stdout) {
        int start = stdout.lastIndexOf("\n{");
        String s = start >= 0 ? stdout.substring(start + 1) : stdout.substring(Math.max(0, stdout.indexOf('{')));
        return s.strip();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
