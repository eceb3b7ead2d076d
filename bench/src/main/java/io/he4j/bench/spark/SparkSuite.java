package io.he4j.bench.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.he4j.bench.BenchContext;
import io.he4j.bench.ProcessRunner;
import io.he4j.bench.SuiteResult;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;
import io.he4j.bench.model.SuiteRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Encrypted batch scoring as a Spark job against the single-machine batch path: 1,000,000 stored Cleveland LR
 * records and the digits MLP, in {@code local[1]} and {@code local[2]}. Spark needs its own JVM flags and jars
 * ({@code spark/jvm.options}, {@code spark/target/spark-lib}), so {@link SparkBench} measures in a child JVM.
 */
public final class SparkSuite {
    public static final String SUITE = "spark";

    private SparkSuite() {
    }

    public static SuiteResult run(BenchContext ctx) {
        long t0 = System.nanoTime();
        String command = "./he4j bench --only spark";
        try {
            Path lib = ctx.root().resolve("spark/target/spark-lib");
            if (!Files.isDirectory(lib)) {
                throw new IllegalStateException(lib + " is missing: build the spark module (mvn package)");
            }
            Path work = Files.createDirectories(ctx.rawDir().resolve("spark"));
            int lr = ctx.quick() ? 100_000 : 1_000_000;
            int digits = ctx.quick() ? 10_000 : 50_000;
            List<String> cmd = List.of(BenchContext.javaBin(), "@" + ctx.root().resolve("spark/jvm.options"),
                    "-Dlog4j2.configurationFile=" + ctx.root().resolve("spark/log4j2-local.properties"),
                    // a heap touched once at start, as a long-running executor's is: without it, the first touch
                    // of each page of a growing young generation (a page fault, and zeroing) cost the runs more
                    // than reading the records (bench/probes/SparkPhases.java); the same for every path measured
                    "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch",
                    // G1 regions of 32 MB, as docs/spark.md advises for executors: a stored batch (1.7 MB for
                    // Cleveland LR, 11 MB for the digits MLP) is then an ordinary young object, not a humongous one
                    // (half a region or more) allocated under the heap lock; measured: the Parquet job on two
                    // threads 1.09-1.22x -> 1.53x one thread (bench/probes/ParquetJobScaling.java), Spark local[2]
                    // / local[1] about 1.45 -> 1.53
                    "-XX:G1HeapRegionSize=32m",
                    "-cp", lib + "/*:" + BenchContext.classPath(), SparkBench.class.getName(), work.toString(),
                    ctx.dataDir().orElseThrow(() -> new IllegalStateException("datasets not found")).toString(),
                    String.valueOf(lr), String.valueOf(digits), ctx.quick() ? "1" : "5");
            ctx.progress("spark: " + lr + " LR and " + digits + " digits MLP records, local[1] and local[2]");
            ProcessRunner.Outcome o = ProcessRunner.run(cmd, ctx.root(), Map.of(), Duration.ofMinutes(40),
                    work.resolve("stdout.txt"), work.resolve("stderr.txt"));
            if (!o.ok()) {
                throw new IllegalStateException("SparkBench failed (exit " + o.exitCode() + "): " + o.stderrTail());
            }
            List<Figure> figures = new ArrayList<>();
            JsonNode json = new ObjectMapper().readTree(work.resolve("spark.json").toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                double v = e.getValue().asDouble();
                figures.add(new Figure(Figure.idOf(SUITE, e.getKey(), "he4j"), SUITE, e.getKey(), unit(e.getKey()), v,
                        Spread.exact(v), Map.of(), "he4j", "n/a", command));
            }
            return new SuiteResult(new SuiteRun(SUITE, SuiteRun.Status.RAN, "Spark scoring job vs the batch path",
                    (System.nanoTime() - t0) / 1e9, command), figures);
        } catch (IOException | RuntimeException e) {
            return SuiteResult.failed(SUITE, e.toString(), (System.nanoTime() - t0) / 1e9, command);
        }
    }

    private static String unit(String name) {
        if (name.contains("_vs_")) {
            return "ratio";
        }
        if (name.endsWith("_seconds")) {
            return "s";
        }
        if (name.endsWith("_cores_busy")) {
            return "cores";
        }
        if (name.endsWith("_per_s")) {
            return "predictions/s";
        }
        if (name.endsWith("_per_cpu_s")) {
            return "predictions/CPU s";
        }
        return name.endsWith("bytes_per_prediction") ? "bytes" : "count";
    }
}
