package io.he4j.bench.jmh;

import io.he4j.bench.BenchContext;
import io.he4j.bench.SuiteResult;
import io.he4j.bench.model.Backends;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;
import io.he4j.bench.model.SuiteRun;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs JMH benchmarks programmatically (org.openjdk.jmh.runner.Runner): one fork per benchmark, the fork
 * with --enable-native-access and the backend's system property; quick mode shortens warmup and measurement.
 * Each benchmark's figure is the median of its measurement iterations (average time per op), spread over them.
 */
public final class JmhSuite {
    /** How one JMH result is named in the report. */
    public record Naming(String suite, Function<RunResult, Optional<String>> name) {
    }

    /** Quick mode times these five (one fork each) to keep under two minutes; the full run times all 13. */
    static final List<String> QUICK_CKKS_METHODS = List.of("encode", "encryptSk", "add", "multiplyRelin", "rotate1");

    private JmhSuite() {
    }

    /**
     * The CKKS primitives suite (names ckks_<op>/<preset>, as the native suite). The SEAL backend runs at P8K
     * only (it is there for the Java-side comparison, not for a target), which keeps the full run in budget.
     */
    public static SuiteResult ckks(BenchContext ctx, String backend, String cpuPath, List<String> jvmArgs) {
        List<String> presets = ctx.quick() || Backends.SEAL.equals(backend) ? List.of("P8K")
                : List.of(CkksOp.PRESETS);
        Naming naming = new Naming("jmh-ckks", r -> CkksOp.ofJavaMethod(method(r.getParams()))
                .map(op -> op.benchName(r.getParams().getParam("preset"))));
        String include = CkksPrimitivesBench.class.getName() + "\\."
                + (ctx.quick() ? "(" + String.join("|", QUICK_CKKS_METHODS) + ")$" : "");
        return run(ctx, backend, cpuPath, naming, include, Map.of("preset", presets), jvmArgs, "jmh-ckks");
    }

    public static SuiteResult run(BenchContext ctx, String backend, String cpuPath, Naming naming, String include,
                                  Map<String, List<String>> params, List<String> jvmArgs, String tag) {
        String suiteName = naming.suite() + "@" + backend;
        Path raw = ctx.rawDir();
        Path json = raw.resolve(tag + "-" + backend + ".json");
        Path log = raw.resolve(tag + "-" + backend + ".txt");
        ChainedOptionsBuilder b = new OptionsBuilder().include(include).forks(1).threads(1)
                .jvmArgsAppend(jvmArgsOf(backend, jvmArgs))
                .resultFormat(ResultFormatType.JSON).result(json.toString()).output(log.toString())
                .shouldFailOnError(false);
        if (ctx.quick()) {
            b.warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(200));
        } else {
            b.warmupIterations(2).warmupTime(TimeValue.milliseconds(400))
                    .measurementIterations(5).measurementTime(TimeValue.milliseconds(300));
        }
        params.forEach((k, v) -> b.param(k, v.toArray(String[]::new)));
        String command = "JMH " + include + " params " + params + (ctx.quick()
                ? " fork 1, warmup 1x200ms, measure 3x200ms" : " fork 1, warmup 2x400ms, measure 5x300ms")
                + ", -Dhe4j.backend=" + backend + " (via ./he4j bench" + (ctx.quick() ? " --quick" : "") + ")";
        ctx.progress(suiteName + ": " + command + " (log " + log + ")");
        long t0 = System.nanoTime();
        try {
            Collection<RunResult> results = new Runner(b.build()).run();
            double secs = (System.nanoTime() - t0) / 1e9;
            List<Figure> figures = figures(results, naming, backend, cpuPath, command);
            if (figures.isEmpty()) {
                return SuiteResult.failed(suiteName, "JMH produced no results (see " + log + ")", secs, command);
            }
            return new SuiteResult(new SuiteRun(suiteName, SuiteRun.Status.RAN, figures.size()
                    + " benchmarks; raw JMH JSON in " + ctx.outDir().relativize(json), secs, command), figures);
        } catch (RunnerException | RuntimeException e) {
            return SuiteResult.failed(suiteName, "JMH failed: " + e.getMessage() + " (see " + log + ")",
                    (System.nanoTime() - t0) / 1e9, command);
        }
    }

    private static String[] jvmArgsOf(String backend, List<String> extra) {
        List<String> a = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-Dhe4j.backend=" + backend));
        a.addAll(extra);
        return a.toArray(String[]::new);
    }

    static List<Figure> figures(Collection<RunResult> results, Naming naming, String backend, String cpuPath,
                                String command) {
        List<Figure> out = new ArrayList<>();
        for (RunResult r : results) {
            Optional<String> name = naming.name().apply(r);
            if (name.isEmpty() || r.getPrimaryResult() == null) {
                continue;
            }
            Statistics st = r.getPrimaryResult().getStatistics();
            if (st.getN() == 0) {
                continue;
            }
            double median = st.getPercentile(50);
            Spread spread = new Spread(Math.min(st.getMin(), median), Math.max(st.getMax(), median),
                    Math.min(median, Math.max(st.getMin(), st.getPercentile(25))),
                    Math.max(median, Math.min(st.getMax(), st.getPercentile(75))), (int) st.getN());
            Map<String, Object> params = new LinkedHashMap<>();
            BenchmarkParams bp = r.getParams();
            params.put("benchmark", bp.getBenchmark());
            for (String k : bp.getParamsKeys()) {
                params.put(k, bp.getParam(k));
            }
            params.put("mode", bp.getMode().shortLabel());
            params.put("jmh_unit", r.getPrimaryResult().getScoreUnit());
            String unit = unitOf(r.getPrimaryResult().getScoreUnit());
            out.add(new Figure(Figure.idOf(naming.suite(), name.get(), backend), naming.suite(), name.get(), unit,
                    median, spread, params, backend, cpuPath, command));
        }
        return out;
    }

    /** JMH score units to report units: "us/op" -> us, "ops/s" -> ops/s. */
    static String unitOf(String jmhUnit) {
        return switch (jmhUnit) {
            case "us/op" -> "us";
            case "ms/op" -> "ms";
            case "ns/op" -> "ns";
            case "s/op" -> "s";
            default -> jmhUnit;
        };
    }

    static String method(BenchmarkParams p) {
        String b = p.getBenchmark();
        return b.substring(b.lastIndexOf('.') + 1);
    }

    /** The backend a JMH fork ran on, from its JVM arguments (default: the project's engine). */
    static String backendOf(BenchmarkParams p) {
        for (String a : p.getJvmArgs()) {
            if (a.equals("-Dhe4j.backend=seal")) {
                return Backends.SEAL;
            }
        }
        return Backends.OWN;
    }
}
