package io.he4j.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.bench.jmh.CkksOp;
import io.he4j.bench.jmh.CkksOverheadProbe;
import io.he4j.bench.model.Backends;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.ResultsJson;
import io.he4j.bench.model.Results;
import io.he4j.bench.model.SuiteRun;
import io.he4j.bench.nativebench.GoogleBenchmarkJson;
import io.he4j.bench.probe.SizesProbe;
import io.he4j.ckks.He4j;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny run made by the harness's own code, for the schema and report tests: a Google-Benchmark-format
 * document built from a few real (tiny) timings, parsed by the real parser; the real size probe at P8K; a
 * short run of the real paired Java-overhead probe; and an ML evaluation object parsed by the real parser. No timing is asserted anywhere.
 */
final class SyntheticRun {
    private SyntheticRun() {
    }

    static Results make() {
        List<SuiteResult> suites = new ArrayList<>();
        String cmd = "SyntheticRun (unit test)";
        List<Figure> nat = GoogleBenchmarkJson.figures(gbenchDocument(), "native", Backends.OWN, cmd);
        suites.add(new SuiteResult(new SuiteRun("native@he4j", SuiteRun.Status.RAN, "synthetic", 0.01, cmd), nat));
        var info = He4j.info();
        suites.add(new SuiteResult(new SuiteRun("sizes+memory@he4j", SuiteRun.Status.RAN, "in-process", 0.1, cmd),
                io.he4j.bench.probe.SizesProbeAccess.sizes("P8K", info, cmd)));
        suites.add(new SuiteResult(new SuiteRun("java-overhead@he4j", SuiteRun.Status.RAN, "in-process", 0.1, cmd),
                pairedOverhead(info, cmd)));
        suites.add(SuiteResult.skipped("ml", "not run by unit tests"));
        return BenchRunner.assemble(Instant.now().truncatedTo(ChronoUnit.SECONDS), "test", "quick", cmd, 0.2,
                MachineInfo.detect(), List.of("synthetic run by a unit test"), suites);
    }

    /** The real paired probe, briefly: add at P8K, 50 ms of warmup, then at least 15 pairs. */
    private static List<Figure> pairedOverhead(io.he4j.ckks.LibraryInfo info, String cmd) {
        try {
            return new CkksOverheadProbe(50_000_000L, 1_000_000L).figures(List.of("P8K"), List.of(CkksOp.ADD), info, cmd);
        } catch (Throwable t) {
            throw new AssertionError("paired overhead probe failed", t);
        }
    }

    /** Google Benchmark JSON with 3 repetitions of a few loops timed here and now. */
    static ObjectNode gbenchDocument() {
        ObjectNode root = ResultsJson.mapper().createObjectNode();
        root.putObject("context").put("kernel", "synthetic");
        ArrayNode arr = root.putArray("benchmarks");
        for (String name : List.of("ntt_forward/8192/40", "ntt_forward_scalar/8192/40", "ckks_add/P8K")) {
            int work = name.contains("scalar") ? 20_000 : 2_000;
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                double acc = 0;
                for (int i = 0; i < work; i++) {
                    acc += Math.sqrt(i + rep);
                }
                double us = Math.max(1, System.nanoTime() - t0) / 1e3 + (acc < 0 ? 1 : 0);
                ObjectNode b = arr.addObject();
                b.put("name", name);
                b.put("run_name", name);
                b.put("run_type", "iteration");
                b.put("repetitions", 3);
                b.put("repetition_index", rep);
                b.put("iterations", 1);
                b.put("real_time", us);
                b.put("cpu_time", us);
                b.put("time_unit", "us");
                b.put("label", "synthetic");
            }
            ObjectNode agg = arr.addObject();
            agg.put("name", name + "_median");
            agg.put("run_name", name);
            agg.put("run_type", "aggregate");
            agg.put("aggregate_name", "median");
            agg.put("real_time", 1e9);
            agg.put("time_unit", "us");
        }
        return root;
    }
}
